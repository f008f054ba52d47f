"""The corpus of ``crawler.corpus.disk`` served on loopback as the real upstreams answer, for the sample, tests and
benchmarks.

Every answer carries an ETag and a request sending it back gets a 304, as upstreams do. Only 127.0.0.1 is
listened on, so crawling a corpus never leaves the machine.
"""

import contextlib
import hashlib
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from catalog.core.settings import Settings
from catalog.database import sqlite_file
from crawler.corpus.disk import SAMPLE_DIR, Corpus, Reply, is_corpus

__all__ = ["SAMPLE_DIR", "Corpus", "CorpusServer", "corpus_settings", "is_corpus", "preferred_port", "serving"]


class CorpusServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, corpus: Corpus, delay: float, catalogue: str) -> None:
        try:
            super().__init__(("127.0.0.1", preferred_port(corpus.folder, catalogue)), _Handler)
        except OSError:
            super().__init__(("127.0.0.1", 0), _Handler)
        self.corpus = corpus
        self.delay = delay  # seconds before each answer: a slow upstream, for tests and benchmarks
        self.requests: Counter[str] = Counter()  # by status, and by upstream (registry, npm, pypi, github)
        self.count_lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection that breaks (the crawler killed mid-answer): one line, never socketserver's traceback."""
        kind, exc = sys.exc_info()[:2]
        if kind is not None and not issubclass(kind, (BrokenPipeError, ConnectionResetError)):
            sys.stderr.write(f"corpus: a request failed: {kind.__name__}: {str(exc)[:200]}\n")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: CorpusServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if self.server.delay:
            time.sleep(self.server.delay)
        try:
            reply = self.server.corpus.answer(self.server.base, url.path, parse_qs(url.query))
        except Exception as exc:  # a corpus file it cannot serve (a name not UTF-8…): one line, not a traceback
            sys.stderr.write(f"corpus: {url.path[:200]!r} not served: {type(exc).__name__}: {str(exc)[:200]}\n")
            reply = Reply(500, b'{"error": "the corpus cannot serve this"}')
        etag = f'"{hashlib.sha1(reply.body).hexdigest()}"'
        if reply.status == 200 and self.headers.get("If-None-Match") == etag:
            reply = Reply(304)
        with self.server.count_lock:
            self.server.requests[str(reply.status)] += 1
            self.server.requests[url.path.split("/")[1]] += 1
        self.send_response(reply.status)
        if reply.status == 200:
            self.send_header("ETag", etag)
            self.send_header("Content-Type", reply.kind)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(reply.body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path = SAMPLE_DIR, delay: float = 0.0, catalogue: str = "") -> Iterator[CorpusServer]:
    """The corpus in ``folder`` on a free port of 127.0.0.1, for as long as the block lasts; the port stays the
    same from one crawl into ``catalogue`` (a database URL) to the next whenever it is free."""
    server = CorpusServer(Corpus(folder), delay, catalogue)
    thread = threading.Thread(target=server.serve_forever, name="mcprisk-corpus", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def preferred_port(folder: Path, catalogue: str) -> int:
    """The port a corpus is served on for a catalogue (a database URL) whenever it is free: the validators the
    catalogue keeps are keyed by URL, so its next crawl asks "changed since?" (a 304) only on the same port.

    A SQLite catalogue counts by the file it resolves to, not by its URL: every working folder's default
    ``sqlite:///mcprisk.db`` would otherwise claim one port, and a crawl of one catalogue while another's corpus is
    served (two nightlies, two test workers) would move to a free port and ask every URL in full again."""
    database = sqlite_file(catalogue) if catalogue else None
    key = f"{folder.resolve()}\0{database.resolve() if database else catalogue}".encode()
    return 20000 + int(hashlib.sha1(key).hexdigest(), 16) % 12000


def corpus_settings(settings: Settings, base: str) -> Settings:
    """Every upstream URL pointed at the served corpus, and no GitHub token sent to it: nothing of the user's
    npm, pip or GitHub configuration is read or used."""
    return replace(
        settings,
        registry_url=base,
        npm_registry_url=f"{base}/npm",
        pypi_url=f"{base}/pypi",
        github_api_url=f"{base}/github",
        awesome_url=f"{base}/awesome/README.md",
        github_token=None,
    )
