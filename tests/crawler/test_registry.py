"""The registry spider: a real Scrapy crawl against a registry served on 127.0.0.1 from fixture data."""

import json
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from catalog.database import reading
from tests.cli import CLI
from tests.conftest import SHARED_DATA

CURRENT = json.loads((SHARED_DATA / "registry" / "current-format-examples.json").read_text())
DISTINCT = len({s["name"] for s in CURRENT})  # the examples hold two versions of one server
LEGACY = json.loads((SHARED_DATA / "registry" / "legacy-v0-seed-2025-05-16.json").read_text())[:12]


def wrap(server: dict[str, Any], status: str = "active") -> dict[str, Any]:
    meta = {
        "status": status,
        "publishedAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-02T00:00:00Z",
        "isLatest": True,
    }
    return {"server": server, "_meta": {"io.modelcontextprotocol.registry/official": meta}}


class Registry(BaseHTTPRequestHandler):
    """Two pages of the current API, with a malformed record, a deprecated server and one 503 to retry."""

    mode = "current"
    requests: list[str] = []
    failures_left = 1

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        Registry.requests.append(self.path)
        if Registry.mode == "legacy":
            if url.path.startswith("/v0.1/"):
                return self.send(404, {"error": "not found"})
            return self.send(200, {"servers": LEGACY, "metadata": {"count": len(LEGACY)}})
        if Registry.mode == "broken":
            return self.send(200, b'{"servers": [{"server": {"name": "io.github.a/b"')
        if Registry.mode == "deep":  # nested deeper than any JSON parser goes
            return self.send(200, b'{"servers": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
        if "cursor" not in query:
            if Registry.failures_left:
                Registry.failures_left -= 1
                return self.send(503, {"error": "busy"})
            page = [wrap(CURRENT[0]), wrap(CURRENT[1], "deprecated"), {"server": {"description": "no name"}}]
            return self.send(200, {"servers": page, "metadata": {"nextCursor": "page2", "count": 3}})
        return self.send(200, {"servers": [wrap(s) for s in CURRENT[2:]], "metadata": {"count": len(CURRENT) - 2}})

    def send(self, status: int, body: Any) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        if status == 503:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def registry() -> Iterator[str]:
    Registry.mode, Registry.requests, Registry.failures_left = "current", [], 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def crawl(url: str, db: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = subprocess.run(
        [
            *CLI,
            "crawl",
            "--registry-url",
            url,
            "--db",
            str(db),
            "--json",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, json.loads(result.stdout) if result.stdout.strip() else {}


def test_pages_retries_malformed_records_and_status(registry: str, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    code, summary = crawl(registry, db)
    stats = summary["registry"]
    assert code == 0 and stats["status"] == "partial"  # one record was malformed
    assert stats["pages"] == 2 and stats["servers_new"] == DISTINCT and stats["records_malformed"] == 1
    assert stats["servers_new"] + stats.get("servers_updated", 0) == len(CURRENT)
    assert sum(1 for r in Registry.requests if "cursor" not in r) == 2  # the 503 was retried
    assert all("limit=" in r and "version=latest" in r for r in Registry.requests)
    with reading(f"sqlite:///{db}") as reader:
        rows = {r["registry_name"]: r for r in reader.rows("SELECT * FROM server", json_columns=("sources",))}
        packages = reader.rows("SELECT registry_type, identifier FROM package")
    assert rows[CURRENT[1]["name"]]["status"] == "deprecated" and rows[CURRENT[0]["name"]]["sources"] == ["registry"]
    assert ("npm", CURRENT[0]["packages"][0]["identifier"]) in {(p["registry_type"], p["identifier"]) for p in packages}


def test_second_night_is_incremental_and_changes_nothing(registry: str, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    crawl(registry, db)
    Registry.requests.clear()
    Registry.failures_left = 0
    code, summary = crawl(registry, db)
    assert code == 0 and "servers_new" not in summary["registry"]
    assert summary["registry"]["servers_unchanged"] + summary["registry"].get("servers_updated", 0) == len(CURRENT)
    assert all("updated_since=" in r for r in Registry.requests)


def test_another_registry_is_read_in_full(registry: str, tmp_path: Path) -> None:
    """Runs are incremental per address: a night of one registry (the sample's, say) skips nothing of another."""
    db = tmp_path / "c.db"
    crawl(registry, db)
    Registry.requests.clear()
    Registry.failures_left = 0
    other = ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        code, summary = crawl(f"http://127.0.0.1:{other.server_address[1]}", db)
    finally:
        other.shutdown()
    assert code == 0 and Registry.requests and not any("updated_since=" in r for r in Registry.requests)
    Registry.requests.clear()
    assert crawl(registry, db)[0] == 0 and all("updated_since=" in r for r in Registry.requests)


def test_legacy_shape(registry: str, tmp_path: Path) -> None:
    Registry.mode = "legacy"
    code, summary = crawl(registry, tmp_path / "c.db")
    assert code == 0 and summary["registry"]["servers_new"] == len(LEGACY)
    assert any(r.startswith("/v0/servers") for r in Registry.requests)


@pytest.mark.parametrize("mode", ["broken", "deep"])
def test_truncated_page_fails_the_source_and_loses_nothing(registry: str, tmp_path: Path, mode: str) -> None:
    db = tmp_path / "c.db"
    Registry.failures_left = 0
    crawl(registry, db)
    Registry.mode = mode
    code, summary = crawl(registry, db, "--full")
    assert code == 4 and summary["registry"]["status"] == "failed"
    with reading(f"sqlite:///{db}") as reader:
        assert reader.one("SELECT count(*) AS n FROM server") == {"n": DISTINCT}


def test_unknown_source_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            *CLI,
            "crawl",
            "--source",
            "gopher",
            "--db",
            str(tmp_path / "c.db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stderr.startswith("error: unknown or not yet available source gopher")
