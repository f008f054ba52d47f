"""`mcprisk eval` on the hand-labelled set: the figures, and a floor they must not fall below."""

import json
from pathlib import Path

from typer.testing import CliRunner

from mcprisk.cli import app
from tests.paths import DATA

LABELLED = DATA / "labelled_tools.jsonl"
runner = CliRunner()


def test_labelled_set_figures() -> None:
    result = runner.invoke(app, ["eval", str(LABELLED), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["tools"] >= 300
    assert data["read_vs_non_read_accuracy"] >= 0.98
    assert data["category_accuracy"] >= 0.97
    assert data["per_category"]["Destructive"]["recall"] >= 0.95
    assert data["per_category"]["Financial"]["recall"] >= 0.9  # orders, positions and salaries move money too
    assert sum(sum(row.values()) for row in data["confusion"].values()) == data["tools"]
    text = runner.invoke(app, ["eval", str(LABELLED)]).stdout
    assert "read_vs_non_read_accuracy" in text and "labelled \\ classified" in text


def test_labelled_set_covers_every_category_and_naming_style() -> None:
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines()]
    assert {r["category"] for r in rows} == {"Read", "Write", "Execute", "Destructive", "Financial"}
    names = [r["tool"]["name"] for r in rows]
    assert any("_" in n for n in names) and any("-" in n for n in names) and any("." in n for n in names)
    assert any(n[:1].islower() and any(c.isupper() for c in n) for n in names)  # camelCase
    assert any(n[:1].isupper() for n in names)  # PascalCase, verb last


def test_bad_dataset_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"tool": {"name": "x"}, "category": "Safe", "risk": "Low"}\n')
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:1: not a labelled tool" in result.stderr
    bad.write_text('{"category": "Read", "risk": "Low", "tool": {"name": "x"}}\n' + "[" * 100_000 + "]" * 100_000)
    deep = runner.invoke(app, ["eval", str(bad)])  # a line nested deeper than the parser goes
    assert deep.exit_code == 2 and "bad.jsonl:2: not a labelled tool" in deep.stderr
    missing = runner.invoke(app, ["eval", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "cannot read" in missing.stderr


def test_eval_compares_rules_model_and_combined_pooled_and_per_server(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(LABELLED), "--per-server", "--json"])
    assert result.exit_code == 0, result.output
    ways = json.loads(result.stdout)["read_vs_non_read"]
    assert set(ways["pooled"]) == {"rules", "model", "combined"}
    assert ways["pooled"]["combined"]["tools"] == 304 and ways["pooled"]["combined"]["pooled"] >= 0.95
    assert "labelled:io.github.example/github-mcp" in ways["per_server"]["model"]
    corpus = tmp_path / "corpus.jsonl"
    row = {"server": "npm:x", "definition": {"name": "get_item", "description": "Get an item."}}
    corpus.write_text(json.dumps({**row, "labels": {"readOnlyHint": True}}) + "\n")
    table = runner.invoke(app, ["eval", str(corpus), "--per-server"])
    assert table.exit_code == 0, table.output
    assert "per server" in table.stdout and "npm:x\t1\t1.0\t1.0\t1.0" in table.stdout
