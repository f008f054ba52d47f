"""Remote servers asked over HTTP on loopback: a streamable-HTTP sample answers; 401 and 403 are "needs
authorisation"; nothing listening is a service that is not there."""

import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.introspect import outcome
from crawler.introspect.remote import introspect_remote
from tests.crawler.introspect.conftest import SERVERS


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def http_sample():
    port = _free_port()
    code = (f"import sys; sys.path.insert(0, {str(SERVERS / 'benign_py')!r}); import server; "
            f"server.server.run('streamable-http', host='127.0.0.1', port={port})")
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/mcp"
    process.kill()
    process.wait()


def test_a_streamable_http_server_answers(http_sample: str) -> None:
    result = introspect_remote(http_sample, timeout=15)
    assert result.status == outcome.ANSWERED, result.detail
    assert [t["name"] for t in result.tools] == ["add", "read_note"] and result.server_name == "benign-py"


@pytest.mark.parametrize("status", [401, 403])
def test_401_and_403_mean_needs_authorisation(status: int) -> None:
    class Refuse(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = introspect_remote(f"http://127.0.0.1:{server.server_port}/mcp", timeout=5)
    finally:
        server.shutdown()
    assert result.status == outcome.NEEDS_AUTHORISATION and str(status) in result.detail


def test_nothing_listening_is_a_missing_service() -> None:
    result = introspect_remote(f"http://127.0.0.1:{_free_port()}/mcp", timeout=5)
    assert result.status in (outcome.NEEDS_SERVICE, outcome.TIMED_OUT) and result.tools == []


def test_the_cli_asks_a_remote_url(http_sample: str, tmp_path) -> None:
    import json
    import os

    from tests.cli import mcprisk
    from tests.paths import ROOT

    done = mcprisk("introspect", http_sample, "--json", cwd=tmp_path, env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["server_name"] == "benign-py"
