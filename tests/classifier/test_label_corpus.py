"""The corpus builder (benchmarks/build_label_corpus.py): annotated tools only, de-duplicated, each with its server."""

import argparse
import importlib.util
import json
import os
import zipfile
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


def build_args(out: Path, **given: str) -> argparse.Namespace:
    options = {"only": None, "exclude": None, "introspected": None, **given}
    return argparse.Namespace(out=str(out), jobs=1, extracted_only=False, **options)


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
    builder.build(build_args(out))
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


def two_servers(tmp_path: Path) -> None:
    npm = tmp_path / "pkgs" / "npm"
    npm.mkdir(parents=True)
    for server in ("notes-mcp", "files-mcp"):
        tool = {"name": f"get_{server[:5]}", "description": "Get.", "annotations": {"readOnlyHint": True}}
        (npm / f"{server}-1.0.0.json").write_text(tools_list(tool))


def test_a_held_out_list_builds_apart_from_the_corpus(builder, tmp_path: Path) -> None:  # noqa: ANN001
    two_servers(tmp_path)
    listed = tmp_path / "fresh.txt"
    listed.write_text("npm\tfiles-mcp\n")
    for option, expected in (("only", {"npm:files-mcp"}), ("exclude", {"npm:notes-mcp"})):
        out = tmp_path / "out" / f"{option}.jsonl"
        builder.build(build_args(out, **{option: [str(listed)]}))
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert {r["server"] for r in rows if r["source"] == "annotations"} == expected


def test_introspected_tools_join_their_package_as_one_server(builder, tmp_path: Path) -> None:  # noqa: ANN001
    two_servers(tmp_path)
    saved = tmp_path / "introspected" / "npm"
    saved.mkdir(parents=True)
    seen_live = {"name": "drop_note", "description": "Drop.", "annotations": {"destructiveHint": True}}
    reworded = {"name": "get_notes", "description": "Get, as answered.", "annotations": {"readOnlyHint": True}}
    outcome = {"target": "npm:notes-mcp@1.0.0",
               "tools": [seen_live, reworded, {"name": "list_notes", "description": "List."}]}
    (saved / "notes-mcp.json").write_text(json.dumps({"outcome": outcome}))
    out = tmp_path / "out" / "corpus.jsonl"
    builder.build(build_args(out, introspected=[str(tmp_path / "introspected")]))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    live = [r for r in rows if r["source"] == "introspected"]
    # undeclared tools are no label; a tool extraction already gave is counted once, as the server answered it
    assert sorted((r["server"], r["definition"]["name"], r["labels"]) for r in live) == [
        ("npm:notes-mcp", "drop_note", {"destructiveHint": True}),
        ("npm:notes-mcp", "get_notes", {"readOnlyHint": True}),
    ]
    assert [r["definition"]["description"] for r in rows if r["definition"]["name"] == "get_notes"] == [
        "Get, as answered."
    ]


def test_introspected_answers_of_an_excluded_draw_stay_out(builder, tmp_path: Path) -> None:  # noqa: ANN001
    saved = tmp_path / "introspected"
    (saved / "pypi").mkdir(parents=True)
    (saved / "npm").mkdir()
    tool = {"name": "get_job", "description": "Get a job.", "annotations": {"readOnlyHint": True}}
    for registry, target in (("pypi", "pypi:Jobs.MCP==0.2.0"), ("npm", "npm:@acme/jobs-mcp@1.0.0")):
        outcome = {"target": target, "tools": [{**tool, "description": f"Get a job from {registry}."}]}
        (saved / registry / "jobs.json").write_text(json.dumps({"outcome": outcome}))
    held = tmp_path / "held_out.json"
    held.write_text(json.dumps(["npm:@acme/jobs-mcp@1.0.0"]))  # a draw's targets, versions and all
    out = tmp_path / "out" / "corpus.jsonl"
    builder.build(build_args(out, introspected=[str(saved)], exclude=[str(held)]))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["server"] for r in rows if r["source"] == "introspected"] == ["pypi:jobs-mcp"]


