"""Two crawler processes sharing one real Redis split one crawl: every URL fetched once, every server stored once.

A real ``redis-server`` (Debian's package) on a free loopback port, a registry and an npm registry served on
127.0.0.1 that count every request, and two real ``mcprisk crawl --redis-url`` processes on one catalogue.
"""

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog.database import open_engine, reading
from tests.shared_crawl import Registries, redis_server, serve_registries, worker


@pytest.fixture
def registries() -> Iterator[str]:
    with serve_registries() as base:
        yield base


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    with redis_server(tmp_path) as url:
        if url is None:
            pytest.skip("needs Debian's `redis-server` and scrapy-redis (pip install 'mcprisk[distributed]')")
        yield url


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.db"
    open_engine(f"sqlite:///{path}").dispose()  # the catalogue exists before two processes race to create it
    return path


def finished(*workers: "subprocess.Popen[str]") -> list[dict[str, Any]]:
    summaries = []
    for process in workers:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert not err.strip(), err  # no warnings on the console
        summaries.append(json.loads(out))
    return summaries


def test_two_workers_split_one_crawl(db: Path, redis_url: str, registries: str) -> None:
    summaries = finished(worker(db, redis_url, registries), worker(db, redis_url, registries))
    expected = Registries.expected_urls()
    assert set(Registries.hits) == expected  # together they crawled everything...
    assert max(Registries.hits.values()) == 1, Registries.hits.most_common(3)  # ...and no URL was fetched twice
    done = [s["npm"].get("artifacts", 0) for s in summaries]
    assert sum(done) == len(Registries.packages) and min(done) > 0, done  # both workers took part
    assert sum(s["registry"].get("pages", 0) for s in summaries) == Registries.pages()

    with reading(f"sqlite:///{db}") as reader:
        servers = reader.rows(
            "SELECT registry_name, (SELECT count(*) FROM tool WHERE server_id = s.id) n FROM server s"
        )
    assert sorted(s["registry_name"] for s in servers) == sorted(f"io.github.shared/{n}" for n in Registries.packages)
    assert {s["n"] for s in servers} == {1}

    # The next crawl is a new one: the seen-set the last one left in Redis does not hold it back.
    Registries.hits.clear()
    (again,) = finished(worker(db, redis_url, registries, "--full"))
    assert again["registry"]["pages"] == Registries.pages() and set(Registries.hits) == expected


def test_a_late_worker_skips_the_finished_phase_and_joins_the_next(db: Path, redis_url: str, registries: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
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
    summaries = finished(first, second)
    assert set(Registries.hits) == Registries.expected_urls() and max(Registries.hits.values()) == 1
    assert summaries[1]["registry"].get("pages", 0) == 0  # the registry was done when it came: skipped
    assert summaries[1]["npm"].get("metadata", 0) > 0  # ... and it took its share of the packuments
    assert sum(s["npm"].get("artifacts", 0) for s in summaries) == len(Registries.packages)
