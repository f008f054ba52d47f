"""What a shared crawl runs against, for its test and its benchmark: a throwaway redis-server on a free loopback
port, an MCP Registry and an npm registry served on 127.0.0.1 that count every request, and crawl workers."""

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from tests.cli import CLI
from tests.crawler.test_packages import Npm, npm_tarball


def tarball(name: str) -> bytes:
    tools = {"tools": [{"name": f"get_{name.replace('-', '_')}", "description": f"Read the {name} record."}]}
    members = {"package/package.json": {"name": name, "version": "1.0.0"}, "package/tools.json": tools}
    return npm_tarball({member: json.dumps(content).encode() for member, content in members.items()})


class Registries(Npm):
    """The registry's pages of ``per_page`` servers, each with an npm package; every answer ``latency`` late."""

    base = ""
    packages: list[str] = [f"pkg-{i:02d}" for i in range(21)]
    per_page = 7
    latency = 0.1  # long enough for both workers to have requests in hand at once
    hits: Counter[str] = Counter()
    lock = threading.Lock()
    packuments_open = threading.Event()  # packuments wait for it: a test can hold the npm phase back

    @classmethod
    def pages(cls) -> int:
        return -(-len(cls.packages) // cls.per_page)

    @classmethod
    def expected_urls(cls) -> set[str]:
        pages = {f"/v0.1/servers?limit=100&version=latest{f'&cursor={p}' if p else ''}" for p in range(cls.pages())}
        return pages | {f"/{n}" for n in cls.packages} | {f"/tarballs/{n}.tgz" for n in cls.packages}

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        with Registries.lock:
            Registries.hits[self.path] += 1
        time.sleep(Registries.latency)
        url = urlsplit(self.path)
        path = unquote(url.path)
        if path == "/v0.1/servers":
            page = int(parse_qs(url.query).get("cursor", ["0"])[0])
            names = Registries.packages[page * Registries.per_page : (page + 1) * Registries.per_page]
            servers = [
                {"server": {"name": f"io.github.shared/{n}", "packages": [{"registryType": "npm", "identifier": n}]}}
                for n in names
            ]
            metadata = {"nextCursor": str(page + 1)} if page + 1 < Registries.pages() else {}
            return self.send({"servers": servers, "metadata": metadata})
        name = path.lstrip("/")
        if name in Registries.packages:
            Registries.packuments_open.wait(60)
            meta = {"name": name, "version": "1.0.0", "dist": {"tarball": f"{Registries.base}/tarballs/{name}.tgz"}}
            return self.send({"name": name, "dist-tags": {"latest": "1.0.0"}, "versions": {"1.0.0": meta}})
        if path.startswith("/tarballs/"):
            return self.send(tarball(path.removeprefix("/tarballs/").removesuffix(".tgz")))
        self.send_response(404)
        self.end_headers()


@contextmanager
def serve_registries() -> Iterator[str]:
    Registries.hits = Counter()
    Registries.packuments_open.set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Registries)
    Registries.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Registries.base
    finally:
        server.shutdown()


@contextmanager
def redis_server(folder: Path) -> Iterator[str | None]:
    """A redis-server without persistence, as a URL; None when Redis or scrapy-redis is not installed."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    try:
        import redis
        import scrapy_redis  # noqa: F401
    except ImportError:
        yield None
        return
    if not os.access(binary, os.X_OK):
        yield None
        return
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    args = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)]
    process = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def worker(db: Path, redis_url: str | None, registries: str, *extra: str) -> "subprocess.Popen[str]":
    """``mcprisk crawl --source registry,npm --json`` in its own process, sharing the crawl when Redis is given."""
    env = {**os.environ, "MCPRISK_REGISTRY_URL": registries, "MCPRISK_NPM_REGISTRY_URL": registries}
    shared = ["--redis-url", redis_url] if redis_url else []
    args = ["crawl", "--source", "registry,npm", "--db", str(db), *shared, "--json", *extra]
    return subprocess.Popen(
        [*CLI, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
