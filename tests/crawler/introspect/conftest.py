"""Sample servers (written for these tests) and a helper that introspects one of them in the sandbox."""

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from catalog.core.errors import ConfigError
from catalog.core.settings import Settings
from crawler.introspect import Outcome, Target, introspect
from crawler.introspect.limits import Limits
from crawler.introspect.sandbox import check_available

SERVERS = Path(__file__).resolve().parent / "servers"


@pytest.fixture(scope="session")
def sandbox_ready() -> None:
    """Tests that run a server skip, with the reason, only where the kernel refuses bubblewrap's namespaces."""
    try:
        check_available()
    except ConfigError as error:
        if shutil.which("bwrap") is None:
            raise  # CI installs bubblewrap: its absence is a failure, not a skip
        pytest.skip(f"the kernel refuses user namespaces here: {error}")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env({}, introspect_cache=str(tmp_path / "cache"))


@pytest.fixture
def sample(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of a sample server's folder in the test's own folder (the server sees it read-only)."""

    def copy(name: str) -> Path:
        target = tmp_path / "servers" / name
        shutil.copytree(SERVERS / name, target)
        return target

    return copy


@pytest.fixture
def hostile(sandbox_ready: None, sample: Callable[[str], Path], settings: Settings) -> Callable[..., Outcome]:
    """Introspect the hostile server in ``mode`` (with ``arg``) under the given limits."""

    def run(mode: str, arg: str = "", **limits: object) -> Outcome:
        folder = sample("hostile")
        arguments = [{"type": "positional", "value": mode}] + ([{"type": "positional", "value": arg}] if arg else [])
        target = Target("local", "hostile", path=folder, package={"packageArguments": arguments})
        defaults: dict[str, object] = {"wall_seconds": 20.0}
        return introspect(target, settings, limits=Limits(**(defaults | limits)))

    return run


@contextmanager
def loopback_index(answer: Callable[[str, str], tuple[str, bytes] | None],
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A package index on loopback, pip pointed at its simple pages: ``answer(path, base)`` gives a content type and
    body, or None for a 404. Yields the base URL (the JSON API's)."""

    class Index(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            found = answer(self.path, f"http://127.0.0.1:{self.server.server_address[1]}")
            if found is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", found[0])
            self.send_header("Content-Length", str(len(found[1])))
            self.end_headers()
            self.wfile.write(found[1])

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("PIP_INDEX_URL", f"{base}/simple")
    try:
        yield base
    finally:
        server.shutdown()
