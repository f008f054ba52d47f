"""Build the labelled corpus the classifier model learns from: real MCP packages' own annotations, extracted here.

Run by hand (it downloads packages through your own npm and pip configuration):

``python benchmarks/build_label_corpus.py select --npm 450 --pypi 250 > /tmp/mcprisk-corpus/packages.txt``
``python benchmarks/build_label_corpus.py download /tmp/mcprisk-corpus/packages.txt [--jobs 4]``
``python benchmarks/build_label_corpus.py build [--out /tmp/mcprisk-corpus/corpus.jsonl]``

The corpus grown in round 13 (``corpus2.jsonl``): the corpus's and last round's held-out packages, every held-out
draw since left out, plus what servers answered when run in the sandbox:

``build --only all.txt --only cls2_packages.txt --exclude cls3_exclude.txt --exclude s14_exclude.json``
``--introspected ext-data/setB --introspected ext-data/s11_tuning --introspected ext-data/setC``

Servers run in the sandbox whose packages no build extracted (round 16: 35 servers, 1,347 annotated tools none of
the corpora held) make a corpus of their own, joined to the others by ``join_corpora.py``:

``python benchmarks/build_label_corpus.py answers E/first F/first G ext7 --out /tmp/mcprisk-corpus/answers.jsonl``

The corpus grows by ``fresh``: ``fresh --exclude LIST`` draws packages neither in LIST nor cached, so a list that
joins the corpus's own and every held-out draw's gives new packages only; ``build --only`` the joined package lists
then keeps any held-out package in the shared cache out.

``select`` picks MCP packages by popularity across the whole range of the package lists (every package of the most
downloaded, then an even stride through the rest, so small servers are represented too); ``download`` fetches each
into the shared package cache unless a file of that package is already there; ``build`` extracts every cached
artifact with the project's own extractor and keeps each tool whose author declares ``readOnlyHint``,
``destructiveHint``, ``idempotentHint`` or ``openWorldHint`` explicitly, de-duplicated by definition hash, each row
naming its server, then appends the hand-labelled set. The corpus holds third-party text: it stays outside the
repository (``/tmp`` by default); only the weights trained from it ship.
"""

import argparse
import concurrent.futures
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE_LISTS = Path(os.environ.get("MCPRISK_PACKAGE_LISTS", "/work/.library/env/packages"))
CACHE = Path(os.environ.get("MCPRISK_PKG_CACHE", "/work/cache/pkgs"))
DEFAULT_OUT = Path(tempfile.gettempdir()) / "mcprisk-corpus" / "corpus.jsonl"
LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled_tools.jsonl"
HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")
# the reference servers' scope spells the protocol out: 'mcp' is not in their names
SERVER_NAMES = re.compile(r"mcp|^@modelcontextprotocol/server-")
# libraries for building servers or clients, not servers: their tools are examples at best
NOT_SERVERS = re.compile(r"(sdk|adapter|transport|client|proxy|types|session|framework|inspector|handler|-ui\b|/ui)")


def npm_candidates() -> list[tuple[str, int]]:
    rows = []
    for line in (PACKAGE_LISTS / "npm.tsv").read_text().splitlines()[1:]:
        parts = line.split("\t")
        name = parts[0].lower()
        if len(parts) >= 3 and SERVER_NAMES.search(name) and not NOT_SERVERS.search(name):
            rows.append((parts[0], int(parts[2] or 0)))
    return sorted(rows, key=lambda r: -r[1])


def pypi_candidates() -> list[tuple[str, int]]:
    ranked, rest = [], []
    for line in (PACKAGE_LISTS / "pypi.tsv").read_text().splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 4 and "mcp" in parts[0].lower() and not NOT_SERVERS.search(parts[0].lower()):
            rank = int(parts[3] or 0)
            (ranked if rank else rest).append((parts[0], rank, parts[2]))
    ranked.sort(key=lambda r: r[1])
    rest.sort(key=lambda r: r[2], reverse=True)  # no download counts: the most recently released first
    return [(n, r) for n, r, _ in ranked] + [(n, 0) for n, _, _ in rest]


def spread(rows: list, count: int, head: int) -> list:
    """The ``head`` most popular, then an even stride through the rest: the whole range of popularity."""
    if len(rows) <= count:
        return rows
    rest = rows[head:]
    step = len(rest) / max(1, count - head)
    return rows[:head] + [rest[int(i * step)] for i in range(count - head)]


