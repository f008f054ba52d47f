"""A second npm and PyPI crawl with nothing changed upstream: only conditional requests, 304s, no downloads."""

import json
import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.test_crawl_github import FIXTURES, snapshot, targz, tools, tree
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve

BUCKETS = targz(tree("package", {"": FIXTURES / "cjs-server"}))
NOTES = targz(tree("notes_mcp-1.0", {"": FIXTURES / "py-server"}))


class Registries(Upstream):
    """The MCP Registry, an npm registry and PyPI in one: two servers, one package each."""

    def answer(self, path: str) -> Answer:
        url = urlsplit(path)
        if url.path == "/v0.1/servers":
            servers = [
                {
                    "name": "io.github.acme/buckets",
                    "packages": [{"registryType": "npm", "identifier": "@acme/buckets"}],
                },
                {
                    "name": "io.github.acme/notes",
                    "packages": [{"registryType": "pypi", "identifier": "notes-mcp", "version": "1.0"}],
                },
            ]
            return Answer(200, {"servers": [{"server": s} for s in servers], "metadata": {}}, cacheable=False)
        if unquote(url.path) == "/@acme/buckets":
            version = {"version": "2.0.0", "dist": {"tarball": f"{self.base}/files/buckets-2.0.0.tgz"}}
            return Answer(
                200, {"name": "@acme/buckets", "dist-tags": {"latest": "2.0.0"}, "versions": {"2.0.0": version}}
            )
        if url.path == "/pypi/notes-mcp/1.0/json":
            sdist = {
                "packagetype": "sdist",
                "filename": "notes_mcp-1.0.tar.gz",
                "url": f"{self.base}/files/notes.tar.gz",
            }
            return Answer(200, {"info": {"version": "1.0", "summary": "Notes", "license": "MIT"}, "urls": [sdist]})
        files = {"/files/buckets-2.0.0.tgz": BUCKETS, "/files/notes.tar.gz": NOTES}
        if url.path in files:
            return Answer(200, files[url.path], cacheable=False)
        return Answer(404, b"")


def crawl(db: Path, base: str) -> tuple[int, dict[str, Any]]:
    urls = {"MCPRISK_REGISTRY_URL": base, "MCPRISK_NPM_REGISTRY_URL": base, "MCPRISK_PYPI_URL": base}
    code, summary, stderr = mcprisk_crawl(db, "--source", "registry,npm,pypi", env={**os.environ, **urls})
    assert code == 0, stderr
    return code, summary


def test_second_package_crawl_sends_only_conditional_requests(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with serve(Registries) as base:
        _, first = crawl(db, base)
        assert first["npm"]["artifacts"] == 1 and first["pypi"]["artifacts"] == 1
        assert set(tools(db)) == {"io.github.acme/buckets", "io.github.acme/notes"}
        before = snapshot(db)
        Registries.seen = []
        _, second = crawl(db, base)
        asked = Registries.seen
    assert second["npm"] == {"status": "ok", "not_modified": 1, "servers_unchanged": 1}
    assert second["pypi"] == {"status": "ok", "not_modified": 1, "servers_unchanged": 1}
    packages = [s for s in asked if not s.path.startswith("/v0.1/")]
    assert sorted(s.path for s in packages) == ["/@acme%2Fbuckets", "/pypi/notes-mcp/1.0/json"]
    assert all(s.headers.get("if-none-match") and s.headers.get("if-modified-since") for s in packages)
    assert all("updated_since=" in s.path for s in asked if s.path.startswith("/v0.1/"))
    assert snapshot(db) == before


def test_full_crawl_asks_again_in_full(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with serve(Registries) as base:
        crawl(db, base)
        Registries.seen = []
        urls = {"MCPRISK_REGISTRY_URL": base, "MCPRISK_NPM_REGISTRY_URL": base, "MCPRISK_PYPI_URL": base}
        code, summary, _ = mcprisk_crawl(db, "--source", "npm,pypi", "--full", env={**os.environ, **urls})
    assert code == 0 and summary["npm"]["artifacts"] == 1 and summary["pypi"]["artifacts"] == 1
    assert not any(s.headers.get("if-none-match") for s in Registries.seen)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM validator").fetchone() == (2,)
    assert json.dumps(summary)  # plain JSON for scripts
