"""Join labelled corpora (``build_label_corpus.py build`` writes each) into one, for ``mcprisk train``.

A tool whose definition hash an earlier file already holds is left out: a tool shipped by two servers of different
draws (a template copied, a vendored SDK) would otherwise be in two folds at once, its own answer key. Rows without
a hash (the hand-labelled set, appended by every build) are kept once, by their line. Servers keep their names, so
``labelled.families`` still groups forks across the files.

``python benchmarks/join_corpora.py corpus3.jsonl cls4_real.jsonl cls5_real.jsonl > /tmp/union.jsonl``
"""

import argparse
import json
import sys
from pathlib import Path


def join(paths: list[Path]) -> tuple[list[str], int]:
    """The rows of every file in order, each definition once, and how many were left out as seen before."""
    seen: set[str] = set()
    kept: list[str] = []
    dropped = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            key = json.loads(line).get("hash") or line
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
            kept.append(line)
    return kept, dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus files, the first one's rows winning")
    args = parser.parse_args()
    kept, dropped = join(args.corpora)
    sys.stdout.write("".join(line + "\n" for line in kept))
    print(f"{len(kept)} rows, {dropped} left out as already seen", file=sys.stderr)


if __name__ == "__main__":
    main()
