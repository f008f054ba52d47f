"""How many tools a second the classifier judges on one core (target: 20,000).

Run by hand: ``python benchmarks/classifier_speed.py [--tools 20000] [--rounds 3] [--real DIR] [--corpus FILE]``;
``--corpus`` times the real tools of a labelled corpus (``benchmarks/build_label_corpus.py``) end to end, from
definition to verdict (``classify_many``, as the catalogue is judged), by the rules alone and by the rules with the
learned model, with the integrity scanner and without it: each round in a fresh process whose caches start empty
(a round in the same process found the names, features and sentences of the round before it remembered, and was up
to twice as fast as a first sight). The synthetic tools are distinct (no two share a definition, so no cache helps),
shaped like real ones: a verb-object name, a sentence or two of description, a few typed parameters, annotations on
some. Every verdict is whole: category, risk, evidence, integrity findings, rationale and policy. Each round judges
fresh tools; CPU time (``time.process_time``) is the figure that counts, since other work on the machine inflates
wall time, and the load average is printed beside it.

The rounds run twice, with the integrity scanner and with it switched off, so its share of the budget shows;
``--scan-only`` adds the scanner alone (``classifier.integrity.scan``) over the same tools, and with ``--corpus``
over the corpus's real tools (µs per tool, first pass and later ones).

``--stages FILE`` prints where the time of a verdict goes on a corpus's real tools, stage by stage (µs of CPU per
tool, in a fresh process, each stage timed over every tool in turn with the garbage collector paused so that a
collection falls in no stage's figure): the tool's texts, the rules, the learned model's features, scores, reasons
and decision, the integrity scan, the rationale and the policy.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalog.core.collector import paused
from catalog.core.definition import ToolDefinition
from catalog.core.taxonomy import risk_for_score
from classifier import ServerContext, classify, classify_many, engine, integrity, rationale, rules
from classifier.blend import choose_many, decide, guarded
from classifier.features import features
from classifier.model import shipped
from classifier.policy import tool_policy
from classifier.text import ToolText

VERBS = ["get", "list", "search", "create", "update", "delete", "run", "send", "refund", "export", "fetch", "scale"]
NOUNS = ["job", "file", "issue", "repository", "invoice", "user", "message", "table", "page", "bucket", "pod"]
PARAMS = [
    ("id", "string"),
    ("path", "string"),
    ("limit", "integer"),
    ("query", "string"),
    ("force", "boolean"),
    ("amount", "integer"),
    ("url", "string"),
    ("body", "string"),
]


def synthetic(n: int, seed: int = 7, start: int = 0) -> list[ToolDefinition]:
    rnd = random.Random(seed)
    tools = []
    for i in range(start, start + n):
        verb, noun = rnd.choice(VERBS), rnd.choice(NOUNS)
        params = dict(rnd.sample(PARAMS, rnd.randint(1, 4)))
        schema = {
            "type": "object",
            "properties": {p: {"type": t, "description": f"The {p} of the {noun} ({i})"} for p, t in params.items()},
        }
        annotations = {"readOnlyHint": verb in ("get", "list", "search")} if i % 3 == 0 else None
        tools.append(
            ToolDefinition(
                name=f"{verb}_{noun}_{i}",
                description=f"{verb.title()}s a {noun} in the workspace. Returns the {noun} record, number {i}.",
                input_schema=schema,
                annotations=annotations,
            )
        )
    return tools


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tools", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scan-only", action="store_true", help="also time the integrity scanner alone")
    parser.add_argument(
        "--real", type=Path, help="also time real tools/list answers (benchmarks/collect_real_servers.py's folder)"
    )
    parser.add_argument(
        "--corpus", type=Path, help="also time the real tools of a labelled corpus (benchmarks/build_label_corpus.py)"
    )
    parser.add_argument("--corpus-round", nargs=3, metavar=("FILE", "MODEL", "SCANNER"), help=argparse.SUPPRESS)
    parser.add_argument("--stages", type=Path, help="only print the µs per real tool of each stage of a verdict")
    args = parser.parse_args()
    if args.stages:
        stages(args.stages)
        return
    if args.corpus_round:  # one cold round in this fresh process: ``corpus`` starts one per round
        path, model, scanner = args.corpus_round
        print(corpus_round(Path(path), model == "1", scanner == "1"))
        return
    warm = synthetic(40, seed=1)
    server = ServerContext("io.github.example/workspace", "Workspace", "Files, issues and jobs", [t.name for t in warm])
    for tool in warm:
        classify(tool, server)  # compile the rules and work out the server's domains once
    with_scan = rounds(args.tools, args.rounds, server, "with the integrity scanner")
    scan = engine.integrity.scan
    engine.integrity.scan = lambda tool: []  # type: ignore[assignment]
    try:
        without = rounds(args.tools, args.rounds, server, "without it")
    finally:
        engine.integrity.scan = scan  # type: ignore[assignment]
    print(
        f"integrity scanner: {with_scan:,.0f} tools/s with it, {without:,.0f} without "
        f"({100 * (without / with_scan - 1):.0f}% more time with it)"
    )
    if args.scan_only:
        tools = synthetic(args.tools, seed=99, start=10 * args.tools)
        cpu = time.process_time()
        for tool in tools:
            integrity.scan(tool)
        print(f"integrity.scan alone: {len(tools) / (time.process_time() - cpu):,.0f} tools/s of CPU")
    if args.real:
        real(args.real, args.rounds)
    if args.corpus:
        if args.scan_only:
            corpus_scan(args.corpus, args.rounds)
        corpus(args.corpus, args.rounds)


def rounds(n: int, count: int, server: ServerContext, label: str) -> float:
    """The median tools/s of CPU over ``count`` rounds of ``n`` fresh tools each, judged by ``classify_many`` (a
    lone ``classify`` call costs a few µs more: the same stages over a batch of one)."""
    cpu_rates, wall_rates = [], []
    for round_ in range(count):
        tools = synthetic(n, seed=7 + round_, start=round_ * n)  # names never seen before
        wall, cpu = time.perf_counter(), time.process_time()
        classify_many([(tool, server) for tool in tools])
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        cpu_rates.append(len(tools) / cpu)
        wall_rates.append(len(tools) / wall)
        print(f"round {round_ + 1} ({label}): {len(tools):,} tools in {cpu:.2f} s of CPU ({wall:.2f} s wall)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{label}: {statistics.median(cpu_rates):,.0f} tools/s of CPU on one core (median of {count}; best "
        f"{max(cpu_rates):,.0f}); wall time: {statistics.median(wall_rates):,.0f} tools/s; load average {load}"
    )
    return statistics.median(cpu_rates)


def corpus(path: Path, rounds: int) -> None:
    """Real tools from real packages, end to end from definition to verdict: the rules alone, then with the model;
    each with the integrity scanner and with it switched off, so the scanner's share shows on real tools too. Each
    round runs in a fresh process (``corpus_round``), so every tool is judged as on its first sight."""
    tools = sum(1 for line in path.read_text().splitlines() if line.strip())
    for scanner in (True, False):
        for model in (False, True):
            command = [sys.executable, __file__, "--corpus-round", str(path), str(int(model)), str(int(scanner))]
            cpu = [
                float(subprocess.run(command, check=True, capture_output=True, text=True).stdout) for _ in range(rounds)
            ]
            label = ("rules and model" if model else "rules alone") + ("" if scanner else ", scanner off")
            print(
                f"corpus, {label}: {tools:,} real tools: {statistics.median(cpu):,.0f} tools/s of CPU (median of "
                f"{rounds} fresh processes; best {max(cpu):,.0f})"
            )


def corpus_pairs(path: Path, model: bool = True) -> list[tuple[ToolDefinition, ServerContext]]:
    """The corpus's tools with their servers' contexts, the rules compiled, the model loaded and the contexts' domains
    worked out (as when the catalogue is judged server by server), every cache of names, features and sentences
    still empty."""
    pairs, servers = [], {}
    for line in path.read_text().splitlines():
        row = json.loads(line)
        name = row["server"]
        if name not in servers:
            servers[name] = ServerContext(name.split(":", 1)[-1], None, None, row.get("tool_names", []))
        pairs.append((ToolDefinition.from_mcp(row["definition"]), servers[name]))
    warm = synthetic(1, seed=1)[0]
    classify(warm, None, model)  # load the rules and the model; its name and words are no real tool's
    integrity.scan(warm)
    for context in servers.values():
        _ = context.domains
    return pairs


def corpus_round(path: Path, model: bool, scanner: bool) -> float:
    """Tools/s of CPU judging every tool of the corpus once, in this process, with ``classify_many``: the rules
    compiled, the model loaded and the server contexts built before the clock starts, every cache of names, features
    and sentences empty."""
    pairs = corpus_pairs(path, model)
    if not scanner:
        engine.integrity.scan = lambda tool: []  # type: ignore[assignment]
    start = time.process_time()
    classify_many(pairs, model)  # as the catalogue is judged: stage by stage over a batch of tools at a time
    return len(pairs) / (time.process_time() - start)


def stages(path: Path) -> None:
    """µs of CPU per real tool in each stage of a verdict, on first sight: each stage runs over every tool before
    the next starts, on what the stages before it made, as ``engine.classify_many`` runs them over a batch."""
    pairs = corpus_pairs(path)
    model, tools = shipped(), [tool for tool, _ in pairs]
    spent: dict[str, float] = {}

    def timed(stage: str, work: Callable[[], list[Any]]) -> list[Any]:
        start = time.process_time()
        out = work()
        spent[stage] = 1e6 * (time.process_time() - start) / len(pairs)
        return out

    with paused():  # stage by stage, every intermediate result held: the collector would count them all
        texts = timed("texts (ToolText)", lambda: [ToolText(tool) for tool, _ in pairs])
        readings = timed("rules: reading", lambda: [rules.read(*pair, x) for pair, x in zip(pairs, texts, strict=True)])
        drafts = timed("model: drafts, guard", lambda: [(d, guarded(d)) for d in (r.draft() for r in readings)])
        pending = [(tool, draft) for tool, (draft, basis) in zip(tools, drafts, strict=True) if basis is None]
        feats = timed("model: features", lambda: [features(tool, draft) for tool, draft in pending])
        said = timed("model: scores", lambda: [model.predict(f) for f in feats])
        timed("model: reasons", lambda: [prediction.reasons for prediction in said])
        decided = zip(pending, said, strict=True)
        timed("model: decision", lambda: [decide(draft, p, tool.annotations or {}) for (tool, draft), p in decided])
        chosen = choose_many(model, tools, [draft for draft, _ in drafts])  # the same again, assembled in order
        judged = timed("rules: risk", lambda: [rules.settle(r, c) for r, c in zip(readings, chosen, strict=True)])
        found = timed("integrity scan", lambda: [integrity.scan(tool) for tool, _ in pairs])
        both = list(zip(pairs, judged, found, texts, strict=True))
        timed("rationale", lambda: [
            rationale.write(t, s.name, j, risk_for_score(j.score), f) for (t, s), j, f, _ in both
        ])
        timed("policy", lambda: [tool_policy(t, j.category, f, None, j.evidence, x.params) for (t, _), j, f, x in both])
    width = max(map(len, spent))
    for stage, micros in spent.items():
        print(f"{stage:<{width}}  {micros:7.1f} µs/tool")
    print(
        f"{'all stages':<{width}}  {sum(spent.values()):7.1f} µs/tool ({len(pairs):,} real tools, {len(pending):,} "
        f"of them scored by the model)"
    )


def corpus_scan(path: Path, rounds: int) -> None:
    """The scanner alone over the corpus's real tools, which are far longer than the synthetic ones: the first
    pass also fills the scorer's caches (per set of concepts), which later ones find filled."""
    tools = [ToolDefinition.from_mcp(json.loads(line)["definition"]) for line in path.read_text().splitlines()]
    for round_ in range(max(2, rounds)):
        start = time.process_time()
        for tool in tools:
            integrity.scan(tool)
        seconds = time.process_time() - start
        label = "first pass" if round_ == 0 else f"pass {round_ + 1}"
        print(f"integrity.scan on {len(tools):,} real corpus tools, {label}: {1e6 * seconds / len(tools):.1f} µs/tool")


def real(folder: Path, rounds: int) -> None:
    """Real definitions are longer than the synthetic ones (descriptions of a page, nested schemas)."""
    pairs = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text())
        tools = [ToolDefinition.from_mcp(t) for t in data["tools"]]
        server = ServerContext(data["package"], None, None, [t.name for t in tools])
        pairs += [(tool, server) for tool in tools]
    if not pairs:
        print(f"no real answers in {folder}")
        return
    cpu = []
    for _ in range(rounds):  # the same tools every round: the name caches help, as on a re-run
        start = time.process_time()
        for tool, server in pairs:
            classify(tool, server)
        cpu.append(len(pairs) / (time.process_time() - start))
    print(f"real answers: {len(pairs):,} tools: {statistics.median(cpu):,.0f} tools/s of CPU (median of {rounds})")


if __name__ == "__main__":
    main()
