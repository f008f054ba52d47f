"""Leave one dataset out: train on all labelled corpora but one, judge the one left out, for each in turn.

Cross-validation by server still draws its folds from servers chosen, downloaded and built in the same round as the
training servers; a corpus built in another round (other packages, another registry's popularity, later releases)
is the nearest thing to the servers nobody has looked at yet. Everything is fitted inside the training corpora,
the combiner's out-of-fold scores included (``training.fit``), so no figure here saw the corpus it reports on.
A tool two corpora share (by definition hash) and the hand-labelled set every build appends are only trained on.

``--fractions 0.5 0.75 1`` draws that share of the training families of servers (fixed seed): the learning curve,
how much more data moves the figure. ``--costs 1 4 8 20`` also prints the trade-off the decision's thresholds make
at each cost of a tool its author marks destructive called Read (``training.DESTRUCTIVE_COST``; the tables are at
the first cost). Run by hand, it prints one table per fraction:

``python benchmarks/leave_one_dataset_out.py corpus3.jsonl cls4_real.jsonl cls5_real.jsonl cls6h_real.jsonl``
"""

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from classifier import labelled, measuring, training
from classifier.labelled import Row
from classifier.measuring import Scores

WAYS = ("rules", "model", "combined")


def split(paths: list[Path], folder: Path) -> tuple[list[Row], list[list[Row]]]:
    """The rows every corpus may train on (tools in two corpora, the hand-labelled set), and each corpus's own."""
    lines = [[line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] for p in paths]
    seen = Counter(h for corpus in lines for h in {json.loads(line).get("hash") or line for line in corpus})
    shared: dict[str, str] = {}
    own: list[list[str]] = []
    for corpus in lines:
        mine = []
        for line in corpus:
            key = json.loads(line).get("hash") or line
            if seen[key] > 1 or not json.loads(line).get("hash"):
                shared.setdefault(key, line)
            else:
                mine.append(line)
        own.append(mine)

    def rows(name: str, kept: list[str]) -> list[Row]:
        path = folder / name
        path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        return labelled.load(path)

    return rows("shared.jsonl", list(shared.values())), [rows(f"{i}.jsonl", m) for i, m in enumerate(own)]


def sample(rows: list[Row], fraction: float) -> list[Row]:
    """``fraction`` of the families of servers (``labelled.families``), drawn with the training seed."""
    if fraction >= 1:
        return rows
    family = labelled.families(rows)
    names = sorted(set(family.values()))
    random.Random(training.SEED).shuffle(names)
    kept = set(names[: max(1, round(fraction * len(names)))])
    return [r for r in rows if family[r.server] in kept]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="labelled corpora (build_label_corpus.py build)")
    parser.add_argument("--fractions", nargs="+", type=float, default=[1.0], help="shares of training servers")
    parser.add_argument("--costs", nargs="+", type=float, default=[training.DESTRUCTIVE_COST],
                        help="costs of a destructive tool called Read, in read tools called a change")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        shared, own = split(args.corpora, Path(folder))
    for fraction in args.fractions:
        pooled = {way: Scores() for way in WAYS}
        at_cost = {args.costs[0]: pooled["combined"], **{cost: Scores() for cost in args.costs[1:]}}
        print(f"\ntraining on {fraction:.0%} of the other corpora's servers")
        print(f"{'left out':28} {'tools':>6} {'servers':>7}  " + "  ".join(f"{w:>24}" for w in WAYS))
        for i, path in enumerate(args.corpora):
            train = sample(shared + [r for j, rows in enumerate(own) if j != i for r in rows], fraction)
            models = training.fit_at_costs(train, tuple(args.costs))
            scores = measuring.evaluate(models[0], own[i])
            for way in WAYS:
                _add(pooled[way], scores[way])
            for cost, model in zip(args.costs[1:], models[1:], strict=True):
                _add(at_cost[cost], measuring.evaluate(model, own[i])["combined"])
            _line(path.name, scores)
            sys.stdout.flush()
        _line("all left out, pooled", pooled)
        if len(args.costs) > 1:
            print(f"\n{'cost':>6}  combined: pooled, per-server mean, author-destructive called Read")
            for cost, got in at_cost.items():
                s = got.summary()
                print(f"{cost:6g}  {s['pooled']:7.2%} {s['per_server_mean']:7.2%} {s['destructive_read']:3d}")


def _add(total: Scores, scores: Scores) -> None:
    for server, oks in scores.right.items():
        total.right[server] += oks
    total.destructive_read += scores.destructive_read


def _line(name: str, scores: dict[str, Scores]) -> None:
    figures = {way: scores[way].summary() for way in WAYS}
    first = figures["rules"]
    cells = [f"{s['pooled']:7.2%} {s['per_server_mean']:7.2%} {s['destructive_read']:3d}" for s in figures.values()]
    print(f"{name:28} {first['tools']:6d} {first['servers']:7d}  " + "  ".join(f"{c:>24}" for c in cells))


if __name__ == "__main__":
    main()
