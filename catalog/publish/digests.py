"""What each page is rendered from, as digests: the cheap half of a rebuild that renders only what changed.

A scan reads every tool as a raw row and hashes it whole (every column of the tool, its current verdict and its
server, and the length of its definition history), parsing only the little that decides which lists the tool is
on. The scan is a catalogue in the shape the pages read, only light: tools carry their names, verdict, texts and
digest, not their schemas, policies or history. Each page's digest is then taken from what the page is made of,
a tool or server standing in by its digest; a page whose digest is unchanged since the last build is not
rendered again. Only the tools of the pages that are rendered are loaded whole (``hydrate``).
"""

import hashlib
import json
import re
from collections import defaultdict
from typing import Any

from catalog.database import Reader
from catalog.publish import data
from catalog.publish.attacks import RULES as ATTACK_RULES
from catalog.publish.data import Catalogue
from catalog.publish.pages import Page
from catalog.publish.server_pages import RELATED
from catalog.verdict_rows import is_poisoned

SHARED_BY = ("home.html",)  # the templates that show the catalogue's totals and build time
_SCAN = """
    SELECT t.id, t.name, t.slug, s.slug, a.category, a.risk, a.findings, a.evidence, t.title, t.description,
           v.n, v.last, {whole}
    FROM tool t JOIN server s ON s.id = t.server_id LEFT JOIN assessment a ON a.tool_id = t.id AND a.is_current
    LEFT JOIN (SELECT tool_id, count(*) AS n, max(id) AS last FROM toolversion GROUP BY tool_id) v ON v.tool_id = t.id
    WHERE NOT t.removed ORDER BY s.slug, t.name
"""
_ARRAY = {"sqlite": "json_array", "postgresql": "json_build_array"}  # every column as one text, in SQL
_ATTACK_RULE = re.compile("|".join(re.escape(rule) for rule in ATTACK_RULES))


def digest(*parts: Any) -> str:
    """A short digest of plain values (strings, numbers, lists, dicts in a fixed order)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


_hash = digest


def scan(reader: Reader) -> Catalogue:
    """The light catalogue: every server whole (they are few), every tool light, each with its ``_digest``.

    The database writes each tool row whole (every column of the tool and its current verdict, and its history's
    length and newest entry) as one text: turning 40 columns into Python values costs three times as much."""
    servers = data.servers(reader)
    rows = {}
    for server in servers:
        server["_row"] = rows[server["slug"]] = _hash(sorted(server.items()))
    array = _ARRAY.get(reader.dialect, "json_build_array")
    columns = [f"t.{c}" for c in reader.columns("tool")] + [f"a.{c}" for c in reader.columns("assessment")]
    tools = []
    for row in reader.values(_SCAN.format(whole=f"{array}({', '.join(columns)}, v.n, v.last)")):
        findings = _listed(row[6])
        evidence = _listed(row[7], _ATTACK_RULE)  # only rules that point at an attack are read (attacks_for)
        whole = f"{row[12]}\0{rows.get(row[3])}".encode()
        tools.append(
            {"id": row[0], "name": row[1], "slug": row[2], "server": row[3], "category": row[4], "risk": row[5],
             "findings": findings, "evidence": [{"rule": e.get("rule")} for e in evidence], "title": row[8],
             "description": row[9], "poisoned": bool(findings) and is_poisoned(findings), "policy": None,
             "versions": [], "_history": (row[10] or 0, row[11]), "_light": True,
             "_digest": hashlib.blake2b(whole, digest_size=12).hexdigest()}
        )  # fmt: skip
    catalogue = data.assemble(servers, tools)
    for server in servers:
        server["_digest"] = _hash(server["_row"], [t["_digest"] for t in server["tools"]])
    return catalogue


def _listed(value: Any, worth: re.Pattern[str] | None = None) -> list[Any]:
    """A JSON list column: SQLite gives its text, parsed only when ``worth`` finds something in it (most evidence
    names no rule that points at an attack); PostgreSQL gives the value."""
    if not isinstance(value, str):
        return value or []
    if not value or value == "[]" or (worth is not None and not worth.search(value)):
        return []
    return list(json.loads(value))


def server_digest(server: dict[str, Any], catalogue: Catalogue) -> str:
    """A server's own pages show it, its tools, and the first tools of the same name on other servers."""
    namesakes = [[t["_digest"] for t in catalogue.by_name[tool["name"]][: RELATED + 1]] for tool in server["tools"]]
    return _hash(server["_digest"], namesakes)


def page_digest(page: Page, shared: dict[str, Any], history: str) -> str:
    """A page of the site beside the servers' own, from its template and context; the change log from every
    tool's definition history (which the scan does not read: ``history`` stands for it)."""
    h = hashlib.blake2b(f"{page.path}\0{page.template}\0".encode(), digest_size=12)
    _feed(h, page.context)
    if page.template in SHARED_BY:
        _feed(h, shared)
    if page.path == "changes.html":
        h.update(history.encode())
    return h.hexdigest()


def history_digest(catalogue: Catalogue) -> str:
    """Every tool that has changed at least once, as the change log and the feed list it."""
    return _hash([t["_digest"] for t in catalogue.tools if t["_history"][0] > 1])


def _feed(h: Any, value: Any) -> None:
    if isinstance(value, dict):
        digest = value.get("_digest")
        if digest is not None:
            h.update(b"@" + digest.encode())
            return
        h.update(b"{")
        for key, item in value.items():
            h.update(repr(key).encode())
            _feed(h, item)
        h.update(b"}")
    elif isinstance(value, list | tuple):
        h.update(b"[")
        for item in value:
            if type(item) is dict and item.get("_digest") is not None:  # a list of tools or servers: no call each
                h.update(b"@" + item["_digest"].encode())
            else:
                _feed(h, item)
        h.update(b"]")
    else:
        h.update(repr(value).encode() + b",")


def hydrate(reader: Reader, catalogue: Catalogue, tools: list[dict[str, Any]], everything: bool = False) -> None:
    """Load ``tools`` whole (or every tool) into the light records in place, so every list that holds a record
    shows it whole, and work out again what the hydrated tools decide of their servers (the policy)."""
    wanted = {t["id"]: t for t in (catalogue.tools if everything else tools) if t.get("_light")}
    if not wanted:
        return
    full = data.tools(reader, None if everything else sorted(wanted))
    owners: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in full:
        record = wanted.get(row["id"])
        if record is not None:
            record.update(row)
            record["_light"] = False
            owners[record["server"]].append(record)
    for server in catalogue.servers:
        if server["slug"] in owners and not any(t.get("_light") for t in server["tools"]):
            data.derive(server, server["tools"])


def tools_in(value: Any, found: dict[int, dict[str, Any]]) -> None:
    """The tool records a page's context holds, however deep."""
    if isinstance(value, dict):
        if "_light" in value:
            found[value["id"]] = value
            return
        for item in value.values():
            tools_in(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            tools_in(item, found)
