"""Introspection throughput on this machine: servers a minute, cold (empty install cache) and with the cache.

Run by hand (packages come from your own npm and pip configuration; nothing is written to the repo):
``python benchmarks/introspect_throughput.py [--servers npm:NAME@VERSION ...] [--workers 2]``. The default servers
are the first answered ones of a ``benchmarks/introspect_real.py`` run (``--from /tmp/mcprisk-introspect-real``).
The cold pass installs each version into a fresh cache folder; the warm pass asks the same servers again from it.

Measured 2026-12-04 on the shared 2-core machine, 2 workers, 20 real servers (npm and PyPI): cold 5.0 servers a
minute (installs dominate), with the cache 95.6 servers a minute.
"""

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalog.core.settings import Settings  # noqa: E402
from crawler.introspect import introspect, parse_target  # noqa: E402


def one_pass(specs: list[str], settings: Settings, workers: int) -> dict[str, object]:
    started = time.monotonic()
    with ThreadPoolExecutor(workers) as pool:
        outcomes = list(pool.map(lambda spec: introspect(parse_target(spec), settings), specs))
    seconds = time.monotonic() - started
    answered = sum(o.answered for o in outcomes)
    return {"servers": len(specs), "answered": answered, "seconds": round(seconds, 1),
            "servers_per_minute": round(len(specs) * 60 / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", nargs="*")
    parser.add_argument("--from", dest="source", type=Path, default=Path("/tmp/mcprisk-introspect-real"))
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    specs = args.servers or [
        json.loads(p.read_text())["outcome"]["target"] for p in sorted(args.source.glob("*/*.json"))
        if json.loads(p.read_text())["outcome"]["status"] == "answered"][: args.count]
    with tempfile.TemporaryDirectory(prefix="mcprisk-throughput-") as cache:
        settings = Settings.from_env(introspect_cache=cache)
        cold = one_pass(specs, settings, args.workers)
        warm = one_pass(specs, settings, args.workers)
    print(json.dumps({"workers": args.workers, "cold": cold, "with_cache": warm}, indent=1))


if __name__ == "__main__":
    main()
