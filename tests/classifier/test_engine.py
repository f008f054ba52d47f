"""The classifier pauses Python's garbage collector while it judges a tool (``catalog.core.collector``): that is
safe only while a verdict leaves no cyclic garbage behind, which reference counting alone would never free."""

import gc
import json

import pytest

from catalog.core.definition import ToolDefinition
from catalog.core.verdict import Finding
from classifier import ServerContext, classify, classify_many, engine
from tests.paths import DATA


def _tools() -> list[ToolDefinition]:
    """The hand-labelled tools and the poisoned ones: every stage of a verdict runs, findings and all."""
    rows = [json.loads(line) for name in ("labelled_tools", "integrity_poisoned")
            for line in (DATA / f"{name}.jsonl").read_text().splitlines() if line.strip()]  # fmt: skip
    return [ToolDefinition.from_mcp(row["tool"]) for row in rows]


def test_a_verdict_leaves_no_cyclic_garbage() -> None:
    tools = _tools()
    server = ServerContext("io.github.example/workspace", "Workspace", None, [t.name for t in tools])
    for tool in tools[:5]:
        classify(tool, server)  # the rules compiled and the model loaded, caches made, before counting
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection would free stays in gc.garbage to be counted
    try:
        verdicts = [classify(tool, server, model) for tool in tools for model in (True, False)]
        assert any(v.poisoned for v in verdicts) and any(not v.poisoned for v in verdicts)
        assert gc.collect() == 0, [type(o).__name__ for o in gc.garbage[:20]]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_the_collector_is_as_it_was_after_a_verdict() -> None:
    tool = ToolDefinition(name="delete_file", description="Deletes a file.")
    assert gc.isenabled()
    classify(tool)
    assert gc.isenabled()
    gc.disable()
    try:
        classify(tool)
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_a_tool_is_judged_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    scan = engine.integrity.scan

    def scan_watched(tool: ToolDefinition) -> list[Finding]:
        seen.append(gc.isenabled())
        return scan(tool)

    monkeypatch.setattr(engine.integrity, "scan", scan_watched)
    classify(ToolDefinition(name="list_files", description="Lists the files of a folder."))
    assert seen == [False] and gc.isenabled()


def test_a_batch_gives_each_tool_the_verdict_it_gets_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """``classify_many`` runs each stage over a batch before the next: the verdicts, in order, are those of
    ``classify`` one tool at a time, across batches (a small one here) and servers, poisoned tools and all."""
    tools = _tools()
    servers = [ServerContext("io.github.example/a", "A", None, []), None]
    pairs = [(tool, servers[i % 2]) for i, tool in enumerate(tools)]
    monkeypatch.setattr(engine, "BATCH", 7)
    for model in (True, False):
        alone = [classify(tool, server, model).to_json() for tool, server in pairs]
        assert [v.to_json() for v in classify_many(pairs, model)] == alone
    assert classify_many([]) == []