def select(args: argparse.Namespace) -> None:
    for name, _ in spread(npm_candidates(), args.npm, args.npm // 3):
        print(f"npm\t{name}")
    for name, _ in spread(pypi_candidates(), args.pypi, args.pypi // 3):
        print(f"pypi\t{name}")


def fresh(args: argparse.Namespace) -> None:
    """A seeded draw of packages neither listed in ``--exclude`` nor cached: a held-out set nobody tuned on.

    Each registry's candidates are cut into five bands of popularity and the draw takes as many from each band, so
    the held-out set spans the range like the corpus does.
    """
    import random

    taken = {tuple(line.split("\t")[:2]) for line in Path(args.exclude).read_text().splitlines() if "\t" in line}
    rng = random.Random(args.seed)
    for registry, rows, count in (("npm", npm_candidates(), args.npm), ("pypi", pypi_candidates(), args.pypi)):
        pool = [name for name, _ in rows if (registry, name) not in taken and not cached(registry, name)]
        bands = [pool[i * len(pool) // 5 : (i + 1) * len(pool) // 5] for i in range(5)]
        for i, band in enumerate(bands):
            share = count // 5 + (i < count % 5)
            for name in rng.sample(band, min(share, len(band))):
                print(f"{registry}\t{name}")


def cached_as(registry: str, name: str, path: Path) -> bool:
    """Whether ``path`` is an artifact of package ``name`` (any version)."""
    if registry == "npm":
        stem = name.lstrip("@").replace("/", "-")
        pattern = re.compile(re.escape(stem) + r"-\d[^/]*\.tgz$")
    else:
        stem = re.sub(r"[-_.]+", "_", name).lower()
        pattern = re.compile(re.escape(stem) + r"-\d[^/]*\.(whl|tar\.gz|zip)$")
    if pattern.match(path.name):
        return True
    return registry == "pypi" and bool(pattern.match(path.name.replace("-", "_", 1).lower()))


def cached(registry: str, name: str) -> bool:
    folder = CACHE / registry
    return folder.is_dir() and any(cached_as(registry, name, p) for p in folder.iterdir())


def fetch_one(registry: str, name: str) -> str:
    if cached(registry, name):
        return "cached"
    folder = CACHE / registry
    folder.mkdir(parents=True, exist_ok=True)
    if registry == "npm":
        command = ["npm", "pack", name, "--pack-destination", str(folder), "--silent"]
    else:
        # the artifact is read, never installed: a package that asks for a newer Python than this one still counts
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--ignore-requires-python", "--quiet",
                   "-d", str(folder), name]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "ok" if done.returncode == 0 else "failed"


def download(args: argparse.Namespace) -> None:
    wanted = [line.split("\t") for line in Path(args.list).read_text().splitlines() if "\t" in line]
    counts: dict[str, int] = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for (registry, name), status in zip(wanted, pool.map(lambda w: fetch_one(*w), wanted), strict=True):
            counts[status] = counts.get(status, 0) + 1
            print(f"{status}\t{registry}\t{name}", flush=True)
    print(counts, file=sys.stderr)


def artifacts() -> list[tuple[str, Path]]:
    found = []
    for registry in ("npm", "pypi"):
        folder = CACHE / registry
        if folder.is_dir():
            found += [(registry, p) for p in sorted(folder.iterdir()) if p.is_file()]
    return found


def listed(paths: list[str] | None) -> set[str]:
    """The servers of package lists, named as ``server_name`` names artifacts: ``registry<TAB>name`` a line, or a
    JSON list of introspection targets (``npm:name@1.0``, ``pypi:name==1.0``) such as a held-out draw's."""
    out = set()
    for path in paths or ():
        text = Path(path).read_text()
        if text.lstrip().startswith("["):
            out |= {server for target in json.loads(text) if (server := target_server(str(target)))}
            continue
        for line in text.splitlines():
            registry, _, name = line.partition("\t")
            if name:
                out.add(package_server(registry, name))
    return out


def package_server(registry: str, name: str) -> str:
    stem = name.lstrip("@").replace("/", "-") if registry == "npm" else re.sub(r"[-_.]+", "-", name)
    return f"{registry}:{stem.lower().replace('_', '-')}"


def target_server(target: str) -> str | None:
    """The server of an introspection target, its version dropped: ``npm:@scope/name@1.0`` is ``npm:scope-name``."""
    registry, _, package = target.partition(":")
    if registry not in ("npm", "pypi") or not package:
        return None
    package = package.split("==", 1)[0]
    if package.count("@") > (package[:1] == "@"):
        package = package.rsplit("@", 1)[0]
    return package_server(registry, package)


def server_name(path: Path) -> str:
    """The package, without its version: one server however many versions the cache holds."""
    name = path.name
    for suffix in (".tgz", ".tar.gz", ".zip", ".whl"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if path.suffix == ".whl":
        return name.split("-")[0].lower().replace("_", "-")
    return re.sub(r"-v?\d+(\.\d+)*([-.+][\w.]+)?$", "", name).lower().replace("_", "-")


def extract_one(path: str) -> tuple[str, list[dict], list[str]]:
    """(status, the annotated tools, every tool's name): extracted once per artifact and extractor version."""
    from crawler.extract import VERSION, extract

    memo = DEFAULT_OUT.parent / "extracted" / f"{Path(path).name}.v{VERSION}.json"
    if memo.exists():
        status, rows, names = json.loads(memo.read_text())
        return status, rows, names
    try:
        result = extract(path)
    except Exception as error:  # noqa: BLE001 (one bad package does not stop the corpus)
        return f"error: {type(error).__name__}", [], []
    rows = []
    for tool in result.tools:
        declared = {k: v for k, v in (tool.annotations or {}).items() if k in HINTS and isinstance(v, bool)}
        if declared and tool.origin != "readme":
            rows.append({"definition": tool.to_mcp(), "hash": tool.definition_hash, "labels": declared})
    names = [t.name for t in result.tools]
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_text(json.dumps(["ok", rows, names]))
    return "ok", rows, names


def with_answers(rows: list[dict], folders: list[str], seen: set[str], unwanted: set[str]) -> list[dict]:
    """``rows`` with the annotated tools of saved tools/list answers (``mcprisk introspect`` in the sandbox): what a
    client really sees, under the same server name as the package's extracted tools, so both stay on one side of a
    fold. An answered tool replaces the one its package's extraction gave under the same name, whatever their
    hashes: the same tool twice would count twice, and the answer is what a client reads (of 235 such twins in
    round 13, 141 were worded apart and 85 had no description extracted at all)."""
    from catalog.core.definition import ToolDefinition

    rows = list(rows)
    at = {(r["server"], r["definition"].get("name")): i for i, r in enumerate(rows)}
    answered: set[tuple[str, str]] = set()
    for path in sorted(p for folder in folders for p in Path(folder).glob("*/*.json")):
        outcome = json.loads(path.read_text()).get("outcome") or {}
        server = target_server(str(outcome.get("target") or ""))
        if server is None or server in unwanted or not outcome.get("tools"):
            continue
        names = [str(t.get("name")) for t in outcome["tools"] if isinstance(t, dict)]
        for raw in outcome["tools"]:
            if not isinstance(raw, dict):
                continue
            tool = ToolDefinition.from_mcp(raw)
            declared = {k: v for k, v in (tool.annotations or {}).items() if k in HINTS and isinstance(v, bool)}
            key = (server, tool.name)
            if not declared or key in answered or tool.definition_hash in seen:
                continue
            answered.add(key)
            seen.add(tool.definition_hash)
            row = {"server": server, "source": "introspected", "tool_names": names,
                   "definition": tool.to_mcp(), "hash": tool.definition_hash, "labels": declared}
            if key in at:
                rows[at[key]] = row
            else:
                rows.append(row)
    return rows


def answers(args: argparse.Namespace) -> None:
    """A corpus of what servers answered alone (``with_answers``), for servers run in the sandbox whose packages no
    build extracted: ``join_corpora.py`` joins it to the others. The answer is the best label a tool has: what a
    client reads, annotations included, as the server really declares them."""
    unwanted = listed(args.exclude)
    rows = with_answers([], args.folders, set(), unwanted)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as handle:
        for row in rows:
            handle.write(json.dumps(row, sort_keys=True) + "\n")
    print(f"{len(rows)} rows, {len({r['server'] for r in rows})} servers answered with annotated tools -> {out}")


def build(args: argparse.Namespace) -> None:
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    rows = []
    servers = 0
    paths = artifacts()
    if args.only:  # some lists' packages, e.g. a held-out set kept apart from the corpus
        wanted = listed(args.only)
        paths = [(r, p) for r, p in paths if f"{r}:{server_name(p)}" in wanted]
    unwanted = listed(args.exclude)
    paths = [(r, p) for r, p in paths if f"{r}:{server_name(p)}" not in unwanted]
    if args.extracted_only:  # a first look while extraction still runs elsewhere
        from crawler.extract import VERSION

        paths = [(r, p) for r, p in paths if (DEFAULT_OUT.parent / "extracted" / f"{p.name}.v{VERSION}.json").exists()]
    pool = concurrent.futures.ProcessPoolExecutor(args.jobs) if args.jobs > 1 else None
    results = (pool.map if pool else map)(extract_one, [str(p) for _, p in paths])
    with pool or contextlib.nullcontext():
        for (registry, path), (status, found, names) in zip(paths, results, strict=True):
            server = f"{registry}:{server_name(path)}"
            fresh = [r for r in found if r["hash"] not in seen]
            seen.update(r["hash"] for r in fresh)
            servers += bool(fresh)
            rows += [{"server": server, "source": "annotations", "tool_names": names, **r} for r in fresh]
            print(f"{status}\t{len(found)}\t{server}", file=sys.stderr, flush=True)
    if args.introspected:
        rows = with_answers(rows, args.introspected, seen, unwanted)
    for line in LABELLED.read_text().splitlines():
        if line.strip():
            item = json.loads(line)
            server = item.get("server") or {}
            labels = {"readOnlyHint": item["category"] == "Read", "category": item["category"], "risk": item["risk"]}
            if item["category"] != "Read":
                labels["destructiveHint"] = item["category"] == "Destructive"
            rows.append(
                {
                    "server": "labelled:" + str(server.get("name", "hand")),
                    "source": "hand",
                    "tool_names": server.get("tool_names", []),
                    "definition": item["tool"],
                    "labels": labels,
                }
            )
    with out.open("w") as handle:
        for row in rows:
            handle.write(json.dumps(row, sort_keys=True) + "\n")
    print(f"{len(rows)} rows, {servers} servers with annotated tools, from {len(paths)} artifacts -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    chooser = sub.add_parser("select")
    chooser.add_argument("--npm", type=int, default=450)
    chooser.add_argument("--pypi", type=int, default=250)
    chooser.set_defaults(run=select)
    drawer = sub.add_parser("fresh")
    drawer.add_argument("--exclude", required=True, help="the corpus's package list")
    drawer.add_argument("--npm", type=int, default=130)
    drawer.add_argument("--pypi", type=int, default=120)
    drawer.add_argument("--seed", type=int, default=15)
    drawer.set_defaults(run=fresh)
    getter = sub.add_parser("download")
    getter.add_argument("list")
    getter.add_argument("--jobs", type=int, default=4)
    getter.set_defaults(run=download)
    builder = sub.add_parser("build")
    builder.add_argument("--out", default=str(DEFAULT_OUT))
    builder.add_argument("--jobs", type=int, default=1)
    builder.add_argument("--introspected", action="append", help="a folder of saved tools/list answers "
                         "({npm,pypi}/*.json) to add; repeatable")
    builder.add_argument("--only", action="append", help="a package list: build from these packages' artifacts "
                         "alone; repeatable")
    builder.add_argument("--exclude", action="append", help="a package list or a JSON list of introspection "
                         "targets: leave these servers out, extracted or introspected; repeatable")
    builder.add_argument("--extracted-only", action="store_true", help="only the artifacts already extracted")
    builder.set_defaults(run=build)
    answerer = sub.add_parser("answers")
    answerer.add_argument("folders", nargs="+", help="folders of saved tools/list answers ({npm,pypi}/*.json)")
    answerer.add_argument("--out", default=str(DEFAULT_OUT.with_name("answers.jsonl")))
    answerer.add_argument("--exclude", action="append", help="as build's: servers to leave out; repeatable")
    answerer.set_defaults(run=answers)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
