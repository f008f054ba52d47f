"""Introspect real MCP servers in the sandbox and measure static extraction against their answers.

Run by hand (packages come from your own npm and pip configuration at run time; nothing is written to the repo):
``python benchmarks/introspect_real.py [--out /tmp/mcprisk-introspect-real] [--npm 95] [--pypi 65] [--workers 2]``.
Servers are chosen from the package lists given with ``--lists`` (name, version, popularity), across the whole
popularity range (equal-sized bands, a seeded draw in each), leaving out the servers collect_real_servers.py
measures (and, with ``--exclude``, an earlier batch's servers: a fresh batch for held-out measurement). Each
server's outcome is saved as ``<out>/<registry>/<name>.json``, with the static extraction of the very installed
package folder and the comparison; ``<out>/summary.json`` pools them (recall, precision, exact descriptions; pooled,
per-server means, per registry).

Precision is given twice: over every tool declared (``all``: the first look's measure) and over the tools declared
without a condition (``listed``): a tool the code hides or registers only under an option, an environment variable
or a mode carries ``extra["condition"]`` and is not expected in a default answer; recall and exact descriptions
count every tool declared. ``--restatic`` measures extraction again on the recorded answers after a change to
extraction (packages come from the install cache; nothing is run again); ``--split tuning|heldout`` keeps the
servers whose sha1 of ``registry:name`` ends in 5-f or 0-4 (the held-out third, never looked at while tuning).
"""

import argparse
import csv
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalog.core.errors import ConfigError  # noqa: E402
from catalog.core.settings import Settings  # noqa: E402
from catalog.differences import Comparison, compare, pooled, started  # noqa: E402
from crawler.introspect import Outcome, Target, introspect  # noqa: E402
from crawler.introspect.install import (  # noqa: E402
    InstallError,
    cache_root,
    distribution_files,
    distribution_name,
    install,
    normalised,
    site_packages,
)
from crawler.introspect.limits import Limits  # noqa: E402
from crawler.introspect.released import published  # noqa: E402
from crawler.registries import pypi_url  # noqa: E402
from crawler.spiders.packages import MAX_DELEGATION  # noqa: E402

_LIBRARY = re.compile(r"(^|[/-])(sdk|client|types|core|utils?|framework|proxy|bridge|gateway|inspector|cli-?kit|"
                      r"adapter|plugin|toolkit|lib|test|dev|kit)($|[/-])|^@ai-sdk/|^@mastra/|^@langchain/|^mcp$|"
                      r"^fastmcp|^mcp-types$|^@modelcontextprotocol/sdk", re.I)


def known_servers() -> set[str]:
    text = (Path(__file__).parent / "collect_real_servers.py").read_text()
    return set(re.findall(r'Server\(\s*"(?:npm|pypi)",\s*"([^"]+)"', text))


