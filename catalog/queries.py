"""Answering risk questions from the catalogue: the library behind ``mcprisk risk/server/search/stats/policy/export``.

Plain SQL through :class:`catalog.database.Reader`, so a lookup never pays for importing an ORM,
and the same statements run on SQLite and PostgreSQL (full-text search uses FTS5 on SQLite and a
LIKE scan elsewhere).
"""

from collections.abc import Iterator
from typing import Any

from catalog import policies
from catalog.answers import server_introspection
from catalog.core.errors import AmbiguousError, InputError, NotFoundError
from catalog.core.taxonomy import CATEGORIES, RISKS, choice
from catalog.database import Reader
from catalog.differences import tool_difference
from catalog.suggestions import WORD, close_servers, close_tools
from catalog.verdict_rows import TOOL_JOINS, count_by, tool_rows

PG_TOOL_TEXT = "to_tsvector('english', t.name || ' ' || coalesce(t.title, '') || ' ' || coalesce(t.description, ''))"
PG_SERVER_TEXT = (
    "to_tsvector('english', s.slug || ' ' || coalesce(s.registry_name, '') || ' ' || coalesce(s.title, '') "
    "|| ' ' || coalesce(s.description, ''))"
)


def find_server(reader: Reader, name: str) -> dict[str, Any]:
    """A server by slug, registry name or repository (``github.com/owner/repo``), else by the words of its title,
    slug and registry name (``krea`` finds "Krea MCP Server" when no other server has the word)."""
    row = reader.one(
        "SELECT * FROM server WHERE slug = :n OR registry_name = :n OR repository_url = :n ORDER BY id LIMIT 1",
        {"n": name},
        ("sources", "extra"),
    )
    if row is not None:
        return row
    words = [w.lower() for w in WORD.findall(name.replace("_", " "))]
    if words:
        text = "lower(s.slug || ' ' || coalesce(s.title, '') || ' ' || coalesce(s.registry_name, ''))"
        where = " AND ".join(f"{text} LIKE :w{i}" for i in range(len(words)))
        found = reader.rows(
            f"SELECT s.* FROM server s WHERE {where} ORDER BY s.slug LIMIT 20",
            {f"w{i}": f"%{w}%" for i, w in enumerate(words)},
            ("sources", "extra"),
        )
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousError(
                f"{len(found)}{'+' if len(found) == 20 else ''} servers match {name}: say which by slug",
                [r["slug"] for r in found],
            )
    raise NotFoundError(f"no server named {name}", close_servers(reader, name))


def tool_verdicts(reader: Reader, name: str, server: str | None = None) -> list[dict[str, Any]]:
    """Every catalogued tool that ``name`` (``tool`` or ``server/tool``) can mean, offered tools first."""
    if server is None and "/" in name:
        head, _, tail = name.rpartition("/")
        try:
            return tool_verdicts(reader, tail, head)
        except NotFoundError:
            pass  # perhaps a tool whose own name has a slash
    where, params = "t.name = :name", {"name": name}
    if server is not None:
        server_id = find_server(reader, server)["id"]
        where, params = where + " AND t.server_id = :sid", {**params, "sid": server_id}
    rows = tool_rows(reader, where, params, "ORDER BY t.removed, s.slug")
    if not rows:
        where_said = f" on server {server}" if server else ""
        raise NotFoundError(f"no tool named {name}{where_said}", close_tools(reader, name))
    return rows


def tool_verdict(reader: Reader, name: str, server: str | None = None) -> dict[str, Any]:
    """The one tool ``name`` means; several servers offering it is an error that lists them."""
    rows = tool_verdicts(reader, name, server)
    offered = [r for r in rows if not r["removed"]] or rows
    if len(offered) > 1:
        raise AmbiguousError(
            f"{len(offered)} servers offer a tool named {name}: say which with --server or SERVER/{name}",
            [f"{r['server']}/{r['name']}" for r in offered],
        )
    return offered[0]


def server_detail(reader: Reader, name: str) -> dict[str, Any]:
    server = find_server(reader, name)
    packages = reader.rows(
        "SELECT registry_type, identifier, version, transport, runtime_hint, registry_base_url, env_vars "
        "FROM package WHERE server_id = :sid ORDER BY registry_type, identifier",
        {"sid": server["id"]},
        ("env_vars",),
    )
    tools = tool_rows(reader, "t.server_id = :sid", {"sid": server["id"]}, "ORDER BY t.removed, t.name")
    offered = [t for t in tools if not t["removed"]]
    return {
        **server,
        "packages": packages,
        "tools": tools,
        "counts": {
            "tools": len(offered),
            "removed": len(tools) - len(offered),
            "category": count_by(offered, "category", CATEGORIES),
            "risk": count_by(offered, "risk", RISKS),
        },
        "introspection": server_introspection(reader, server["id"], tools),
        "differences": [{"tool": t["name"], **found} for t in tools if (found := tool_difference(t))],
    }


