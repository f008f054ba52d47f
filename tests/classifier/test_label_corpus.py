"""The corpus builder (benchmarks/build_label_corpus.py): annotated tools only, de-duplicated, each with its server."""

import argparse
import importlib.util
import json
from pathlib import Path

import pytest

from tests.paths import ROOT


@pytest.fixture
def builder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("build_label_corpus", ROOT / "benchmarks" / "build_label_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "CACHE", tmp_path / "pkgs")
    monkeypatch.setattr(module, "DEFAULT_OUT", tmp_path / "out" / "corpus.jsonl")
    return module


def tools_list(*tools: dict) -> str:
    return json.dumps({"tools": list(tools)})


def test_build_keeps_declared_tools_once_with_their_server(builder, tmp_path: Path) -> None:  # noqa: ANN001
    npm = tmp_path / "pkgs" / "npm"
    npm.mkdir(parents=True)
    shared = {"name": "get_note", "description": "Get a note.", "annotations": {"readOnlyHint": True}}
    (npm / "notes-mcp-1.2.0.json").write_text(
        tools_list(shared, {"name": "undeclared", "description": "No hints."},
                   {"name": "drop_note", "annotations": {"destructiveHint": True, "title": "x"}})
    )
    (npm / "notes-mcp-fork-0.1.0.json").write_text(tools_list(shared))  # the same definition: kept once
    out = tmp_path / "out" / "corpus.jsonl"
    builder.build(argparse.Namespace(out=str(out), jobs=1, extracted_only=False))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    annotated = [r for r in rows if r["source"] == "annotations"]
    assert {r["definition"]["name"]: r["labels"] for r in annotated} == {
        "get_note": {"readOnlyHint": True},
        "drop_note": {"destructiveHint": True},  # a hint that is not a boolean (title) is not a label
    }
    assert {r["server"] for r in annotated} == {"npm:notes-mcp"}
    assert all(r["tool_names"] for r in annotated)
    assert sum(r["source"] == "hand" for r in rows) == 304  # the hand-labelled set comes along


def test_server_names_drop_versions(builder) -> None:  # noqa: ANN001
    assert builder.server_name(Path("modelcontextprotocol-server-github-2025.4.8.tgz")) == (
        "modelcontextprotocol-server-github"
    )
    assert builder.server_name(Path("mcp_server_git-0.6.2-py3-none-any.whl")) == "mcp-server-git"
    assert builder.server_name(Path("chroma-mcp-0.2.6.tar.gz")) == "chroma-mcp"


def test_selection_spans_the_popularity_range(builder) -> None:  # noqa: ANN001
    rows = [(f"p{i}", 1000 - i) for i in range(1000)]
    chosen = builder.spread(rows, 100, 30)
    assert len(chosen) == 100 and chosen[:30] == rows[:30] and chosen[-1][1] < 50
