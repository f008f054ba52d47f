"""Everything the site shows, loaded in a handful of bulk queries and shaped as plain data for the templates.

One query per table, not one per page: a catalogue of 100,000 tools loads in seconds, and the pages are
then rendered from memory (and in parallel) without touching the database again.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from catalog.core.taxonomy import CATEGORIES, RISKS
from catalog.database import Reader
from catalog.differences import tool_difference
from catalog.introspections import site_introspections
from catalog.policies import server_policy
from catalog.queries import TOOL_COLUMNS, TOOL_FROM, TOOL_JSON, is_poisoned, server_grade


@dataclass
class Catalogue:
    servers: list[dict[str, Any]]
    tools: list[dict[str, Any]]  # offered tools, with their server and verdict
    by_server: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    by_name: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # the same tool name on many servers
    last_crawl: dict[str, str] = field(default_factory=dict)

    @property
    def riskiest_servers(self) -> list[dict[str, Any]]:
        """Servers by grade, worst first: poisoned, then by worst risk, Critical tools, and fewest safe tools."""
        return sorted(self.servers, key=lambda s: (s["grade"]["rank"], s["slug"]))

    @property
    def counts(self) -> dict[str, Any]:
        return {
            "servers": len(self.servers),
            "tools": len(self.tools),
            "category": {c: sum(1 for t in self.tools if t["category"] == c) for c in CATEGORIES},
            "risk": {r: sum(1 for t in self.tools if t["risk"] == r) for r in RISKS},
            "poisoned": sum(1 for t in self.tools if t["poisoned"]),
        }


def load(reader: Reader) -> Catalogue:
    servers = reader.rows("SELECT * FROM server ORDER BY slug", json_columns=("sources", "extra"))
    packages: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in reader.rows("SELECT * FROM package ORDER BY registry_type, identifier", json_columns=("env_vars",)):
        packages[row["server_id"]].append(row)
    versions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in reader.rows(
        "SELECT tool_id, definition_hash, definition, seen_at FROM toolversion ORDER BY id",
        json_columns=("definition",),
    ):
        versions[row["tool_id"]].append(row)
    tools = reader.rows(
        f"SELECT {TOOL_COLUMNS}, t.confidence AS found_confidence, s.repository_url {TOOL_FROM} "
        "WHERE NOT t.removed ORDER BY s.slug, t.name",
        json_columns=TOOL_JSON,
    )
    last_crawl = {
        r["source"]: str(r["last"])
        for r in reader.rows(
            "SELECT source, max(finished) AS last FROM crawlrun WHERE status IN ('ok', 'partial') GROUP BY source"
        )
    }
    by_server: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for tool in tools:
        tool["versions"] = versions.get(tool["id"], [])
        tool["poisoned"] = is_poisoned(tool["findings"])
        tool["difference"] = tool_difference(tool)
        by_server[tool["server"]].append(tool)
        by_name[tool["name"]].append(tool)
    for server in servers:
        offered = by_server.get(server["slug"], [])
        server["packages"] = packages.get(server["id"], [])
        server["tools"] = offered
        server["policy"] = server_policy({t["name"]: t["policy"] for t in offered if t["policy"] is not None})
        server["counts"] = {
            "category": {c: sum(1 for t in offered if t["category"] == c) for c in CATEGORIES},
            "risk": {r: sum(1 for t in offered if t["risk"] == r) for r in RISKS},
        }
        server["grade"] = server_grade(offered)
        server["category_words"] = ", ".join(f"{c} {n}" for c, n in server["grade"]["category"].items() if n) or "none"
        server["deprecated"] = server["status"] not in (None, "active")
        crawled = [last_crawl[s] for s in server["sources"] if s in last_crawl]
        server["last_crawled"] = max(crawled) if crawled else None
        server["display_name"] = server["title"] or server["registry_name"] or server["slug"]
    asked = site_introspections(reader)
    for server in servers:
        server["introspection"] = asked.get(server["id"])
    by_slug = {s["slug"]: s for s in servers}
    for tool in tools:
        owner = by_slug.get(tool["server"])
        tool["server_display"] = owner["display_name"] if owner else tool["server"]
        tool["server_status"] = owner["status"] if owner and owner["deprecated"] else None
        tool["server_version"] = owner["version"] if owner else None
    return Catalogue(servers, tools, dict(by_server), dict(by_name), last_crawl)


def fingerprint(reader: Reader) -> str:
    """What every page depends on, in one cheap query: any upsert, verdict, removal or crawl changes it."""
    row = reader.one(
        "SELECT (SELECT count(*) FROM server) AS servers, (SELECT max(last_changed) FROM server) AS servers_changed, "
        "(SELECT count(*) FROM tool) AS tools, (SELECT max(last_changed) FROM tool) AS tools_changed, "
        "(SELECT max(id) FROM assessment) AS assessment, (SELECT max(id) FROM toolversion) AS version, "
        "(SELECT max(id) FROM crawlrun) AS crawl, (SELECT count(*) FROM package) AS packages"
    )
    return json.dumps(row, sort_keys=True, default=str)