def search(
    reader: Reader,
    query: str,
    category: str | None = None,
    risk: str | None = None,
    server: str | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """Offered tools matching every word of ``query`` in their own text or their server's, best first."""
    words = WORD.findall(query)
    if not words:
        raise InputError("the search query has no words to look for")
    filters, params = ["NOT t.removed"], {"limit": limit}
    for column, value, allowed in (("a.category", category, CATEGORIES), ("a.risk", risk, RISKS)):
        if value is not None:
            filters.append(f"{column} = :{column[2:]}")
            params[column[2:]] = _choice(value, allowed, column[2:])
    if server is not None:
        filters.append("t.server_id = :sid")
        params["sid"] = find_server(reader, server)["id"]
    where = " AND ".join(filters)
    if reader.dialect == "sqlite":
        params["q"] = " ".join(f'"{w}"*' for w in words)
        found = tool_rows(
            reader,
            f"tool_fts MATCH :q AND {where}",
            params,
            "ORDER BY tool_fts.rank LIMIT :limit",
            source=f"FROM tool_fts JOIN tool t ON t.id = tool_fts.rowid {TOOL_JOINS}",
        )
        if len(found) < limit and server is None:  # then tools of servers whose own text matches
            seen = [r["id"] for r in found] or [0]
            found += tool_rows(
                reader,
                f"t.server_id IN (SELECT rowid FROM server_fts WHERE server_fts MATCH :q) AND {where} "
                f"AND t.id NOT IN ({','.join(str(i) for i in seen)})",
                {**params, "limit": limit - len(found)},
                "ORDER BY s.slug, t.name LIMIT :limit",
            )
        return found
    # PostgreSQL: the same expressions as the GIN indexes of migration 0001, so the indexes serve the query.
    params["q"] = " & ".join(f"{w}:*" for w in words)
    match = f"{PG_TOOL_TEXT} @@ to_tsquery('english', :q)"
    server_match = f"{PG_SERVER_TEXT} @@ to_tsquery('english', :q)"
    if server is None:
        where += f" AND ({match} OR {server_match})"
    else:
        where += f" AND {match}"
    order = f"ORDER BY ({match}) DESC, ts_rank({PG_TOOL_TEXT}, to_tsquery('english', :q)) DESC, s.slug, t.name"
    return tool_rows(reader, where, params, f"{order} LIMIT :limit")


def stats(reader: Reader) -> dict[str, Any]:
    counts = reader.one(
        "SELECT (SELECT count(*) FROM server) AS servers, "
        "(SELECT count(*) FROM tool WHERE NOT removed) AS tools, "
        "(SELECT count(*) FROM tool WHERE removed) AS removed_tools, "
        "(SELECT count(*) FROM assessment WHERE is_current) AS assessed"
    )
    assert counts is not None
    by = {
        key: {
            r["k"]: r["n"]
            for r in reader.rows(
                f"SELECT a.{key} AS k, count(*) AS n FROM assessment a JOIN tool t ON t.id = a.tool_id "
                f"WHERE a.is_current AND NOT t.removed GROUP BY a.{key}"
            )
        }
        for key in ("category", "risk")
    }
    runs = reader.rows(
        "SELECT source, max(finished) AS last_success FROM crawlrun WHERE status IN ('ok', 'partial') "
        "GROUP BY source ORDER BY source"
    )
    return {
        **counts,
        "category": {c: by["category"].get(c, 0) for c in CATEGORIES},
        "risk": {r: by["risk"].get(r, 0) for r in RISKS},
        "last_crawl": {r["source"]: r["last_success"] for r in runs},
    }


def server_policy(reader: Reader, name: str, tool: str | None = None) -> dict[str, Any]:
    """The recommended gateway policy for a server (or one of its tools), from the stored verdicts."""
    detail = server_detail(reader, name)
    tools = [t for t in detail["tools"] if not t["removed"] and (tool is None or t["name"] == tool)]
    if tool is not None and not tools:
        raise NotFoundError(f"no tool named {tool} on server {detail['slug']}", close_tools(reader, tool))
    unclassified = [t["name"] for t in tools if t["policy"] is None]
    if unclassified:
        raise NotFoundError(f"not classified yet: {', '.join(unclassified[:5])}: run `mcprisk classify` first")
    return policies.server_policy({t["name"]: t["policy"] for t in tools})


def export_rows(reader: Reader) -> Iterator[dict[str, Any]]:
    """Every offered tool with its verdict, server by server."""
    yield from tool_rows(reader, "NOT t.removed", {}, "ORDER BY s.slug, t.name")


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    found = choice(value, allowed)
    if found is None:
        raise InputError(f"unknown {what} {value!r}: choose one of {', '.join(allowed)}")
    return found
