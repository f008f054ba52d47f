"""How fast does `mcprisk risk` answer on a catalogue of the target size (50,000 servers, 500,000 tools)?

Run by hand: ``python benchmarks/query_latency.py [--servers 50000] [--tools-per-server 10] [--runs 15]``.
Builds the catalogue once (bulk SQL through the real schema, in a temporary folder unless --db names a
file), then times whole `mcprisk` processes, start-up included, as a user at a shell would see them.
"""

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from catalog.core.definition import definition_hash
from catalog.database import open_engine

VERBS = ("get", "list", "create", "update", "delete", "search", "run", "send", "pay", "export")
NOUNS = ("job", "file", "issue", "repo", "invoice", "user", "message", "table", "page", "bucket")
CATEGORY = {
    "get": "Read",
    "list": "Read",
    "search": "Read",
    "create": "Write",
    "update": "Write",
    "delete": "Destructive",
    "run": "Execute",
    "send": "Write",
    "pay": "Financial",
    "export": "Read",
}
RISK = {
    "Read": ("Low", 1),
    "Write": ("Medium", 3),
    "Execute": ("High", 4),
    "Destructive": ("Critical", 5),
    "Financial": ("Critical", 5),
}
NOW = "2026-11-23 00:00:00.000000"


def build(path: Path, servers: int, per_server: int) -> None:
    url = f"sqlite:///{path}"
    open_engine(url).dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    tool_id = 0
    with conn:
        for s in range(1, servers + 1):
            conn.execute(
                "INSERT INTO server (id, slug, registry_name, title, description, repository_url, status, sources, "
                "extra, first_seen, last_changed) VALUES (?, ?, ?, ?, ?, ?, 'active', '[\"registry\"]', '{}', ?, ?)",
                (
                    s,
                    f"owner{s}-server{s}",
                    f"io.github.owner{s}/server{s}",
                    f"Server {s}",
                    f"Synthetic MCP server number {s}",
                    f"github.com/owner{s}/server{s}",
                    NOW,
                    NOW,
                ),
            )
            tools, verdicts = [], []
            for t in range(per_server):
                tool_id += 1
                verb, noun = VERBS[(s + t) % len(VERBS)], NOUNS[(s * 7 + t) % len(NOUNS)]
                name = f"{verb}_{noun}_{s}_{t}"
                if s == servers // 2 and t == 0:
                    name = "get_job"  # the one tool the benchmark asks about
                definition = {
                    "name": name,
                    "description": f"{verb.title()} a {noun} on server {s}",
                    "inputSchema": {"type": "object", "properties": {"id": {"type": "string"}}},
                }
                digest = definition_hash(definition)
                tools.append(
                    (
                        tool_id,
                        s,
                        name,
                        name.replace("_", "-"),
                        definition["description"],
                        json.dumps(definition["inputSchema"]),
                        digest,
                        NOW,
                        NOW,
                    )
                )
                category = CATEGORY[verb]
                risk, score = RISK[category]
                verdicts.append(
                    (
                        tool_id,
                        digest,
                        category,
                        risk,
                        score,
                        f"{name} is {category}. From the tool's definition: name {name!r}.",
                        json.dumps([{"rule": f"name.{verb}", "field": "name", "text": verb}]),
                        json.dumps([f"name.{verb}"]),
                        NOW,
                    )
                )
            conn.executemany(
                "INSERT INTO tool (id, server_id, name, slug, description, input_schema, origin, confidence, "
                "definition_hash, first_seen, last_changed, removed) "
                "VALUES (?, ?, ?, ?, ?, ?, 'source', 1, ?, ?, ?, 0)",
                tools,
            )
            conn.executemany(
                "INSERT INTO assessment (tool_id, definition_hash, classifier, classifier_version, category, risk, "
                "score, confidence, rationale, evidence, rule_ids, findings, policy, details, created_at, is_current) "
                "VALUES (?, ?, 'rules', 'bench', ?, ?, ?, 0.8, ?, ?, ?, '[]', '{}', '{}', ?, 1)",
                verdicts,
            )
    conn.execute("ANALYZE")
    conn.close()


def timed(args: list[str], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", type=int, default=50_000)
    parser.add_argument("--tools-per-server", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="keep the catalogue here (reused if it exists)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mcprisk-bench-"))
    path = args.db or folder / "bench.db"
    try:
        if not path.exists():
            start = time.perf_counter()
            build(path, args.servers, args.tools_per_server)
            print(
                f"built {args.servers:,} servers / {args.servers * args.tools_per_server:,} tools "
                f"in {time.perf_counter() - start:.1f} s ({path.stat().st_size / 2**20:.0f} MiB)"
            )
        # The console script next to this interpreter: a version manager's shim would add its own start-up.
        beside = Path(sys.executable).parent / "mcprisk"
        mcprisk = str(beside) if beside.exists() else shutil.which("mcprisk") or "mcprisk"
        db = ["--db", str(path)]
        cases = {
            "mcprisk --help": [mcprisk, "--help"],
            "mcprisk risk get_job": [mcprisk, "risk", "get_job", *db],
            "mcprisk risk get_job --json": [mcprisk, "risk", "get_job", *db, "--json"],
            "mcprisk risk (unknown name, suggestions)": [mcprisk, "risk", "get_jobz", *db],
            "mcprisk search invoice --risk critical": [mcprisk, "search", "invoice", "--risk", "critical", *db],
            "mcprisk server owner7-server7": [mcprisk, "server", "owner7-server7", *db],
        }
        for label, command in cases.items():
            if "unknown" in label:
                start = time.perf_counter()
                subprocess.run(command, capture_output=True)
                median = worst = time.perf_counter() - start
            else:
                median, worst = timed(command, args.runs)
            print(f"{label:<45} median {median * 1000:6.0f} ms   worst {worst * 1000:6.0f} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
