"""Shared fixtures: real SQLite catalogues in temporary folders, filled through the real store."""

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.core.definition import ToolDefinition
from catalog.core.records import PackageRecord, ServerRecord
from catalog.database import open_engine
from catalog.store import Store
from tests.paths import SHARED_DATA
from tests.postgres import PostgresServer, start_postgres

KREA_FILE = SHARED_DATA / "krea-mcp-tools.json"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'catalogue.db'}"


@pytest.fixture
def store(db_url: str) -> Store:
    return Store(open_engine(db_url))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server, why_not = start_postgres()
    if server is None:
        pytest.skip(why_not)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, db_url: str) -> str:
    """The same test on a SQLite file and on a fresh database of a real PostgreSQL server."""
    if request.param == "sqlite":
        return db_url
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def any_store(any_db_url: str) -> Store:
    return Store(open_engine(any_db_url))


def krea_record() -> ServerRecord:
    """The Krea MCP server as the registry and its package would describe it, with its 9 real tools."""
    data = json.loads(KREA_FILE.read_text())
    return ServerRecord(
        registry_name="io.github.keugenek/krea-mcp",
        repository_url=data["repo"],
        title=data["manifest"]["display_name"],
        description="Generate images and videos with Krea AI",
        version=data["package"]["version"],
        license=data["package"]["license"],
        packages=[PackageRecord("npm", data["package"]["name"], data["package"]["version"], transport="stdio")],
        tools=[ToolDefinition.from_mcp(t, origin="source", file=data["source_file"]) for t in data["tools"]],
    )


def verdict_fields(category: str, risk: str, score: int, name: str) -> dict:
    """Assessment fields as a classifier would store them, for catalogues built before classifying."""
    return {
        "category": category,
        "risk": risk,
        "score": score,
        "confidence": 0.8,
        "rationale": f"{name} is judged {category} with {risk} risk. From the tool's definition: name {name!r}.",
        "evidence": [{"rule": "test.name", "field": "name", "text": name}],
        "rule_ids": ["test.name"],
        "findings": [],
        "policy": {} if category == "Read" else {"limits": [{"window": "minute", "max": 30}]},
        "details": {},
    }


def fill_krea_catalogue(store: Store) -> None:
    """The Krea server (every tool assessed) and a second server sharing a tool name."""
    store.upsert_server(krea_record(), "registry")
    other = ServerRecord(
        registry_name="io.github.example/jobs-mcp",
        repository_url="https://github.com/example/jobs-mcp",
        title="Jobs MCP",
        description="Cron jobs for agents",
        tools=[
            ToolDefinition(name="get_job", description="Read a scheduled job"),
            ToolDefinition(name="delete_job", description="Delete a scheduled job for good"),
        ],
    )
    store.upsert_server(other, "awesome")
    for tool_id, tool, _server in store.tools_to_classify("test", "1"):
        category, risk, score = (
            ("Read", "Low", 1)
            if tool.name.startswith(("get", "list", "search"))
            else (("Destructive", "Critical", 5) if tool.name.startswith("delete") else ("Write", "Medium", 3))
        )
        store.save_assessment(
            tool_id, tool.definition_hash, "test", "1", verdict_fields(category, risk, score, tool.name)
        )


@pytest.fixture
def krea_catalogue(db_url: str, store: Store) -> str:
    """A SQLite catalogue filled by :func:`fill_krea_catalogue`."""
    fill_krea_catalogue(store)
    return db_url


@pytest.fixture
def any_krea_catalogue(any_db_url: str, any_store: Store) -> str:
    """:func:`fill_krea_catalogue` on SQLite and on PostgreSQL."""
    fill_krea_catalogue(any_store)
    return any_db_url
