"""What a name the catalogue does not hold may have meant: close tool and server names, offered with the error."""

import difflib
import re

from catalog.database import Reader

WORD = re.compile(r"\w+", re.UNICODE)


def close_tools(reader: Reader, name: str) -> list[str]:
    """Tools whose name is close to ``name``, as ``server/tool`` (what `risk` takes without more options)."""
    close = _close_names(reader, name)
    if not close:
        return []
    marks = ",".join(f":c{i}" for i in range(len(close)))
    rows = reader.rows(
        f"SELECT t.name, s.slug FROM tool t JOIN server s ON s.id = t.server_id WHERE t.name IN ({marks}) "
        "AND NOT t.removed ORDER BY s.slug LIMIT 50",
        {f"c{i}": c for i, c in enumerate(close)},
    )
    by_name: dict[str, list[str]] = {}
    for row in rows:
        by_name.setdefault(row["name"], []).append(f"{row['slug']}/{row['name']}")
    return [full for c in close for full in by_name.get(c, [])][:8]


def _close_names(reader: Reader, name: str) -> list[str]:
    words = WORD.findall(name.replace("_", " "))
    if not words:
        return []
    if reader.dialect == "sqlite":
        q = " OR ".join(f'name : "{w}"*' for w in words)
        pool = [
            r["name"]
            for r in reader.rows(
                "SELECT DISTINCT name FROM tool WHERE id IN "
                "(SELECT rowid FROM tool_fts WHERE tool_fts MATCH :q LIMIT 500)",
                {"q": q},
            )
        ]
    else:
        pool = [
            r["name"]
            for r in reader.rows(
                "SELECT DISTINCT name FROM tool WHERE lower(name) LIKE :w LIMIT 500", {"w": f"%{words[0].lower()}%"}
            )
        ]
    if len(pool) < 500:  # "getjob": no word of it starts a word of get_job; its first letters start the name
        pool += [
            r["name"]
            for r in reader.rows(
                "SELECT DISTINCT name FROM tool WHERE lower(name) LIKE :p LIMIT 500", {"p": f"{name[:3].lower()}%"}
            )
        ]
    squashed = {p.replace("_", "").replace("-", "").lower(): p for p in pool}
    exact = squashed.get(name.replace("_", "").replace("-", "").lower())
    close = difflib.get_close_matches(name, sorted(set(pool)), n=5, cutoff=0.5)
    return ([exact] if exact else []) + [c for c in close if c != exact]


def close_servers(reader: Reader, name: str) -> list[str]:
    words = WORD.findall(name)
    if not words:
        return []
    pool = [
        r["slug"]
        for r in reader.rows(
            "SELECT slug FROM server WHERE lower(slug) LIKE :w LIMIT 500", {"w": f"%{words[0].lower()[:4]}%"}
        )
    ]
    return difflib.get_close_matches(name, pool, n=5, cutoff=0.4)
