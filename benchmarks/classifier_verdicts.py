"""Every verdict on a labelled corpus's real tools, written to a file or held against one: a change made for speed
must leave every verdict as it was, and this says so or shows the first that moved.

Run by hand: ``python benchmarks/classifier_verdicts.py CORPUS --out FILE`` with the code before the change, then
``python benchmarks/classifier_verdicts.py CORPUS --against FILE`` after it. Each tool is judged by the rules alone
and by the rules with the learned model (the integrity scanner on), twice over in the same process: one tool at a
time (``classify``), then all in batches (``classify_many``, every cache warm). The whole verdict counts: category,
risk, score, confidence, rationale, evidence, findings, policy and details.
"""

import argparse
import json
import sys
from pathlib import Path

from classifier_speed import corpus_pairs

from classifier import classify, classify_many


def verdicts(corpus: Path) -> list[str]:
    """One JSON line per tool and way of judging it, in the corpus's order: both passes must agree."""
    pairs = corpus_pairs(corpus)
    first = [
        json.dumps(classify(tool, server, model).to_json(), sort_keys=True)
        for model in (False, True)
        for tool, server in pairs
    ]
    second = [
        json.dumps(verdict.to_json(), sort_keys=True)
        for model in (False, True)
        for verdict in classify_many(pairs, model)
    ]
    if first != second:
        at = next(i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b)
        sys.exit(f"verdict {at} moved between the passes (a cache remembers wrong):\n{first[at]}\n{second[at]}")
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="write every verdict here")
    group.add_argument("--against", type=Path, help="compare every verdict with this file's")
    args = parser.parse_args()
    lines = verdicts(args.corpus)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")
        print(f"{len(lines):,} verdicts written to {args.out}")
        return
    before = args.against.read_text().splitlines()
    moved = [i for i, (a, b) in enumerate(zip(before, lines, strict=False)) if a != b]
    if len(before) != len(lines):
        sys.exit(f"{len(lines):,} verdicts, {len(before):,} in {args.against}")
    if moved:
        first = moved[0]
        print(f"{len(moved):,} of {len(lines):,} verdicts differ; the first:\n- {before[first]}\n+ {lines[first]}")
        sys.exit(1)
    print(f"all {len(lines):,} verdicts identical")


if __name__ == "__main__":
    main()
