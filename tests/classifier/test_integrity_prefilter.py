"""The prefilter (the phrase table looks only near the sentence scorer's candidate sentences) hides no finding:
on every written twin, poisoned and benign sample, the scan finds the same with it and without it."""

import json

import pytest

from catalog.core.definition import ToolDefinition
from classifier.integrity import scan
from tests.paths import DATA


def _tools() -> list[dict]:
    tools = []
    for path in sorted(DATA.glob("integrity_*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            tools += [row[key] for key in ("poisoned", "benign", "tool") if key in row]
    return tools


TOOLS = _tools()


def test_the_samples_are_all_there() -> None:
    assert len(TOOLS) > 450


@pytest.mark.parametrize("data", TOOLS, ids=[str(i) for i in range(len(TOOLS))])
def test_the_prefilter_hides_no_finding(data: dict) -> None:
    tool = ToolDefinition.from_mcp(data)
    assert scan(tool) == scan(tool, prefilter=False)