def _bands(rows: list[list[str]], count: int, seed: int, bands: int = 6) -> list[list[str]]:
    rng = random.Random(seed)
    size = max(1, len(rows) // bands)
    chosen: list[list[str]] = []
    for index in range(bands):
        band = rows[index * size:(index + 1) * size] if index < bands - 1 else rows[index * size:]
        chosen += rng.sample(band, min(len(band), count // bands + (index < count % bands)))
    return chosen


def choose(lists: Path, n_npm: int, n_pypi: int, seed: int, exclude: tuple[Path, ...] = ()) -> list[Target]:
    """Servers across the popularity range; ``exclude`` names earlier batches' ``targets.json``, whose servers are
    left out before drawing, so a fresh batch (another seed) holds only servers never measured before."""
    skip = known_servers()
    for path in exclude:
        skip |= {label.split(":", 1)[1].rsplit("@", 1)[0].split("==")[0] for label in json.loads(path.read_text())}
    npm = [r for r in csv.reader((lists / "npm.tsv").open(), delimiter="\t")][1:]
    npm = [r for r in npm if "mcp" in r[0].lower() and r[0] not in skip and not _LIBRARY.search(r[0])
           and re.fullmatch(r"\d+\.\d+\.\d+", r[1])]
    npm.sort(key=lambda r: -int(r[2] or 0))
    pypi = [r for r in csv.reader((lists / "pypi.tsv").open(), delimiter="\t")][1:]
    pypi = [r for r in pypi if "mcp" in r[0].lower() and r[0] not in skip and not _LIBRARY.search(r[0])
            and re.fullmatch(r"\d+\.\d+(\.\d+)?", r[1]) and r[2] >= "2025-06" and "server" in r[4].lower()]
    pypi.sort(key=lambda r: (int(r[3]) if r[3] else 10**6, r[2]), reverse=False)
    targets = [Target("npm", r[0], r[1]) for r in _bands(npm, n_npm, seed)]
    return targets + [Target("pypi", r[0], r[1]) for r in _bands(pypi, n_pypi, seed)]


# An npm package's folder is extracted as it is, its root the package's (where its README and package.json are, as
# in the tarball the crawler reads). A wheel's top-level modules and packages are copied side by side into one
# folder and extracted together, as its source tree would be (single-module distributions are files, which
# extract() does not take alone), with the site-packages it is installed in (tools its libraries make at run time
# are read there). The child prints the tools and the dependencies the package hands over to.
_EXTRACT = """
import json, shutil, sys, tempfile
from datetime import datetime
from pathlib import Path
from crawler.extract import extract
released = datetime.fromisoformat(sys.argv[1]) if sys.argv[1] else None
libraries = Path(sys.argv[2]) if sys.argv[2] else None
paths = [Path(p) for p in sys.argv[3:]]
if len(paths) == 1 and (paths[0] / "package.json").is_file():
    result = extract(paths[0], released=released)
else:
    with tempfile.TemporaryDirectory() as folder:
        for path in paths:
            (shutil.copytree if path.is_dir() else shutil.copy2)(path, Path(folder) / path.name)
        result = extract(folder, released=released, libraries=libraries)
print(json.dumps({"tools": [t.to_mcp() | {"origin": t.origin, "file": t.file, "condition": t.extra.get("condition"),
                                           "extra": t.extra} for t in result.tools],
                  "delegates": result.delegates_to}))
"""


def static_tools(target: Target, settings: Settings) -> list[dict[str, Any]] | None:
    """Static extraction of the very installed package, in a child process: tree-sitter's parsers are not safe to
    share between threads, and a crash of one extraction must not end the batch. A package that declares nothing
    and hands over to dependencies gets theirs, read where they are installed beside it, as the crawler follows
    them (to the same depth); its README's list stays the last resort. A PyPI package is extracted with the date
    its registry published it, as the crawler extracts it (python.docstrings reads the fastmcp of that day)."""
    try:
        installed = install(target, cache_root(settings), Limits())
    except InstallError:
        return None
    paths = [p for p in installed.package_paths if p.exists()] + _metadata(target.registry, target.name, installed)
    when = _published(target, settings)
    return _followed(target.registry, installed, paths, MAX_DELEGATION, when.isoformat() if when else "")


def _published(target: Target, settings: Settings) -> datetime | None:
    """When the registry published the version, as the crawler reads it with the artifact (PyPI's JSON API)."""
    try:
        return published(pypi_url(settings), target.name, target.version) if target.registry == "pypi" else None
    except ConfigError:
        return None


def _followed(registry: str, installed: Any, paths: list[Path], depth: int,
              released: str = "") -> list[dict[str, Any]] | None:
    if not paths:
        return []
    site = site_packages(installed.root) if registry == "pypi" else None
    done = subprocess.run([sys.executable, "-c", _EXTRACT, released, str(site or ""), *map(str, paths)],
                          capture_output=True, text=True,
                          timeout=600, env=os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    if done.returncode != 0:
        return None
    found = json.loads(done.stdout)
    tools: list[dict[str, Any]] = found["tools"]
    if depth == 0 or not found["delegates"] or any(t["origin"] != "readme" for t in tools):
        return tools
    theirs: list[dict[str, Any]] = []
    for dependency in found["delegates"]:
        beside = ([installed.root / "node_modules" / dependency] if registry == "npm" else
                  distribution_files(installed.root, dependency) + _metadata(registry, dependency, installed))
        theirs += _followed(registry, installed, [p for p in beside if p.exists()], depth - 1, released) or []
    return theirs or tools


def _metadata(registry: str, name: str, installed: Any) -> list[Path]:
    """A wheel's `.dist-info` folder, installed beside its packages: the crawler reads the wheel with it (its
    requirements say which server library, and which fastmcp, the package runs on)."""
    site = site_packages(installed.root) if registry == "pypi" else None
    if site is None:
        return []
    return [p for p in site.glob("*.dist-info") if distribution_name(p) == normalised(name)]


def one(target: Target, settings: Settings, out: Path) -> dict[str, Any]:
    started = time.monotonic()
    result: Outcome = introspect(target, settings)
    record: dict[str, Any] = {"outcome": result.to_json()}
    if result.answered:
        measure(record, target, settings)
    record["seconds"] = round(time.monotonic() - started, 1)
    path = out / target.registry / (target.name.replace("/", "__") + ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1))
    return record


def measure(record: dict[str, Any], target: Target, settings: Settings) -> None:
    """Static extraction of the installed package against the answer, twice: every tool declared (``comparison``,
    the first look's measure) and only the tools declared without a condition (``listed``: a tool the code hides
    or registers only under a flag, ``extra["condition"]``, is not expected in a default answer). Of a package
    shipping several servers, only the tools of the one started count (``catalog.differences.started``)."""
    declared = static_tools(target, settings)
    record["static"] = declared
    record["static_failed"] = declared is None
    declared = started(declared or [], record["outcome"]["started_with"])[0]
    answered = record["outcome"]["tools"]
    record["comparison"] = compare(answered, declared).to_json()
    record["listed"] = compare(answered, [t for t in declared if not t.get("condition")]).to_json()


def held_out(label: str) -> bool:
    """The servers kept out of tuning static extraction: sha1 of `registry:name` ends in 0-4 (about a third)."""
    registry, rest = label.split(":", 1)
    name = rest.rsplit("@", 1)[0] if registry == "npm" else rest.split("==")[0]
    return hashlib.sha1(f"{registry}:{name}".encode()).hexdigest()[-1] in "01234"


def _selected(out: Path, split: str) -> list[Path]:
    paths = [p for p in sorted(out.glob("*/*.json"))]
    if split == "all":
        return paths
    return [p for p in paths if held_out(json.loads(p.read_text())["outcome"]["target"]) == (split == "heldout")]


def score(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Pooled and per-server recall, precision and exact descriptions over the servers that answered with tools:
    ``all`` counts every tool declared (the first look's measure), ``listed`` only those without a condition."""
    result: dict[str, Any] = {"servers": len(records)}
    for key in ("comparison", "listed"):
        found = [r[key] for r in records if key in r and r[key]["answered"]]
        total = pooled(Comparison(c["answered"], c["declared"], c["matched"], c["exact"]) for c in found)

        def mean(field: str, rows: list[dict[str, Any]] = found) -> float | None:
            values = [c[field] for c in rows if c[field] is not None]
            return round(sum(values) / len(values), 4) if values else None

        result["all" if key == "comparison" else "listed"] = {
            "with_tools": len(found), "answered": total.answered, "declared": total.declared,
            "matched": total.matched, "recall": total.recall, "precision": total.precision,
            "exact_descriptions": total.exact_share, "mean_recall": mean("recall"),
            "mean_precision": mean("precision"), "mean_exact": mean("exact_descriptions"),
        }
    return result


def summarise(out: Path, split: str = "all") -> dict[str, Any]:
    records = [json.loads(p.read_text()) for p in _selected(out, split)]
    statuses: dict[str, int] = {}
    servers: list[dict[str, Any]] = []
    for record in records:
        status = record["outcome"]["status"]
        statuses[status] = statuses.get(status, 0) + 1
        if "comparison" in record and record["comparison"]["answered"]:
            c = record["comparison"]
            servers.append({"target": record["outcome"]["target"], **{k: c[k] for k in (
                "answered", "declared", "matched", "exact", "recall", "precision", "exact_descriptions")}})
    summary = {
        "split": split, "servers": len(records), "statuses": statuses, "answered_with_tools": len(servers),
        "static_found_nothing": sum(1 for s in servers if s["declared"] == 0),
        "scores": score(records),
        "by_registry": {registry: score([r for r in records if r["outcome"]["target"].startswith(registry + ":")])
                        for registry in ("npm", "pypi")},
        "per_server": sorted(servers, key=lambda s: (s["recall"] or 0, s["target"])),
    }
    (out / f"summary{'' if split == 'all' else '-' + split}.json").write_text(json.dumps(summary, indent=1))
    return summary


def restatic(out: Path, split: str, settings: Settings, workers: int) -> None:
    """Static extraction measured again on recorded answers (the packages come from the install cache), after a
    change to extraction: nothing is introspected again."""
    def again(path: Path) -> None:
        record = json.loads(path.read_text())
        if record["outcome"]["status"] == "answered":
            label = record["outcome"]["target"]
            registry, rest = label.split(":", 1)
            name, version = rest.rsplit("@", 1) if registry == "npm" else rest.split("==")
            measure(record, Target(registry, name, version), settings)
            path.write_text(json.dumps(record, indent=1))

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(again, _selected(out, split)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/mcprisk-introspect-real"))
    parser.add_argument("--lists", type=Path, default=Path("/work/.library/env/packages"))
    parser.add_argument("--npm", type=int, default=95)
    parser.add_argument("--pypi", type=int, default=65)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="an earlier batch's targets.json: its servers are not drawn again (repeatable)")
    parser.add_argument("--summary-only", action="store_true")
    parser.add_argument("--split", choices=("all", "tuning", "heldout"), default="all",
                        help="summarise (and with --restatic measure again) only these servers (see held_out)")
    parser.add_argument("--restatic", action="store_true",
                        help="measure static extraction again on the recorded answers, introspecting nothing")
    args = parser.parse_args()
    if args.restatic:
        restatic(args.out, args.split, Settings.from_env(), args.workers)
    elif not args.summary_only:
        settings = Settings.from_env()
        targets = choose(args.lists, args.npm, args.pypi, args.seed, tuple(args.exclude))
        (args.out).mkdir(parents=True, exist_ok=True)
        (args.out / "targets.json").write_text(json.dumps([t.label for t in targets], indent=1))
        todo = [t for t in targets
                if not (args.out / t.registry / (t.name.replace("/", "__") + ".json")).exists()]
        started = time.monotonic()
        with ThreadPoolExecutor(args.workers) as pool:
            futures = {pool.submit(one, t, settings, args.out): t for t in todo}
            for done, future in enumerate(as_completed(futures), 1):
                target = futures[future]
                try:
                    status = future.result()["outcome"]["status"]
                except Exception as error:  # noqa: BLE001 - one broken package never stops the batch
                    status = f"error: {error}"
                print(f"[{done}/{len(todo)}] {time.monotonic() - started:6.0f}s {target.label}: {status}", flush=True)
    print(json.dumps({k: v for k, v in summarise(args.out, args.split).items() if k != "per_server"}, indent=1))


if __name__ == "__main__":
    main()
