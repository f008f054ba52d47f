"""Updating the search index in place when a few servers' tools changed but no entry came or went.

Building the index whole reads every word of every tool (seconds at 100,000 tools); a quiet night changes a few
tools. When the entries are the same, in the same order, as at the last build, only the words of the changed
entries move: their old words are read back from the JSON mirror the last build wrote (the same fields the index
was made from), the word chunks of the words that came or went are read, changed and cut again, and the entry
chunks holding a changed entry are made again. Whenever that cannot be exact (a word left out as too common
would come back, a chunk is missing) the answer is None, and the index is built whole.
"""

import bisect
import json
from pathlib import Path
from typing import Any

from catalog.publish import search_index
from catalog.publish.data import Catalogue
from catalog.publish.digests import digest
from catalog.publish.search_index import ENTRIES_PER_CHUNK, chunk_key, chunk_key_of, is_common
from catalog.verdict_rows import is_poisoned, server_grade


def order(catalogue: Catalogue) -> str:
    """The entries, in order: an update in place needs the same ones as the last build."""
    return digest([s["slug"] for s in catalogue.servers], [(t["server"], t["name"]) for t in catalogue.tools])


def state(catalogue: Catalogue, built: dict[str, Any]) -> dict[str, Any]:
    return {**built, "order": order(catalogue)}


def patch(
    out: Path, catalogue: Catalogue, previous: dict[str, Any], servers: set[str]
) -> tuple[dict[str, bytes], list[str], dict[str, Any]] | None:
    """The files to write after the tools of ``servers`` changed, every file of the index, and its new state."""
    if not previous or previous.get("order") != order(catalogue):
        return None
    total = previous["total"]
    positions = {s["slug"]: n for n, s in enumerate(catalogue.servers)}
    first_tool = {}
    for n, tool in enumerate(catalogue.tools):
        first_tool.setdefault(tool["server"], len(catalogue.servers) + n)
    moves: dict[int, tuple[set[str], set[str]]] = {}  # entry: words gone, words come
    for slug in sorted(servers):
        old = _old_entries(out, slug)
        if old is None or slug not in positions:
            return None
        server = catalogue.servers[positions[slug]]
        if [t["name"] for t in server["tools"]] != [t["name"] for t in old[1]]:
            return None
        pairs = [(positions[slug], old[0], search_index.server_terms(server))]
        pairs += [
            (first_tool[slug] + n, search_index.tool_terms(old_tool), search_index.tool_terms(tool))
            for n, (old_tool, tool) in enumerate(zip(old[1], server["tools"], strict=True))
        ]
        moves.update({entry: (was - now, now - was) for entry, was, now in pairs if was != now})
    common = dict(previous["common"])
    changed: set[str] = set()
    for gone, come in moves.values():
        for term in gone & common.keys():
            common[term] -= 1
        for term in come & common.keys():
            common[term] += 1
        changed |= (gone | come) - common.keys()
    if any(not is_common(term, count, total) for term, count in common.items()):
        return None  # a common word would come back: its entries were never kept
    files: dict[str, bytes] = {}
    chunks = set(previous["chunks"])
    for group in sorted({chunk_key(term) for term in changed}):
        done = _regroup(out, group, chunks, moves, common, total)
        if done is None:
            return None
        files.update(done)
    for part in sorted({entry // ENTRIES_PER_CHUNK for entry in moves} | _records(catalogue, servers)):
        files[f"search/e-{part}.js"] = search_index._script("E", part, _entries(catalogue, part))
    keys = sorted(chunks)
    files["search-index.js"] = search_index.manifest_script(total, keys, sorted(common))
    every = ["search-index.js", *(f"search/w-{k}.js" for k in keys)]
    every += [f"search/e-{n}.js" for n in range(-(-total // ENTRIES_PER_CHUNK))]
    return files, sorted(every), {"common": common, "chunks": keys, "total": total, "order": previous["order"]}


def _regroup(
    out: Path,
    group: str,
    chunks: set[str],
    moves: dict[int, tuple[set[str], set[str]]],
    common: dict[str, int],
    total: int,
) -> dict[str, bytes] | None:
    """The chunks of one group of words, read, changed and cut again; ``chunks`` is updated to match."""
    mine = sorted(key for key in chunks if _group_of(key) == group)
    terms: dict[str, list[int]] = {}
    for key in mine:
        try:
            found = search_index.read_chunk((out / f"search/w-{key}.js").read_bytes())
        except (OSError, ValueError, AssertionError):
            return None
        if any(chunk_key(term) != group for term in found):
            return None  # a file shared with another group: not ours to cut alone
        terms.update(found)
    for entry, (gone, come) in moves.items():
        for term in gone:
            if chunk_key(term) == group and term in terms and entry in terms[term]:
                terms[term].remove(entry)
        for term in come:
            if chunk_key(term) == group and term not in common:
                ids = terms.setdefault(term, [])
                if entry not in ids:
                    bisect.insort(ids, entry)
    for term in [t for t, ids in terms.items() if not ids]:
        del terms[term]
    for term in [t for t, ids in terms.items() if is_common(t, len(ids), total)]:
        common[term] = len(terms.pop(term))  # now in too many entries: left out, as a build would
    files = search_index.chunk_files(terms)
    chunks.difference_update(mine)
    chunks.update(chunk_key_of(path) for path in files)
    return files


def _group_of(key: str) -> str:
    """The first cut a chunk's key was made from (``get`` from ``ge``; a spelled-out key keeps two characters)."""
    if "-" in key:
        return "x" + "-".join(key[1:].split("-")[:2])
    return key[:2]


def _old_entries(out: Path, slug: str) -> tuple[set[str], list[dict[str, Any]]] | None:
    """A server's words and its tools as the last build indexed them, from the JSON mirror it wrote."""
    try:
        mirror = json.loads((out / "api" / "servers" / f"{slug}.json").read_text())
    except (OSError, ValueError):
        return None
    display = mirror["title"] or mirror["name"] or slug
    tools = [
        {"name": r["tool"], "title": r["title"], "server": r["server"], "server_display": display,
         "category": r["category"], "risk": r["risk"], "description": r["description"],
         "poisoned": is_poisoned(r["findings"]), "findings": r["findings"]}
        for r in mirror["tools"]
    ]  # fmt: skip
    server = {"slug": slug, "title": mirror["title"], "registry_name": mirror["name"],
              "description": mirror["description"], "grade": server_grade(tools)}  # fmt: skip
    return search_index.server_terms(server), tools


def _records(catalogue: Catalogue, servers: set[str]) -> set[int]:
    """The entry chunks holding the changed servers and their tools (a record shows a grade or a verdict)."""
    parts = set()
    for n, server in enumerate(catalogue.servers):
        if server["slug"] in servers:
            parts.add(n // ENTRIES_PER_CHUNK)
    for n, tool in enumerate(catalogue.tools):
        if tool["server"] in servers:
            parts.add((len(catalogue.servers) + n) // ENTRIES_PER_CHUNK)
    return parts


def _entries(catalogue: Catalogue, part: int) -> list[list[Any]]:
    start, count = part * ENTRIES_PER_CHUNK, len(catalogue.servers)
    out = []
    for entry in range(start, start + ENTRIES_PER_CHUNK):
        if entry < count:
            out.append(search_index.server_record(catalogue.servers[entry]))
        elif entry - count < len(catalogue.tools):
            out.append(search_index.tool_record(catalogue.tools[entry - count]))
    return out
