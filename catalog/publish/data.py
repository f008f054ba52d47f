"""Everything the site shows, loaded in a handful of bulk queries and shaped as plain data for the templates.

One query per table, not one per page: a catalogue of 100,000 tools loads in seconds, and the pages are
then rendered from memory (and in parallel) without touching the database again. A rebuild loads the servers
and a light scan of the tools (digests.py), then only the tools it renders (``tools`` with ids).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from catalog.answers import site_introspections
from catalog.core.taxonomy import CATEGORIES, RISKS
from catalog.database import Reader
from catalog.differences import tool_difference
from catalog.policies import server_policy
from catalog.verdict_rows import TOOL_COLUMNS, TOOL_FROM, TOOL_JSON, count_by, is_poisoned, server_grade

BATCH = 500  # tool ids in one statement


@dataclass
class Catalogue:
    servers: list[dict[str, Any]]
    tools: list[dict[str, Any]]  # offered tools, with their server and verdict
    by_server: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    by_name: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # the same tool name on many servers

    @property
    def riskiest_servers(self) -> list[dict[str, Any]]:
        """Servers by grade, worst first: poisoned, then by worst risk, Critical tools, and fewest safe tools."""
        return sorted(self.servers, key=lambda s: (s["grade"]["rank"], s["slug"]))

    @cached_property
    def counts(self) -> dict[str, Any]:
        """Taken once: the home page and every page's totals read it (the catalogue is not changed after)."""
        return {
            "servers": len(self.servers),
            "tools": len(self.tools),
            "category": count_by(self.tools, "category", CATEGORIES),
            "risk": count_by(self.tools, "risk", RISKS),
            "poisoned": sum(1 for t in self.tools if t["poisoned"]),
        }


def load(reader: Reader) -> Catalogue:
    return assemble(servers(reader), tools(reader))


def servers(reader: Reader) -> list[dict[str, Any]]:
    """Every server with its packages and when it was last crawled: all but what its tools decide."""
    rows = reader.rows("SELECT * FROM server ORDER BY slug", json_columns=("sources", "extra"))
    packages: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in reader.rows("SELECT * FROM package ORDER BY registry_type, identifier", json_columns=("env_vars",)):
        packages[row["server_id"]].append(row)
    last_crawl = {
        r["source"]: str(r["last"])
        for r in reader.rows(
            "SELECT source, max(finished) AS last FROM crawlrun WHERE status IN ('ok', 'partial') GROUP BY source"
        )
    }
    asked = site_introspections(reader)
    for server in rows:
        server["packages"] = packages.get(server["id"], [])
        server["introspection"] = asked.get(server["id"])
        server["deprecated"] = server["status"] not in (None, "active")
        crawled = [last_crawl[s] for s in server["sources"] if s in last_crawl]
        server["last_crawled"] = max(crawled) if crawled else None
        server["display_name"] = server["title"] or server["registry_name"] or server["slug"]
    return rows


def tools(reader: Reader, ids: list[int] | None = None) -> list[dict[str, Any]]:
    """The offered tools with their verdict and definition history: all of them, or those of ``ids`` (in
    batches: a statement takes a bounded number of parameters)."""
    if ids is not None:
        return [tool for n in range(0, len(ids), BATCH) for tool in _tools(reader, ids[n : n + BATCH])]
    return _tools(reader, None)


def _tools(reader: Reader, ids: list[int] | None) -> list[dict[str, Any]]:
    where, params = "NOT t.removed", {}
    if ids is not None:
        where += f" AND t.id IN ({', '.join(f':i{n}' for n in range(len(ids)))})"
        params = {f"i{n}": i for n, i in enumerate(ids)}
    versions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in reader.rows(
        f"SELECT tool_id, definition_hash, definition, seen_at FROM toolversion v "
        f"WHERE v.tool_id IN (SELECT t.id FROM tool t WHERE {where}) ORDER BY id",
        params,
        json_columns=("definition",),
    ):
        versions[row["tool_id"]].append(row)
    rows = reader.rows(
        f"SELECT {TOOL_COLUMNS}, t.confidence AS found_confidence, s.repository_url {TOOL_FROM} "
        f"WHERE {where} ORDER BY s.slug, t.name",
        params,
        json_columns=TOOL_JSON,
    )
    for tool in rows:
        tool["versions"] = versions.get(tool["id"], [])
        tool["poisoned"] = is_poisoned(tool["findings"])
        tool["difference"] = tool_difference(tool)
    return rows


def assemble(servers: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Catalogue:
    """Servers and tools joined up: each server's tools and what they decide (policy, counts, grade), each
    tool's server as the pages show it, and the same tool name across servers."""
    by_server: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for tool in tools:
        by_server[tool["server"]].append(tool)
        by_name[tool["name"]].append(tool)
    owners = {s["slug"]: s for s in servers}
    for slug, offered in by_server.items():
        owner = owners.get(slug)
        display = owner["display_name"] if owner else slug
        status = owner["status"] if owner and owner["deprecated"] else None
        version = owner["version"] if owner else None
        for tool in offered:
            tool["server_display"], tool["server_status"], tool["server_version"] = display, status, version
    for server in servers:
        derive(server, by_server.get(server["slug"], []))
    return Catalogue(servers, tools, dict(by_server), dict(by_name))


def derive(server: dict[str, Any], offered: list[dict[str, Any]]) -> None:
    """What a server's tools decide about it: its policy, its counts and its grade."""
    server["tools"] = offered
    server["policy"] = server_policy({t["name"]: t["policy"] for t in offered if t.get("policy") is not None})
    server["grade"] = server_grade(offered)
    server["counts"] = {"category": server["grade"]["category"], "risk": count_by(offered, "risk", RISKS)}
    server["category_words"] = ", ".join(f"{c} {n}" for c, n in server["grade"]["category"].items() if n) or "none"


def fingerprint(reader: Reader) -> str:
    """What every page depends on, in one cheap query: any upsert, verdict, removal or crawl changes it."""
    row = reader.one(
        "SELECT (SELECT count(*) FROM server) AS servers, (SELECT max(last_changed) FROM server) AS servers_changed, "
        "(SELECT count(*) FROM tool) AS tools, (SELECT max(last_changed) FROM tool) AS tools_changed, "
        "(SELECT max(id) FROM assessment) AS assessment, (SELECT max(id) FROM toolversion) AS version, "
        "(SELECT max(id) FROM crawlrun) AS crawl, (SELECT count(*) FROM package) AS packages"
    )
    return json.dumps(row, sort_keys=True, default=str)
