"""A PyPI package with only an sdist: fetched as a file, built inside the sandbox (no network, nobody's uid, only its
venv writable), then introspected. The package index and its JSON API are served on loopback."""

import json
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.introspect import introspect, outcome, parse_target
from tests.crawler.introspect.conftest import SERVERS

ARCHIVE = "sample_sdist_server-1.0.0.tar.gz"


@pytest.fixture
def index(tmp_path: Path, monkeypatch):
    archive = tmp_path / ARCHIVE
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(SERVERS / "sdist_only", arcname="sample_sdist_server-1.0.0")
    data = archive.read_bytes()

    class Index(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            port = self.server.server_address[1]
            if self.path == "/pypi/sample-sdist-server/1.0.0/json":
                body = json.dumps({"urls": [{"packagetype": "sdist", "filename": ARCHIVE,
                                             "url": f"http://127.0.0.1:{port}/files/{ARCHIVE}"}]}).encode()
            elif self.path == f"/files/{ARCHIVE}":
                body = data
            else:  # the simple index has no wheel of it
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("PIP_INDEX_URL", f"{base}/simple")
    yield base
    server.shutdown()


def test_an_sdist_is_built_only_inside_the_sandbox(sandbox_ready, index: str, settings) -> None:
    result = introspect(parse_target("pypi:sample-sdist-server==1.0.0"), settings.with_(pypi_url=index))
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    built_as = result.tools[0]["description"]
    assert "network: none" in built_as and "outside: refused" in built_as
    assert not Path("/root/sdist-build-was-here").exists()
    assert result.started_with[0].endswith("venv/bin/sample-sdist-server")
