"""Extraction measured on real servers: what `extract()` finds in the installed package against what the
running server answered to `tools/list`.

Run by hand after ``benchmarks/collect_real_servers.py`` (which installs the packages and records the answers):
``python benchmarks/extract_vs_real.py``. Prints recall and precision of tool names and the share of exact
descriptions, per server and overall (targets: recall >= 95%, precision >= 98%, exact descriptions >= 90%).
"""

import argparse
import glob
import json
import tempfile
from pathlib import Path

from crawler.extract import extract


def installed(package: str, registry: str) -> Path | None:
    """Where the collector's npx or venv installed the package."""
    if registry == "npm":
        found = sorted(glob.glob(str(Path.home() / ".npm" / "_npx" / "*" / "node_modules" / package / "package.json")))
        return Path(found[-1]).parent if found else None
    module = package.replace("-", "_")
    pattern = str(
        Path(tempfile.gettempdir())
        / "mcprisk-real-*"
        / "venvs"
        / package
        / "lib"
        / "python*"
        / "site-packages"
        / module
    )
    found = sorted(glob.glob(pattern))
    return Path(found[-1]) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "mcprisk-real-servers")
    args = parser.parse_args()
    live_total = found_total = matched = exact = 0
    for path in sorted(args.cache.glob("*.json")):
        data = json.loads(path.read_text())
        folder = installed(data["package"], data["registry"])
        if folder is None:
            print(f"{data['package']}: not installed here, skipped")
            continue
        live = {t["name"]: t for t in data["tools"]}
        result = extract(folder)
        for dependency in result.delegates_to:  # as the crawler does: follow the package it hands over to
            beside = folder.parents[len(Path(data["package"]).parts) - 1] / dependency
            if beside.is_dir():
                result.tools += extract(beside).tools
        found = {t.name: t for t in result.tools}
        hits = set(live) & set(found)
        same = sum(1 for n in hits if (found[n].description or "") == (live[n].get("description") or ""))
        live_total, found_total, matched, exact = (
            live_total + len(live),
            found_total + len(found),
            matched + len(hits),
            exact + same,
        )
        print(
            f"{data['package']}: {len(hits)}/{len(live)} found, {len(found) - len(hits)} extra, "
            f"{same} exact descriptions"
        )
    if live_total:
        print(
            f"recall {matched / live_total:.1%}; precision {matched / found_total if found_total else 0:.1%}; "
            f"exact descriptions {exact / matched if matched else 0:.1%} ({matched} tools matched)"
        )


if __name__ == "__main__":
    main()
