"""A package shipping several servers (one console script each) in the catalogue: once the one introspection
started answers, the other servers' tools stay in the server's list as declared, never "declared, not listed",
and the server's differences and extraction scores count the started server's tools only."""

from pathlib import Path

from catalog import introspections
from catalog.answers import extraction_scores
from catalog.core.definition import SERVERS, ToolDefinition
from catalog.core.records import PackageRecord, ServerRecord
from catalog.database import open_engine, reading
from catalog.publish import build_site
from catalog.queries import server_detail
from catalog.store import Store
from mcprisk.judging import classify_catalogue

SERVER = "io.github.example/orchard"
HARVEST, PRUNING, BOTH = ["orchard-harvest"], ["orchard-pruning"], ["orchard-harvest", "orchard-pruning"]
DECLARED = [
    ToolDefinition("count_crates", description="Count the crates.", origin="source", extra={SERVERS: HARVEST}),
    ToolDefinition("mark_branch", description="Mark a branch.", origin="source", extra={SERVERS: PRUNING}),
    ToolDefinition("frost_risk", description="The risk of frost.", origin="source", extra={SERVERS: BOTH}),
    ToolDefinition("prune_all", description="Prune every tree (flag).", origin="source", extra={SERVERS: PRUNING}),
]
ANSWER = {"status": "answered", "server_name": "orchard-pruning", "protocol_version": "2025-06-18",
          "started_with": ["/cache/pypi-orchard-mcp/venv/bin/orchard-pruning"],
          "tools": [{"name": n, "description": d, "inputSchema": {"type": "object"}}
                    for n, d in (("mark_branch", "Mark a branch."), ("frost_risk", "The risk of frost."))]}


def catalogue(store: Store) -> None:
    store.upsert_server(ServerRecord(registry_name=SERVER, title="Orchard", version="0.1.0", tools=DECLARED,
                                     packages=[PackageRecord("pypi", "orchard-mcp", "0.1.0")]), "registry")
    assert introspections.save(store.engine, "pypi", "orchard-mcp", "0.1.0", ANSWER) == 1


def test_the_other_servers_tools_are_listed_as_theirs_not_missing(any_store: Store, any_db_url: str) -> None:
    catalogue(any_store)
    with reading(any_db_url) as reader:
        detail = server_detail(reader, SERVER)
        scores = dict(extraction_scores(reader))
    listed = {t["name"]: (t["origin"], t["removed"]) for t in detail["tools"]}
    assert listed["count_crates"] == ("source", False)  # the harvest server's: listed as its code declares it
    assert listed["mark_branch"] == ("introspected", False)
    assert {d["tool"]: d["kind"] for d in detail["differences"]} == {"prune_all": "declared_not_listed"}
    assert detail["introspection"]["differences"]["declared_not_listed"] == ["prune_all"]
    assert (scores[detail["slug"]].declared, scores[detail["slug"]].matched) == (3, 2)


def test_a_sibling_servers_tool_page_names_its_servers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'catalogue.db'}"
    store = Store(open_engine(url))
    catalogue(store)
    classify_catalogue(store)
    build_site(url, tmp_path / "out", workers=1)
    page = next((tmp_path / "out" / "tools").glob("*/count-crates.html")).read_text()
    assert "this tool is registered by <code>orchard-harvest</code>" in page
    answered = next((tmp_path / "out" / "tools").glob("*/mark-branch.html")).read_text()
    assert "registered by" not in answered