def test_answers_alone_make_a_corpus_of_servers_no_build_extracted(builder, tmp_path: Path) -> None:  # noqa: ANN001
    saved = tmp_path / "run" / "pypi"
    saved.mkdir(parents=True)
    tools = [{"name": "get_slot", "description": "Get a slot.", "annotations": {"readOnlyHint": True}},
             {"name": "book_slot", "description": "Book a slot.", "annotations": {"readOnlyHint": False}},
             {"name": "ping", "description": "Ping."}]
    (saved / "slots.json").write_text(json.dumps({"outcome": {"target": "pypi:Slots_MCP==1.2.0", "tools": tools}}))
    (saved / "crashed.json").write_text(json.dumps({"outcome": {"target": "pypi:other==1.0", "tools": []}}))
    out = tmp_path / "answers.jsonl"
    builder.answers(argparse.Namespace(folders=[str(tmp_path / "run")], out=str(out), exclude=None))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["server"], r["source"], r["definition"]["name"], r["labels"]) for r in rows] == [
        ("pypi:slots-mcp", "introspected", "get_slot", {"readOnlyHint": True}),
        ("pypi:slots-mcp", "introspected", "book_slot", {"readOnlyHint": False}),
    ]  # no hand-labelled rows: joined to a build's corpus, they would come twice
    assert rows[0]["tool_names"] == ["get_slot", "book_slot", "ping"] and rows[0]["hash"]


def test_the_fresh_draw_is_seeded_and_leaves_the_corpus_out(builder, tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setattr(builder, "npm_candidates", lambda: [(f"n{i}", 1000 - i) for i in range(100)])
    monkeypatch.setattr(builder, "pypi_candidates", lambda: [(f"p{i}", i) for i in range(50)])
    corpus = tmp_path / "packages.txt"
    corpus.write_text("".join(f"npm\tn{i}\n" for i in range(0, 100, 2)))
    drawn = []
    for _ in range(2):
        builder.fresh(argparse.Namespace(exclude=str(corpus), npm=10, pypi=5, seed=15))
        drawn.append(capsys.readouterr().out.splitlines())
    assert drawn[0] == drawn[1] and len(drawn[0]) == 15
    npm = [int(line.split("\tn")[1]) for line in drawn[0] if line.startswith("npm")]
    assert all(i % 2 for i in npm)  # none of the corpus's packages
    assert min(npm) < 20 and max(npm) > 80  # every band of popularity


def test_a_package_for_a_newer_python_is_downloaded_all_the_same(builder, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Its artifact is only read: a Requires-Python this interpreter fails must not drop the package."""
    index = tmp_path / "index"
    index.mkdir()
    info = "later_mcp-1.0.0.dist-info"
    with zipfile.ZipFile(index / "later_mcp-1.0.0-py3-none-any.whl", "w") as wheel:
        wheel.writestr("later_mcp/__init__.py", "")
        wheel.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: later-mcp\nVersion: 1.0.0\n"
                       "Requires-Python: >=99\n")
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\n"
                       "Tag: py3-none-any\n")
        wheel.writestr(f"{info}/RECORD", "")
    for name, value in (("PIP_CONFIG_FILE", os.devnull), ("PIP_NO_INDEX", "1"), ("PIP_FIND_LINKS", str(index))):
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PIP_CONSTRAINT", raising=False)
    assert builder.fetch_one("pypi", "later-mcp") == "ok"
    assert builder.cached("pypi", "later-mcp")


def test_joined_corpora_hold_each_definition_once(tmp_path: Path) -> None:
    """A tool two draws both hold (a template copied into two packages) would sit in two folds at once: the first
    file's row wins; rows without a hash (the hand-labelled set every build appends) are kept once by their line."""
    spec = importlib.util.spec_from_file_location("join_corpora", ROOT / "benchmarks" / "join_corpora.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    hand = json.dumps({"server": "labelled:hand", "definition": {"name": "x"}, "labels": {"readOnlyHint": True}})
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(
        "\n".join([json.dumps({"server": "npm:a", "hash": "h1"}), json.dumps({"server": "npm:a", "hash": "h2"}), hand])
        + "\n"
    )
    second.write_text("\n".join([json.dumps({"server": "pypi:b", "hash": "h2"}), hand, "",
                                 json.dumps({"server": "pypi:b", "hash": "h3"})]))  # fmt: skip
    kept, dropped = module.join([first, second])
    assert [json.loads(line).get("hash") for line in kept] == ["h1", "h2", None, "h3"] and dropped == 2
    assert json.loads(kept[1])["server"] == "npm:a"
