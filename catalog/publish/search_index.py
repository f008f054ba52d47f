"""The site's search index, cut into small chunks a query loads on demand, as scripts (so it works from file://).

A search page loads ``search-index.js`` (a few hundred bytes: how the chunks are named), then, for each word of
the query, the one chunk of words sharing its first two letters (``search/w-ge.js``: each word with the entries
it occurs in), and finally the chunks of entry records it shows (``search/e-12.js``: 16 records each). A query at
100,000 tools moves a few hundred kilobytes, not the whole catalogue.

What is searchable: names split into words (``get_job``, ``getJob`` give "get", "job" and "getjob"), titles,
descriptions, server names and titles, the category, the risk level, "poisoned" and the words of each finding.
Typo tolerance and prefixes are the page's part (search.js), over the words of the loaded chunk.
"""

import json
import re
from collections import defaultdict
from typing import Any

from catalog.core import jsontext as strict_json
from catalog.publish.data import Catalogue
from catalog.publish.pages import tool_path
from catalog.publish.render import short

ENTRIES_PER_CHUNK = 16  # records per file: the results shown load few bytes each
CHUNK_BYTES = 48_000  # a word chunk larger than this is cut by one more character
MAX_PREFIX = 12
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
COMMON_SHARE = 0.25  # a word in more entries than this narrows nothing: left out of a large index, like a stop word
COMMON_FROM = 1_000  # entries: a small catalogue keeps every word
KEEP = frozenset(["low", "medium", "high", "critical", "read", "write", "execute", "destructive", "financial",
                  "poisoned", "poisoning", "finding", "findings"])  # what the page says can be searched  # fmt: skip
STOP = frozenset(("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or",
                 "that", "the", "this", "to", "with"))  # fmt: skip


def words(text: str | None) -> set[str]:
    """The words of a text, lowercased, camelCase split: the same cut search.js makes of a query."""
    if not text:
        return set()
    return {w.lower() for w in _WORD.findall(_CAMEL.sub(" ", text)) if w.lower() not in STOP}


def name_words(name: str) -> set[str]:
    """A name's words and the name squashed (``getjob`` finds get_job)."""
    found = words(name)
    squashed = "".join(w.lower() for w in _WORD.findall(name))
    return found | {squashed} if squashed else found


def chunk_key(word: str, length: int = 2) -> str:
    """The chunk a word lives in: its first ``length`` characters, spelled safely for a file name."""
    head = word[:length]
    return head if re.fullmatch(r"[a-z0-9]+", head) else "x" + "-".join(f"{ord(c):x}" for c in head)


def server_terms(server: dict[str, Any]) -> set[str]:
    terms = name_words(server["slug"]) | words(server["title"]) | words(server["registry_name"])
    return terms | words(server["description"]) | {"server"} | ({"poisoned"} if server["grade"]["poisoned"] else set())


def tool_terms(tool: dict[str, Any]) -> set[str]:
    terms = name_words(tool["name"]) | words(tool["title"]) | name_words(tool["server"])
    terms |= words(tool["server_display"]) | words(tool["category"]) | words(tool["risk"])
    terms |= words(tool["description"])
    terms |= {f"risk:{tool['risk'].lower()}"} if tool["risk"] else set()  # the page's filters
    terms |= {f"category:{tool['category'].lower()}"} if tool["category"] else set()
    if tool["poisoned"]:
        terms |= {"poisoned", "poisoning"}
    for finding in tool["findings"] or []:
        terms |= words(finding.get("message")) | {"finding", "findings"}
    return terms


def server_record(server: dict[str, Any]) -> list[Any]:
    grade = server["grade"]
    return ["server", server["display_name"], f"servers/{server['slug']}.html", grade["worst_risk"], None,
            1 if grade["poisoned"] else 0, short(server["description"], 140), f"Grade {grade['grade']}"]  # fmt: skip


def tool_record(tool: dict[str, Any]) -> list[Any]:
    return ["tool", f"{tool['server']}/{tool['name']}", tool_path(tool), tool["risk"], tool["category"],
            1 if tool["poisoned"] else 0, "" if tool["poisoned"] else short(tool["description"], 140),
            tool["server_display"]]  # fmt: skip


def is_common(term: str, count: int, total: int) -> bool:
    """A word in too many entries to narrow a search (never a word the page says can be searched)."""
    return total >= COMMON_FROM and count > COMMON_SHARE * total and ":" not in term and term not in KEEP


