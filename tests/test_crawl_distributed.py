"""Two crawler processes sharing one real Redis split one crawl: every URL fetched once, every server stored once.

A real ``redis-server`` (Debian's package) on a free loopback port, a registry and an npm registry served on
127.0.0.1 that count every request, and two real ``mcprisk crawl --redis-url`` processes on one catalogue.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from catalog.database import open_engine, reading
from tests.test_crawl_packages import Npm, npm_tarball

PAGES = 3
PER_PAGE = 7
PACKAGES = [f"pkg-{i:02d}" for i in range(PAGES * PER_PAGE)]


def tarball(name: str) -> bytes:
    tools = {"tools": [{"name": f"get_{name.replace('-', '_')}", "description": f"Read the {name} record."}]}
    members = {"package/package.json": {"name": name, "version": "1.0.0"}, "package/tools.json": tools}
    return npm_tarball({member: json.dumps(content).encode() for member, content in members.items()})


class Registries(Npm):
    """The MCP Registry (three pages) and an npm registry (packuments, tarballs), each answer a little slow."""

    base = ""
    hits: Counter[str] = Counter()
    lock = threading.Lock()
    packuments_open = threading.Event()  # packuments wait for it: a test can hold the npm phase back

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        with Registries.lock:
            Registries.hits[self.path] += 1
        time.sleep(0.1)  # long enough for both workers to have requests in hand at once
        url = urlsplit(self.path)
        path = unquote(url.path)
        if path == "/v0.1/servers":
            page = int(parse_qs(url.query).get("cursor", ["0"])[0])
            names = PACKAGES[page * PER_PAGE : (page + 1) * PER_PAGE]
            servers = [
                {"server": {"name": f"io.github.shared/{n}", "packages": [{"registryType": "npm", "identifier": n}]}}
                for n in names
            ]
            metadata = {"nextCursor": str(page + 1)} if page + 1 < PAGES else {}
            return self.send({"servers": servers, "metadata": metadata})
        name = path.lstrip("/")
        if name in PACKAGES:
            Registries.packuments_open.wait(60)
            meta = {"name": name, "version": "1.0.0", "dist": {"tarball": f"{Registries.base}/tarballs/{name}.tgz"}}
            return self.send({"name": name, "dist-tags": {"latest": "1.0.0"}, "versions": {"1.0.0": meta}})
        if path.startswith("/tarballs/"):
            return self.send(tarball(path.removeprefix("/tarballs/").removesuffix(".tgz")))
        self.send_response(404)
        self.end_headers()


@pytest.fixture
def registries() -> Iterator[str]:
    Registries.hits = Counter()
    Registries.packuments_open.set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Registries)
    Registries.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Registries.base
    server.shutdown()


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port, no persistence."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.access(binary, os.X_OK):
        pytest.skip("redis-server is not installed (Debian package `redis-server`)")
    pytest.importorskip("scrapy_redis", reason="scrapy-redis is not installed (pip install 'mcprisk[distributed]')")
    import redis

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    args = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]
    process = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.skip("redis-server did not start")
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(10)


def worker(db: Path, redis_url: str, registries: str, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "MCPRISK_REGISTRY_URL": registries, "MCPRISK_NPM_REGISTRY_URL": registries}
    args = ["crawl", "--source", "registry,npm", "--db", str(db), "--redis-url", redis_url, "--json", *extra]
    return subprocess.Popen(
        [sys.executable, "-c", "from catalog.cli import main; main()", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def expected_urls() -> set[str]:
    pages = {f"/v0.1/servers?limit=100&version=latest{f'&cursor={p}' if p else ''}" for p in range(PAGES)}
    return pages | {f"/{n}" for n in PACKAGES} | {f"/tarballs/{n}.tgz" for n in PACKAGES}


def test_two_workers_split_one_crawl(tmp_path: Path, redis_url: str, registries: str) -> None:
    db = tmp_path / "catalogue.db"
    open_engine(f"sqlite:///{db}").dispose()  # the catalogue exists before two processes race to create it
    workers = [worker(db, redis_url, registries), worker(db, redis_url, registries)]
    outputs = [w.communicate(timeout=300) for w in workers]
    for w, (_out, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err
    summaries = [json.loads(out) for out, _ in outputs]
    assert not any(e.strip() for _, e in outputs), [e for _, e in outputs]  # no warnings on the console

    expected = expected_urls()
    assert set(Registries.hits) == expected  # together they crawled everything...
    assert max(Registries.hits.values()) == 1, Registries.hits.most_common(3)  # ...and no URL was fetched twice
    done = [s["npm"].get("artifacts", 0) for s in summaries]
    assert sum(done) == len(PACKAGES) and min(done) > 0, done  # both workers took part
    assert sum(s["registry"].get("pages", 0) for s in summaries) == PAGES

    with reading(f"sqlite:///{db}") as reader:
        servers = reader.rows("SELECT registry_name, (SELECT count(*) FROM tool t WHERE t.server_id = s.id) AS tools "
                              "FROM server s")
    assert sorted(s["registry_name"] for s in servers) == sorted(f"io.github.shared/{n}" for n in PACKAGES)
    assert {s["tools"] for s in servers} == {1}


    # The next crawl is a new one: the seen-set the last one left in Redis does not hold it back.
    Registries.hits.clear()
    again = worker(db, redis_url, registries, "--full")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert json.loads(out)["registry"]["pages"] == PAGES and set(Registries.hits) == expected


def test_a_late_worker_skips_the_finished_phase_and_joins_the_next(
    tmp_path: Path, redis_url: str, registries: str
) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    db = tmp_path / "catalogue.db"
    open_engine(f"sqlite:///{db}").dispose()
    Registries.packuments_open.clear()  # the first worker's npm phase waits until the second one has joined
    first = worker(db, redis_url, registries)
    deadline = time.monotonic() + 120
    while not client.exists("mcprisk:registry:done"):
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    second = worker(db, redis_url, registries)
    # Both in the npm phase and nothing left in the queue: the first holds what it can, the second holds the rest.
    while len(client.keys("mcprisk:npm:busy:*")) < 2 or client.zcard("mcprisk:npm:requests"):
        assert time.monotonic() < deadline and second.poll() is None
        time.sleep(0.05)
    Registries.packuments_open.set()
    summaries = []
    for process in (first, second):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        summaries.append(json.loads(out))
    assert set(Registries.hits) == expected_urls() and max(Registries.hits.values()) == 1
    assert summaries[1]["registry"].get("pages", 0) == 0  # the registry was done when it came: skipped
    assert summaries[1]["npm"].get("metadata", 0) > 0  # ... and it took its share of the packuments
    assert sum(s["npm"].get("artifacts", 0) for s in summaries) == len(PACKAGES)
