"""How fast the site builds: 10,000 servers and 100,000 tools, full build and rebuilds.

Run by hand: ``python benchmarks/site_build.py [--servers 10000] [--tools-per-server 10] [--out DIR] [--profile]``.
Prints pages a second for the full build next to the floor (a bare loop writing the same bytes), the no-op
rebuild time, the rebuild after one tool changed (which renders only the units that show it), the CPU seconds
each took (this process and its page workers, user + system) and the machine's load average, since other work
on the machine slows the wall-clock figures.

At 100,000 tools, on the shared 2-core machine: one-tool rebuild 7.3 s wall, 7.3 CPU s, 9 of 12,217 units
rendered (was 33.8 s, and 167 s wall / 79 CPU s under load, rendering every page); no-op 0.2 s (was 3.3 s).
Then, with each tool row written whole as one text by the database (json_array) and the lists, counts, sitemap
and gone files worked out in single passes: one-tool rebuild 4.7 CPU s (was 10.2 CPU s in the same conditions,
load average 10-19 on 2 cores: 31-41 s wall); over a kept site at load average 6: 4.3-4.5 s wall, 3.2 CPU s.
"""

import argparse
import cProfile
import os
import pstats
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from extract_throughput import cpu_seconds as cpu
from query_latency import build as build_catalogue

from catalog.publish import build_site


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", type=int, default=10_000)
    parser.add_argument("--tools-per-server", type=int, default=10)
    parser.add_argument("--out", type=Path, help="build under this folder (default: a temporary one)")
    parser.add_argument("--profile", action="store_true", help="print where the one-tool rebuild spends its time")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mcprisk-site-bench-", dir=args.out))
    try:
        db = folder / "bench.db"
        start = time.perf_counter()
        build_catalogue(db, args.servers, args.tools_per_server)
        print(
            f"catalogue: {args.servers:,} servers, {args.servers * args.tools_per_server:,} tools "
            f"({time.perf_counter() - start:.0f} s to make)"
        )
        out = folder / "site"
        print(f"before the build: {load()}")
        start, used = time.perf_counter(), cpu()
        summary = build_site(f"sqlite:///{db}", out)
        full, used = time.perf_counter() - start, cpu() - used
        files = [p for p in out.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        print(
            f"full build: {summary.pages:,} pages ({len(files):,} files, {size / 2**20:.0f} MiB) in {full:.1f} s: "
            f"{summary.pages / full:,.0f} pages/s; {used:.1f} CPU s, {used / summary.pages * 1000:.2f} CPU ms a page; "
            f"{load()}"
        )
        blobs = [(p.relative_to(out), p.read_bytes()) for p in files]
        floor_dir = folder / "floor"
        start, used = time.perf_counter(), cpu()
        for relative, content in blobs:
            target = floor_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        floor, used = time.perf_counter() - start, cpu() - used
        print(
            f"floor (a bare loop writing the same bytes): {floor:.1f} s: {summary.pages / floor:,.0f} pages/s; "
            f"{used:.1f} CPU s; {load()}"
        )
        start, used = time.perf_counter(), cpu()
        again = build_site(f"sqlite:///{db}", out)
        print(
            f"no-op rebuild: {time.perf_counter() - start:.1f} s, {cpu() - used:.1f} CPU s "
            f"({again.written} files written)"
        )
        with sqlite3.connect(db) as conn:  # one tool's description changes, as a quiet night's crawl would bring
            conn.execute("UPDATE tool SET description = 'Changed.', last_changed = '2026-11-24 00:00:00' WHERE id = 1")
        profile = cProfile.Profile() if args.profile else None
        start, used = time.perf_counter(), cpu()
        if profile:
            profile.enable()
        again = build_site(f"sqlite:///{db}", out)
        if profile:
            profile.disable()
        print(
            f"rebuild after one tool changed: {time.perf_counter() - start:.1f} s, {cpu() - used:.1f} CPU s "
            f"({again.written} files written, {again.rendered} of {again.units} units rendered)"
        )
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
