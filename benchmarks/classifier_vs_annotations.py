"""The rule classifier against real servers' own annotations, with the annotations hidden from it.

Run by hand after ``benchmarks/collect_real_servers.py``:
``python benchmarks/classifier_vs_annotations.py [--cache /tmp/mcprisk-real-servers]``. On every tool whose
author declared ``readOnlyHint`` explicitly, compares Read / not Read with the author's word (target: 95%
agreement), and checks that no tool declared ``destructiveHint: true`` is classified Read; ``--show`` lists
every disagreement (the first 15 otherwise), to study them one class at a time.
"""

import argparse
import json
import tempfile
from dataclasses import replace
from pathlib import Path

from catalog.core.definition import ToolDefinition
from classifier import ServerContext, classify


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "mcprisk-real-servers")
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    agree = total = destructive = destructive_read = 0
    disagreements = []
    servers = sorted(args.cache.glob("*.json"))
    for path in servers:
        data = json.loads(path.read_text())
        tools = [ToolDefinition.from_mcp(t) for t in data["tools"]]
        server = ServerContext(data["package"], None, None, [t.name for t in tools])
        for tool in tools:
            declared = tool.annotations or {}
            verdict = classify(replace(tool, annotations=None), server)
            if isinstance(declared.get("readOnlyHint"), bool):
                total += 1
                ours = verdict.category == "Read"
                if ours == declared["readOnlyHint"]:
                    agree += 1
                else:
                    disagreements.append(
                        f"{data['package']}/{tool.name}: author readOnly={declared['readOnlyHint']}, "
                        f"ours {verdict.category}"
                    )
            if declared.get("destructiveHint") is True and declared.get("readOnlyHint") is not True:
                destructive += 1
                if verdict.category == "Read":
                    destructive_read += 1
                    disagreements.append(f"{data['package']}/{tool.name}: author destructiveHint=true, ours Read")
    print(f"servers: {len(servers)}; tools with an explicit readOnlyHint: {total}")
    if total:
        print(f"read-vs-non-read agreement: {agree}/{total} = {agree / total:.1%}")
    print(f"destructiveHint: true tools: {destructive}; classified Read: {destructive_read}")
    for line in disagreements if args.show else disagreements[:15]:
        print("  " + line)


if __name__ == "__main__":
    main()
