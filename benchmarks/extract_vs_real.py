"""Extraction measured on real servers: what `extract()` finds in the installed package against what the
running server answered to `tools/list`.

Run by hand after ``benchmarks/collect_real_servers.py`` (which installs the packages and records the answers):
``python benchmarks/extract_vs_real.py [--details]``. Prints recall and precision of tool names and the share of
exact descriptions, per server and overall (targets: recall >= 95%, precision >= 98%, exact descriptions >= 90%),
against two truths: ``all``, every tool the package declares (the answer with every capability and tool group
switched on: the headline, since a static reading of the package cannot know which options a user will pass),
and ``default``, what a plain client sees with default options.
"""

import argparse
import csv
import glob
import json
import shutil
import tempfile
from pathlib import Path

from crawler.extract import extract
from crawler.extract.python.delegation import key as distribution_key

WORK = Path(tempfile.gettempdir()) / "mcprisk-real-work"


def installed(package: str, registry: str) -> Path | None:
    """Where the collector's npx or venv installed the package: its folder, or a wheel's files."""
    if registry == "npm":
        found = sorted(glob.glob(str(Path.home() / ".npm" / "_npx" / "*" / "node_modules" / package / "package.json")))
        return Path(found[-1]).parent if found else None
    return wheel_view(package, package)


def wheel_view(package: str, distribution: str) -> Path | None:
    """A distribution installed in ``package``'s venv as its wheel holds it (the files its RECORD lists, metadata
    included), copied to a folder of its own: what the crawler reads, without the packages installed beside it."""
    sites = sorted(glob.glob(str(WORK / "venvs" / package / "lib" / "python*" / "site-packages")))
    site = Path(sites[-1]) if sites else Path("/nonexistent")
    for record in site.glob("*.dist-info/RECORD"):
        if distribution_key(record.parent.name.split("-")[0]) != distribution_key(distribution):
            continue
        view = WORK / "views" / record.parent.name
        if not view.exists():
            for row in csv.reader(record.read_text().splitlines()):
                source = site / row[0]
                if row and not row[0].startswith("..") and "__pycache__" not in row[0] and source.is_file():
                    (view / row[0]).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, view / row[0])
        return view
    return None


def found_tools(package: str, registry: str, folder: Path) -> dict:
    """What extraction finds, following the dependencies a package hands over to (installed beside it, as the
    crawler follows them); a README's list is only the last resort, when neither the package nor those
    dependencies declare a tool."""
    result = extract(folder)
    tools = list(result.tools)
    for dependency in result.delegates_to:
        if registry == "npm":
            beside: Path | None = folder.parents[len(Path(package).parts) - 1] / dependency
        else:
            beside = wheel_view(package, dependency)
        if beside is not None and beside.is_dir():
            tools += extract(beside).tools
    if any(t.origin != "readme" for t in tools):
        tools = [t for t in tools if t.origin != "readme"]
    return {t.name: t for t in tools}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "mcprisk-real-servers")
    parser.add_argument("--details", action="store_true", help="list every miss, extra and inexact description")
    parser.add_argument("--only", action="append", help="package name (repeatable); default: every server recorded")
    args = parser.parse_args()
    totals = {"all": [0, 0, 0, 0], "default": [0, 0, 0, 0]}  # live, found, matched, exact
    for path in sorted(args.cache.glob("*.json")):
        data = json.loads(path.read_text())
        if args.only and data["package"] not in args.only:
            continue
        folder = installed(data["package"], data["registry"])
        if folder is None:
            print(f"{data['package']}: not installed here, skipped")
            continue
        found = found_tools(data["package"], data["registry"], folder)
        line = [data["package"]]
        for truth, key in (("all", "tools_all"), ("default", "tools")):
            live = {t["name"]: t for t in data.get(key, [])}
            if truth == "all":  # every answer together: an option may also switch a tool off
                live |= {t["name"]: t for t in data["tools"]}
            hits = set(live) & set(found)
            inexact = sorted(n for n in hits if (found[n].description or "") != (live[n].get("description") or ""))
            for i, value in enumerate((len(live), len(found), len(hits), len(hits) - len(inexact))):
                totals[truth][i] += value
            line.append(
                f"{truth}: {len(hits)}/{len(live)} found, {len(found) - len(hits)} extra, "
                f"{len(hits) - len(inexact)} exact"
            )
            if args.details and truth == "all":
                for name in sorted(set(live) - hits):
                    print(f"  MISS {name}")
                for name in sorted(set(found) - hits):
                    print(f"  EXTRA {name} ({found[name].file}:{found[name].line})")
                for name in inexact:
                    print(
                        f"  INEXACT {name} ({found[name].file}:{found[name].line})\n"
                        f"    live: {live[name].get('description')!r:.300}\n"
                        f"    found: {found[name].description!r:.300}"
                    )
        print("; ".join(line))
    for truth, (live, found, matched, exact) in totals.items():
        if live:
            print(
                f"[{truth}] recall {matched / live:.1%}; precision {matched / found if found else 0:.1%}; "
                f"exact descriptions {exact / matched if matched else 0:.1%} "
                f"({matched} matched of {live} live, {found} found)"
            )


if __name__ == "__main__":
    main()
