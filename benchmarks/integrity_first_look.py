"""First look at a frozen batch of twins: how many poisoned twins the scanner flags with their class, how many
benign twins it flags at all, before any tuning on them.

Run by hand: ``python benchmarks/integrity_first_look.py tests/data/integrity_batch1.jsonl [--show]``. A batch is
written and frozen before a round of changes; its first look is the honest figure of how the scanner generalises
to wording it never saw. Afterwards the batch joins the tuning set (``tests/classifier/test_integrity_twins.py``).
"""

import argparse
import json
from collections import Counter
from pathlib import Path

from catalog.core.definition import ToolDefinition
from classifier.integrity import scan


def flagged(data: dict) -> list:
    return [f for f in scan(ToolDefinition.from_mcp(data)) if f.severity in ("high", "critical")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("batch", type=Path, nargs="+")
    parser.add_argument("--show", action="store_true", help="print each miss and false alarm")
    args = parser.parse_args()
    caught, alarms, total, apart = Counter[str](), Counter[str](), Counter[str](), 0
    for path in args.batch:
        for line in path.read_text().splitlines():
            twin = json.loads(line)
            kind = twin["class"]
            total[kind] += 1
            poisoned, benign = flagged(twin["poisoned"]), flagged(twin["benign"])
            hit = kind in {f.kind for f in poisoned}
            caught[kind] += hit
            alarms[kind] += bool(benign)
            apart += hit and not benign
            if args.show and not hit:
                print(f"MISS {kind}: {json.dumps(twin['poisoned'])[:300]}  found: {[f.rule for f in poisoned]}")
            if args.show and benign:
                print(f"FALSE ALARM {kind}: {[(f.rule, f.text) for f in benign]}")
    for kind in sorted(total):
        print(f"  {kind:16s} {caught[kind]}/{total[kind]} caught, {alarms[kind]} benign flagged")
    n = sum(total.values())
    hits, false = sum(caught.values()), sum(alarms.values())
    print(f"first look: {hits}/{n} poisoned caught with their class, {false}/{n} benign flagged, {apart}/{n} apart")


if __name__ == "__main__":
    main()
