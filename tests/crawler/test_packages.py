"""Package spiders: the registry, then npm packuments and tarballs, PyPI JSON and sdists, from local servers."""

import io
import json
import os
import subprocess
import tarfile
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from catalog.database import reading
from crawler.spiders.packages import PypiSpider
from tests.cli import CLI
from tests.paths import JS_FIXTURES, PYTHON_FIXTURES

FIXTURE = JS_FIXTURES / "cjs-server"


def npm_tarball(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


BUCKETS = npm_tarball(
    {f"package/{p.relative_to(FIXTURE).as_posix()}": p.read_bytes() for p in FIXTURE.rglob("*") if p.is_file()}
)
WRAPPER = npm_tarball(
    {
        "package/package.json": json.dumps(
            {"name": "@acme/buckets-launcher", "bin": {"launch": "cli.js"}, "dependencies": {"buckets-mcp": "2.0.0"}}
        ).encode(),
        "package/cli.js": b'#!/usr/bin/env node\nrequire("buckets-mcp/dist/index.js");\n',
    }
)
EVIL = npm_tarball({"../../escape.js": b"boom"})


class Npm(BaseHTTPRequestHandler):
    base = ""

    def do_GET(self) -> None:  # noqa: N802
        path = unquote(urlsplit(self.path).path)
        if path == "/v0.1/servers":
            servers = [
                {
                    "name": "io.github.acme/buckets",
                    "repository": {"url": "https://github.com/acme/buckets"},
                    "packages": [{"registryType": "npm", "identifier": "buckets-mcp", "version": "2.0.0"}],
                },
                {
                    "name": "io.github.acme/launcher",
                    "packages": [{"registryType": "npm", "identifier": "@acme/buckets-launcher", "version": "1.0.0"}],
                },
                {
                    "name": "io.github.evil/escape",
                    "packages": [{"registryType": "npm", "identifier": "evil-mcp", "version": "6.6.6"}],
                },
            ]
            return self.send({"servers": [{"server": s} for s in servers], "metadata": {}})
        tarballs = {
            "buckets-mcp": ("2.0.0", BUCKETS),
            "@acme/buckets-launcher": ("1.0.0", WRAPPER),
            "evil-mcp": ("6.6.6", EVIL),
        }
        name = path.lstrip("/")
        if name in tarballs:
            version, _ = tarballs[name]
            meta = {
                "name": name,
                "version": version,
                "dist": {"tarball": f"{Npm.base}/tarballs/{name}.tgz"},
                "dependencies": {"buckets-mcp": "2.0.0"} if "launcher" in name else {},
            }
            return self.send({"name": name, "dist-tags": {"latest": version}, "versions": {version: meta}})
        if path.startswith("/tarballs/"):
            return self.send(tarballs[path.removeprefix("/tarballs/").removesuffix(".tgz")][1])
        self.send_response(404)
        self.end_headers()

    def send(self, body: Any) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def registry() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Npm)
    Npm.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Npm.base
    server.shutdown()


def test_registry_then_npm_tarballs_then_tools(registry: str, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    env = {**os.environ, "MCPRISK_NPM_REGISTRY_URL": registry, "MCPRISK_REGISTRY_URL": registry}
    result = subprocess.run(
        [
            *CLI,
            "crawl",
            "--source",
            "registry,npm",
            "--db",
            str(db),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    summary = json.loads(result.stdout)
    assert result.returncode == 0, summary
    assert summary["npm"]["artifacts"] == 3 and summary["npm"]["artifacts_refused"] == 1
    assert summary["npm"]["status"] == "partial"
    with reading(f"sqlite:///{db}") as reader:
        rows = reader.rows(
            "SELECT s.registry_name, t.name, t.origin, t.source_file FROM tool t "
            "JOIN server s ON s.id = t.server_id ORDER BY 1, 2"
        )
        servers = reader.one("SELECT count(*) AS n FROM server")
    found = {(r["registry_name"], r["name"]) for r in rows}
    assert found == {
        ("io.github.acme/buckets", "delete_bucket"),
        ("io.github.acme/buckets", "list_buckets"),
        ("io.github.acme/launcher", "delete_bucket"),
        ("io.github.acme/launcher", "list_buckets"),
    }
    assert servers == {"n": 3}  # npm merged into the registry's servers by package identity
    assert all(r["origin"] == "source" for r in rows)
    assert not (tmp_path.parent / "escape.js").exists()


PY_FIXTURE = PYTHON_FIXTURES / "py-server"
SDIST = npm_tarball(
    {
        f"notes_mcp-1.0/{p.relative_to(PY_FIXTURE).as_posix()}": p.read_bytes()
        for p in PY_FIXTURE.rglob("*")
        if p.is_file()
    }
)


class Pypi(BaseHTTPRequestHandler):
    base = ""

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        if path == "/v0.1/servers":
            server = {
                "name": "io.github.acme/notes",
                "packages": [{"registryType": "pypi", "identifier": "notes-mcp", "version": "1.0"}],
            }
            return Npm.send(self, {"servers": [{"server": server}], "metadata": {}})
        if path == "/pypi/notes-mcp/1.0/json":
            return Npm.send(
                self,
                {
                    "info": {
                        "version": "1.0",
                        "summary": "Notes",
                        "license": "MIT",
                        "project_urls": {"Source": "https://github.com/acme/notes"},
                    },
                    "urls": [
                        {
                            "packagetype": "sdist",
                            "filename": "notes_mcp-1.0.tar.gz",
                            "url": f"{Pypi.base}/files/notes_mcp-1.0.tar.gz",
                        }
                    ],
                },
            )
        if path == "/files/notes_mcp-1.0.tar.gz":
            return Npm.send(self, SDIST)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_pypi_sdist_tools(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pypi)
    Pypi.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {**os.environ, "MCPRISK_PYPI_URL": Pypi.base, "MCPRISK_REGISTRY_URL": Pypi.base}
        result = subprocess.run(
            [
                *CLI,
                "crawl",
                "--source",
                "registry,pypi",
                "--db",
                str(tmp_path / "c.db"),
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr
    with reading(f"sqlite:///{tmp_path / 'c.db'}") as reader:
        names = {r["name"] for r in reader.rows("SELECT name FROM tool")}
        repo = reader.one("SELECT repository_url FROM server")
    assert {"list_notes", "add_note", "tag-note", "export_notes"} <= names
    assert repo == {"repository_url": "github.com/acme/notes"}


def test_a_pypi_release_carries_when_its_artifact_was_published() -> None:
    # the extraction reads the libraries of that day (python.docstrings): the JSON API's upload time of the file read
    spider = PypiSpider("http://127.0.0.1:9", [], Counter())
    sdist = {"packagetype": "sdist", "filename": "jam-1.0.tar.gz", "url": "http://127.0.0.1:9/jam-1.0.tar.gz"}
    doc = {"info": {"version": "1.0", "requires_dist": ["fastmcp>=2.3"]}, "urls": [
        sdist | {"upload_time_iso_8601": "2026-01-12T20:00:40.789078Z"}]}
    assert spider.release(doc, None).released == datetime(2026, 1, 12, 20, 0, 40, 789078, tzinfo=UTC)
    doc["urls"] = [sdist | {"upload_time_iso_8601": "yesterday"}]
    assert spider.release(doc, None).released is None
