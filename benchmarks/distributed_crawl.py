"""What a second crawler process brings: one crawl of a slow registry by one worker, then by two sharing Redis.

Run by hand: ``python benchmarks/distributed_crawl.py [--packages 240] [--latency 0.2]``. A local MCP Registry and
npm registry answer every request ``--latency`` seconds late (a remote host's round trip); each run crawls the
registry's pages, every packument and every tarball into a fresh catalogue. Prints the wall time and requests a
second of one worker without Redis, one worker with Redis (the cost of the shared queue), and two workers with
Redis, with how the work was split and whether any URL was fetched twice. Needs ``redis-server`` and
``pip install 'mcprisk[distributed]'``.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from catalog.database import open_engine  # noqa: E402
from tests.shared_crawl import Registries, redis_server, serve_registries, worker  # noqa: E402


def crawl(folder: Path, name: str, redis_url: str | None, registries: str, workers: int) -> None:
    db = folder / f"{name}.db"
    open_engine(f"sqlite:///{db}").dispose()
    Registries.hits.clear()
    start = time.perf_counter()
    processes = [worker(db, redis_url, registries) for _ in range(workers)]
    outputs = [p.communicate() for p in processes]
    took = time.perf_counter() - start
    if any(p.returncode for p in processes):
        raise SystemExit(f"{name}: a worker failed: {[err for _, err in outputs]}")
    split = [json.loads(out)["npm"].get("artifacts", 0) for out, _ in outputs]
    requests = sum(Registries.hits.values())
    twice = sum(1 for n in Registries.hits.values() if n > 1)
    print(
        f"{name:<22} {took:6.1f} s  {requests:5} requests  {requests / took:6.1f} req/s  "
        f"tarballs per worker {split}  URLs fetched twice: {twice}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--packages", type=int, default=240)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    Registries.packages = [f"pkg-{i:04d}" for i in range(args.packages)]
    Registries.per_page, Registries.latency = 30, args.latency
    print(f"{args.packages} packages, {Registries.pages()} registry pages, {args.latency * 1000:.0f} ms a request")
    with tempfile.TemporaryDirectory(prefix="mcprisk-shared-bench-") as tmp, serve_registries() as registries:
        folder = Path(tmp)
        crawl(folder, "one worker", None, registries, 1)
        with redis_server(folder) as redis_url:
            if redis_url is None:
                raise SystemExit("needs redis-server and scrapy-redis (pip install 'mcprisk[distributed]')")
            crawl(folder, "one worker, Redis", redis_url, registries, 1)
            crawl(folder, "two workers, Redis", redis_url, registries, 2)


if __name__ == "__main__":
    main()