def build(catalogue: Catalogue) -> dict[str, bytes]:
    """Every file of the index: the manifest script, the word chunks and the entry chunks."""
    return build_with_state(catalogue)[0]


def build_with_state(catalogue: Catalogue) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The files, and what a later in-place update of a few entries needs (search_patch.py): how many entries
    each word left out as common is in, and the chunks."""
    entries: list[list[Any]] = []
    postings: dict[str, list[int]] = defaultdict(list)

    def add(record: list[Any], terms: set[str]) -> None:
        ident = len(entries)
        entries.append(record)
        for term in terms:
            postings[term].append(ident)

    for server in catalogue.servers:
        add(server_record(server), server_terms(server))
    for tool in catalogue.tools:
        add(tool_record(tool), tool_terms(tool))
    common = {term: len(ids) for term, ids in postings.items() if is_common(term, len(ids), len(entries))}
    for term in common:
        del postings[term]
    out = chunk_files(postings)
    keys = sorted(chunk_key_of(path) for path in out)
    for n in range(0, len(entries), ENTRIES_PER_CHUNK):
        part = n // ENTRIES_PER_CHUNK
        out[f"search/e-{part}.js"] = _script("E", part, entries[n : n + ENTRIES_PER_CHUNK])
    out["search-index.js"] = manifest_script(len(entries), keys, sorted(common))
    return dict(sorted(out.items())), {"common": common, "chunks": keys, "total": len(entries)}


def manifest_script(total: int, chunks: list[str], common: list[str]) -> bytes:
    manifest = {"per": ENTRIES_PER_CHUNK, "total": total, "chunks": chunks, "common": common}
    return f"window.MCPRISK_SEARCH={_json(manifest)};\n".encode()


def read_chunk(content: bytes) -> dict[str, list[int]]:
    """A word chunk's words with the ids of their entries (the gaps added back up)."""
    text = content.decode()
    assert text.startswith("window.MCPRISK_W(") and text.endswith(");\n")
    _, terms = json.loads("[" + text[len("window.MCPRISK_W(") : -3] + "]")
    out = {}
    for term, gaps in terms.items():
        ids, total = [], 0
        for gap in gaps:
            total += gap
            ids.append(total)
        out[term] = ids
    return out


def chunk_files(terms: dict[str, list[int]]) -> dict[str, bytes]:
    """The chunk files of a set of words with their entries' ids: one group of words sharing a first cut."""
    chunks = _split({term: _gaps(ids) for term, ids in terms.items()})
    return {f"search/w-{key}.js": _script("W", key, dict(sorted(c.items()))) for key, c in chunks.items() if c}


def chunk_key_of(path: str) -> str:
    return path.removeprefix("search/w-").removesuffix(".js")


def _split(terms: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """Words into chunks by their first two characters; a chunk over CHUNK_BYTES is cut again by one more
    character (up to MAX_PREFIX), so no query loads a large part of the index. A word as short as the cut stays
    in the shorter chunk; search.js loads the longest chunk the manifest has for a word."""
    chunks: dict[str, dict[str, list[int]]] = defaultdict(dict)
    pending = [(2, dict(terms))]
    while pending:
        length, group = pending.pop()
        by_key: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for term, gaps in group.items():
            by_key[chunk_key(term, length)][term] = gaps
        for key, chunk in by_key.items():
            longer = {t: g for t, g in chunk.items() if len(t) > length}
            if length < MAX_PREFIX and len(longer) > 1 and len(_json(chunk)) > CHUNK_BYTES:
                chunks[key].update({t: g for t, g in chunk.items() if len(t) <= length})
                pending.append((length + 1, longer))
            else:
                chunks[key].update(chunk)
    return chunks


def _gaps(ids: list[int]) -> list[int]:
    """Ascending ids as differences (shorter to send); search.js adds them back up."""
    return [ids[0]] + [b - a for a, b in zip(ids, ids[1:], strict=False)]


def _json(value: Any) -> str:
    return strict_json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")


def _script(kind: str, key: Any, value: Any) -> bytes:
    """A chunk as a script calling the page's loader: a script loads from file://, a fetch() does not."""
    return f"window.MCPRISK_{kind}({_json(key)},{_json(value)});\n".encode()
