"""Verdicts must not depend on the process: the store keeps a tool's verdict and the site rebuilds a page when it
changes, so a last digit that moved with Python's hash seed would show as a change that never happened."""

import json
import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

SCRIPT = """
import json, sys
from catalog.core.definition import ToolDefinition
from classifier import classify
out = []
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        if not isinstance(row, dict):
            continue
        tools = [v for v in (row, *row.values()) if isinstance(v, dict) and isinstance(v.get("name"), str)]
        for tool in tools:
            verdict = classify(ToolDefinition.from_mcp(tool))
            out.append({**verdict.to_json(), "confidence": repr(verdict.confidence)})
print(json.dumps(out, sort_keys=True, default=str))
"""


def _verdicts(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    files = sorted(str(path) for path in DATA.glob("*.jsonl"))
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *files], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_verdicts_and_findings_are_the_same_whatever_the_hash_seed() -> None:
    first = _verdicts("1")
    assert len(json.loads(first)) > 300
    assert any(v["findings"] for v in json.loads(first))
    for seed in ("2", "3", "11"):
        assert _verdicts(seed) == first
