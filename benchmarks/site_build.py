"""How fast the site builds: 10,000 servers and 100,000 tools, full build and no-op rebuild.

Run by hand: ``python benchmarks/site_build.py [--servers 10000] [--tools-per-server 10]``. Prints pages a
second for the full build next to the floor (a bare loop writing the same bytes), and the no-op rebuild time.
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from query_latency import build as build_catalogue

from catalog.publish import build_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", type=int, default=10_000)
    parser.add_argument("--tools-per-server", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mcprisk-site-bench-"))
    try:
        db = folder / "bench.db"
        start = time.perf_counter()
        build_catalogue(db, args.servers, args.tools_per_server)
        print(
            f"catalogue: {args.servers:,} servers, {args.servers * args.tools_per_server:,} tools "
            f"({time.perf_counter() - start:.0f} s to make)"
        )
        out = folder / "site"
        start = time.perf_counter()
        summary = build_site(f"sqlite:///{db}", out)
        full = time.perf_counter() - start
        files = [p for p in out.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        print(
            f"full build: {summary.pages:,} pages ({len(files):,} files, {size / 2**20:.0f} MiB) in {full:.1f} s: "
            f"{summary.pages / full:,.0f} pages/s"
        )
        blobs = [(p.relative_to(out), p.read_bytes()) for p in files]
        floor_dir = folder / "floor"
        start = time.perf_counter()
        for relative, content in blobs:
            target = floor_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        floor = time.perf_counter() - start
        print(f"floor (a bare loop writing the same bytes): {floor:.1f} s: {summary.pages / floor:,.0f} pages/s")
        start = time.perf_counter()
        again = build_site(f"sqlite:///{db}", out)
        print(f"no-op rebuild: {time.perf_counter() - start:.1f} s ({again.written} files written)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
