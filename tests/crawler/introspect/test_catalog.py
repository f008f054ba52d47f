"""Introspections in the catalogue: kept once per package version, the versions not asked yet listed, and the
answer compared with the declared tools in `mcprisk server`'s JSON."""

import json
from pathlib import Path

from catalog import introspections
from catalog.core.definition import ToolDefinition
from catalog.core.records import PackageRecord, ServerRecord
from catalog.database import reading
from catalog.queries import server_detail
from tests.cli import mcprisk
from tests.paths import ROOT


def _server(store, version: str = "1.0.0") -> None:
    store.upsert_server(ServerRecord(
        registry_name="io.github.example/sample", title="Sample", version=version,
        packages=[PackageRecord("npm", "sample-mcp", version, transport="stdio",
                                env_vars=[{"name": "SAMPLE_TOKEN", "isSecret": True}])],
        tools=[ToolDefinition("search", description="Search things.", origin="source"),
               ToolDefinition("hidden", description="Behind a flag.", origin="source")]), "registry")


ANSWER = {"status": "answered", "server_name": "sample", "protocol_version": "2025-06-18", "started_with": ["node"],
          "tools": [{"name": "search", "description": "Search things, at run time.", "inputSchema": {}},
                    {"name": "fetch", "description": "Only at run time.", "inputSchema": {}}]}


def test_pending_lists_each_version_once_until_asked(store) -> None:
    _server(store)
    todo = introspections.pending(store.engine)
    assert [(t["registry"], t["name"], t["version"]) for t in todo] == [("npm", "sample-mcp", "1.0.0")]
    assert todo[0]["package"]["environmentVariables"][0]["name"] == "SAMPLE_TOKEN"
    assert introspections.save(store.engine, "npm", "sample-mcp", "1.0.0", ANSWER) == 1
    assert introspections.save(store.engine, "npm", "sample-mcp", "1.0.0", {"status": "crashed"}) == 0
    assert introspections.pending(store.engine) == []
    _server(store, "1.1.0")
    assert [t["version"] for t in introspections.pending(store.engine)] == ["1.1.0"]


def test_server_json_shows_the_answer_and_its_differences(store, db_url: str, tmp_path: Path) -> None:
    _server(store)
    introspections.save(store.engine, "npm", "sample-mcp", "1.0.0", ANSWER)
    with reading(db_url) as reader:
        found = server_detail(reader, "io.github.example/sample")["introspection"]
    assert found["tool_list"] == "introspected" and found["status"] == "answered"
    assert [t["name"] for t in found["tools"]] == ["search", "fetch"]
    differences = found["differences"]
    assert differences["only_at_run_time"] == ["fetch"] and differences["declared_not_listed"] == ["hidden"]
    assert differences["description_differs"] == ["search"]
    done = mcprisk("server", "io.github.example/sample", "--json", "--db", db_url, cwd=tmp_path,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["introspection"]["differences"]["only_at_run_time"] == ["fetch"]


def test_a_server_that_did_not_answer_keeps_its_declared_list(store, db_url: str) -> None:
    _server(store)
    introspections.save(store.engine, "npm", "sample-mcp", "1.0.0",
                        {"status": "needs credentials", "detail": "SAMPLE_TOKEN is required"})
    with reading(db_url) as reader:
        found = server_detail(reader, "io.github.example/sample")
    assert found["introspection"]["tool_list"] == "declared" and "differences" not in found["introspection"]
    assert {t["name"] for t in found["tools"]} == {"search", "hidden"}
