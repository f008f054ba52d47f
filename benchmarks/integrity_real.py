"""False positives of the integrity scanner on real tools: how many real definitions it flags.

Run by hand: ``python benchmarks/integrity_real.py [--cache DIR] [--show] [--split all|tuning|held-out]``.
Every package artifact in the shared cache (``/work/cache/pkgs/{npm,pypi}``, or ``--pkgs``) is read with the
project's own extraction, once: the tools found are kept in a folder outside the checkout (``--cache``, under the
system's temporary folder), since real texts are never committed. The scanner then runs over every tool and the
script prints counts: tools, tools flagged High or Critical (what the catalogue calls poisoned), tools with only
Medium findings, per class. ``--show`` prints each flagged tool's findings to the terminal, for reading.

The packages are split by a hash of the artifact's file name, fixed before any tuning: a quarter is held out
(``held-out``), so its figure is a first look that tuning on the other three quarters (``tuning``) never saw.
"""

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from catalog.core.definition import ToolDefinition
from classifier.integrity import scan

PKGS = Path("/work/cache/pkgs")
CACHE = Path(tempfile.gettempdir()) / "mcprisk-integrity-tools"
SUFFIXES = (".tgz", ".tar.gz", ".whl", ".zip")


def held_out(artifact: str) -> bool:
    """A quarter of the packages, by their name alone: the same quarter on every machine and every run."""
    return hashlib.sha1(artifact.encode()).digest()[0] % 4 == 0


def artifacts(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*") if p.name.endswith(SUFFIXES))


def tools_of(artifact: Path, cache: Path) -> list[dict]:
    """The tools extraction finds in one artifact, extracted once and then read back from the cache."""
    kept = cache / f"{artifact.parent.name}--{artifact.name}.json"
    if kept.exists():
        return json.loads(kept.read_text())
    from crawler.extract import extract  # only when something is left to extract: it loads every parser

    try:
        found = [t.to_mcp() for t in extract(artifact).tools]
    except Exception as exc:  # a broken artifact is skipped, not fatal: it is counted and named
        print(f"skipped {artifact.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        found = []
    cache.mkdir(parents=True, exist_ok=True)
    kept.write_text(json.dumps(found))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pkgs", type=Path, default=PKGS)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--split", choices=("all", "tuning", "held-out"), default="all")
    parser.add_argument("--show", action="store_true", help="print every flagged tool's findings")
    parser.add_argument("--medium", action="store_true", help="with --show, print Medium findings too")
    parser.add_argument("--cached-only", action="store_true", help="skip artifacts not extracted yet")
    args = parser.parse_args()
    packages, tools, flagged = Counter[str](), Counter[str](), Counter[str]()
    medium_only = 0
    kinds, rules = Counter[str](), Counter[str]()
    seconds = 0.0
    for artifact in artifacts(args.pkgs):
        part = "held-out" if held_out(artifact.name) else "tuning"
        if args.split not in ("all", part):
            continue
        if args.cached_only and not (args.cache / f"{artifact.parent.name}--{artifact.name}.json").exists():
            continue
        found = tools_of(artifact, args.cache)
        packages[part] += 1
        packages["with tools"] += bool(found)
        for data in found:
            tool = ToolDefinition.from_mcp(data)
            start = time.process_time()
            findings = scan(tool)
            seconds += time.process_time() - start
            tools[part] += 1
            high = [f for f in findings if f.severity in ("high", "critical")]
            flagged[part] += bool(high)
            medium_only += bool(findings) and not high
            for f in high:
                kinds[f.kind] += 1
                rules[f.rule] += 1
            shown = findings if args.medium else high
            if args.show and shown:
                print(f"\n== {artifact.name} :: {tool.name}")
                for f in shown:
                    print(f"  [{f.severity}] {f.rule} ({f.kind}) in {f.field}: {f.text[:200]!r}")
    total, hits = sum(tools.values()), sum(flagged.values())
    print(
        f"split {args.split}: {packages['tuning'] + packages['held-out']} packages "
        f"({packages['with tools']} with tools), {total} tools"
    )
    for part in ("tuning", "held-out"):
        if tools[part]:
            share = 100 * flagged[part] / tools[part]
            print(f"  {part}: {packages[part]} packages, {tools[part]} tools, {flagged[part]} flagged ({share:.2f}%)")
    share = 100 * hits / total if total else 0.0
    print(f"flagged High/Critical: {hits} tools ({share:.2f}%); Medium only: {medium_only}")
    print("by class:", dict(sorted(kinds.items())) or "-", "by rule:", dict(sorted(rules.items())) or "-")
    print(f"scan: {total / seconds:,.0f} tools/s of CPU" if seconds else "scan: no tools")


if __name__ == "__main__":
    main()
