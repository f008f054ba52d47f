"""Fixture upstreams for crawl tests: HTTP servers on 127.0.0.1 that answer like real APIs do.

Each answer that a subclass marks cacheable carries an ETag (a digest of its body) and a Last-Modified;
a request sending that ETag back in If-None-Match gets a bodiless 304, as GitHub, npm and PyPI do. Every
request is logged with its headers, so tests count what a crawl asked.
"""

import contextlib
import hashlib
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.cli import CLI

LAST_MODIFIED = "Mon, 23 Nov 2026 10:00:00 GMT"


@dataclass
class Answer:
    status: int = 200
    body: Any = b""  # bytes, or anything JSON-serialisable
    headers: dict[str, str] = field(default_factory=dict)
    cacheable: bool = True


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived


class Upstream(BaseHTTPRequestHandler):
    """Subclasses implement ``answer(path)``; class attributes hold the state tests change between crawls."""

    base = ""
    seen: list[Seen] = []
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"  # keep-alive, as real APIs: every answer says its Content-Length

    def answer(self, path: str) -> Answer:
        raise NotImplementedError

    def do_GET(self) -> None:  # noqa: N802
        with Upstream.lock:
            type(self).seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
        reply = self.answer(self.path)
        body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        headers = dict(reply.headers)
        if reply.status == 200 and reply.cacheable:
            etag = f'"{hashlib.sha1(body).hexdigest()}"'
            headers.update({"ETag": etag, "Last-Modified": LAST_MODIFIED})
            if self.headers.get("If-None-Match") == etag:
                reply, body = Answer(304), b""
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the crawler was killed mid-answer
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve(handler: type[Upstream]) -> Iterator[str]:
    """``handler`` on a free loopback port, for the block; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    handler.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield handler.base
    finally:
        server.shutdown()
        server.server_close()


def mcprisk_crawl(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    """``mcprisk crawl --db DB --json ARGS`` in a child process: (exit status, JSON summary, stderr)."""
    result = subprocess.run(
        [*CLI, "crawl", "--db", str(db), "--json", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    return result.returncode, json.loads(result.stdout) if result.stdout.strip() else {}, result.stderr
