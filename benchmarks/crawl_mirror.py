"""The crawl over a synthetic mirror: a full crawl of 10,000 servers, then a second crawl with nothing changed.

Run by hand: ``python benchmarks/crawl_mirror.py [--servers 10000] [--sources registry,npm]``. A corpus of
``--servers`` small npm servers (registry pages of 100, a packument and a small tarball each; GitHub
repositories too) is written to a temporary folder and served on 127.0.0.1 by ``crawler.corpus.serve``, in
this process, with every archive built before the clock starts. ``mcprisk crawl`` runs twice in a child
process on one fresh catalogue: the full crawl (every page, packument and tarball fetched, tools extracted
and stored), then the no-change crawl (the registry asked for what was updated since; a package pinned at the
version already read is not asked at all, any other packument is asked "changed since?"). Prints servers a
second of the first, requests per server of the second and its time as a fraction of the first (target:
under 10 %), with the CPU time of the crawler and of the mirror, and the machine's load average, since other
work on the machine moves wall-clock figures.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.corpus.serve import CorpusServer, serving  # noqa: E402
from crawler.corpus.synthetic import write_corpus  # noqa: E402


def crawl(server: CorpusServer, db: Path, sources: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and k != "GITHUB_TOKEN"}
    env.update(
        MCPRISK_REGISTRY_URL=server.base,
        MCPRISK_NPM_REGISTRY_URL=f"{server.base}/npm",
        MCPRISK_GITHUB_API_URL=f"{server.base}/github",
    )
    server.requests.clear()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    mirror = time.process_time()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from mcprisk.cli import main; main()", "crawl", "--source", sources, "--db", str(db)]
        + ["--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the crawl failed ({done.returncode}): {done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = json.loads(done.stdout)
    return {
        "wall": took,
        "crawler_cpu": (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime),
        "mirror_cpu": time.process_time() - mirror,
        "requests": sum(v for k, v in server.requests.items() if k.isdigit()),
        "not_modified": server.requests["304"],
        "stored": sum(s.get(f"servers_{k}", 0) for s in summary.values() for k in ("new", "updated", "unchanged")),
        "tools_new": sum(s.get("tools_new", 0) for s in summary.values()),
        "changed": sum(s.get(k, 0) for s in summary.values() for k in ("servers_new", "servers_updated")),
        "skipped": sum(s.get("skipped_by_version", 0) for s in summary.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", type=int, default=10_000)
    parser.add_argument("--sources", default="registry,npm", help="registry,npm (the default) or registry,npm,github")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="mcprisk-mirror-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        write_corpus(folder / "corpus", args.servers)
        with serving(folder / "corpus") as server:
            for _, name in server.corpus.packages:
                server.corpus.npm_tarball(name)
            print(f"mirror of {args.servers} servers written and packed in {time.perf_counter() - start:.1f} s")
            db = folder / "mcprisk.db"
            full = crawl(server, db, args.sources)
            again = crawl(server, db, args.sources)
    n = args.servers
    print(
        f"full crawl:      {full['wall']:7.1f} s  {n / full['wall']:7.1f} servers/s  {full['requests']:6} requests  "
        f"{full['tools_new']} tools stored  CPU: crawler {full['crawler_cpu']:.1f} s, mirror {full['mirror_cpu']:.1f} s"
    )
    print(
        f"no-change crawl: {again['wall']:7.1f} s  {again['requests'] / n:7.3f} requests/server "
        f"({again['requests']} requests, "
        f"{again['not_modified']} answered 304, {again['skipped']} packages skipped by version)  "
        f"{again['changed']} servers changed  "
        f"CPU: crawler {again['crawler_cpu']:.1f} s, mirror {again['mirror_cpu']:.1f} s"
    )
    fraction = again["wall"] / full["wall"]
    print(
        f"no-change / full: {fraction:.1%} of the wall time (target < 10%), "
        f"{again['crawler_cpu'] / full['crawler_cpu']:.1%} of the crawler's CPU time"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
