"""Hostile input for the extractors: syntax errors, deep nesting (in code and in JSON), non-UTF-8 text, files over
the size cap, unreadable names, and a parse over its time budget. A clear warning, never a hang or crash."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawler.extract import extract, treesitter
from crawler.extract.archive import Limits
from mcprisk.cli import app

DEEP = 3000


def test_broken_deep_and_foreign_files_never_crash(tmp_path: Path) -> None:
    (tmp_path / "deep.go").write_text(
        'package main\nvar x = mcp.NewTool("deep_go", mcp.WithDescription('
        + "f(" * DEEP
        + '"x"'
        + ")" * DEEP
        + '))\nvar y = mcp.NewTool("ok_go", mcp.WithDescription("Fine"))\n'
    )
    (tmp_path / "broken.rs").write_text(
        'impl S {\n    #[tool(description = "Still found")]\n    fn ok_rust(&self) {}\n    fn broken(&self {\n}\n'
        "#[tool(" + "a(" * DEEP + ")" * DEEP + ")]\nfn deep_rust() {}\n"
    )
    (tmp_path / "Latin.cs").write_bytes(
        'class T {\n[McpServerTool(Name = "caf\xe9"), Description("Caf\xe9 menu")]\n'
        "public static string M(string x) => x;\n"
        "[McpServerTool]\npublic static string Deep(".encode("latin-1")
        + b"List<" * DEEP
        + b"int"
        + b">" * DEEP
        + b" x) => x;\n}\n"
    )
    (tmp_path / "Big.java").write_text('@Tool(name = "big_java")\nvoid big() {}\n' + "// padding\n" * 200_000)
    (tmp_path / "Unread.java").write_text("class A {\n  @McpTool(name = Elsewhere.NAME)\n  void unread() {}\n}\n")
    result = extract(tmp_path, limits=Limits(file_bytes=1 << 20))
    names = {t.name for t in result.tools}
    assert {"ok_go", "ok_rust", "deep_rust", "deep"} <= names  # tree-sitter recovers; depth caps hold
    assert "caf\ufffd" in names  # undecodable bytes are replaced, not fatal
    assert "big_java" not in names and any("Big.java" in w and "larger than" in w for w in result.warnings)
    assert "unread" not in names and "NAME" not in names  # a declared name we cannot read is left out
    deep_go = next(t for t in result.tools if t.name == "deep_go")
    assert deep_go.description is None  # too deep to resolve: unknown, never guessed


def test_parse_time_cap(tmp_path: Path) -> None:
    source = tmp_path / "slow.go"
    source.write_text("package main\nvar x = []int{" + "1, " * 200_000 + "}\n")
    started = time.monotonic()
    with pytest.raises(treesitter.Skipped, match="longer than"):
        treesitter.parse(source, "go", seconds=0.01)
    assert time.monotonic() - started < 2
    source.write_text("package main\n")
    assert treesitter.parse(source, "go").root_node.type == "source_file"  # the parser is usable again


def test_a_parse_no_callback_can_stop_is_killed(tmp_path: Path) -> None:
    """The Java grammar spends minutes on `a<a<a<...` after the last byte is read, where no progress callback
    runs: the file is parsed first in a child process, killed at the budget, and only that file is lost."""
    (tmp_path / "Hostile.java").write_bytes(b"a<" * 64_000)
    (tmp_path / "Fine.java").write_text(
        'class F {\n  @Tool(description = "Fine")\n  String fine() { return ""; }\n}\n' * 60
    )
    warnings: list[str] = []
    parsed = treesitter.parse_all(tmp_path, sorted(tmp_path.iterdir()), "java", warnings, seconds=0.5)
    assert [path.name for path, _ in parsed] == ["Fine.java"]
    # a fast machine reaches the memory cap before the CPU budget: either way the child is killed, the file skipped
    assert warnings in (["Hostile.java: parsing took longer than 0.5 s, skipped"],
                        ["Hostile.java: parsing needed more than 1,024 MiB (or crashed), skipped"])


def test_a_parse_over_its_memory_budget_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "huge.go").write_text("package x\nvar a = []int{" + "1, " * 300_000 + "}\n")
    (tmp_path / "small.go").write_text('package x\nvar b = mcp.NewTool("b")\n' + "// padding\n" * 300)
    warnings: list[str] = []
    parsed = treesitter.parse_all(tmp_path, sorted(tmp_path.iterdir()), "go", warnings, memory=8 * 2**20)
    assert [path.name for path, _ in parsed] == ["small.go"]
    assert warnings == ["huge.go: parsing needed more than 8 MiB (or crashed), skipped"]


def test_json_nested_deeper_than_the_parser_goes_is_refused_in_one_line(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "answer.json").write_text(deep)
    result = CliRunner().invoke(app, ["scan", str(tmp_path / "answer.json")])
    assert result.exit_code == 2 and "nested too deep" in result.stderr and "Traceback" not in result.stderr
    server = tmp_path / "server"
    server.mkdir()
    (server / "tools.json").write_text('{"tools": ' + deep + "}")  # a manifest that cannot be read is skipped
    (server / "server.py").write_text(
        "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('s')\n\n@mcp.tool()\ndef ping() -> str:\n"
        '    """Ping."""\n    return "pong"\n'
    )
    assert [t.name for t in extract(server).tools] == ["ping"]


def test_modules_that_import_a_name_from_each_other_are_followed_once(tmp_path: Path) -> None:
    # a re-export cycle, as real libraries ship them: following `register` from a.js to b.js and back never ends
    (tmp_path / "package.json").write_text('{"name": "cycle", "main": "a.js", "type": "module"}')
    (tmp_path / "a.js").write_text(
        'import { register } from "./b.js";\nexport { register };\n'
        'register("ping", "Answer pong");\n'
        'server.registerTool("pong", { description: "Answer ping", inputSchema: {} }, async () => ({}));\n'
    )
    (tmp_path / "b.js").write_text('import { register } from "./a.js";\nexport { register };\n')
    assert {t.name for t in extract(tmp_path).tools} == {"pong"}


def test_budgets_are_cpu_time_so_a_busy_machine_loses_no_file(tmp_path: Path) -> None:
    """Two busy processes share this test's processor: every parse takes about three times as long in wall time
    as in CPU time, and a budget just above its CPU time still holds, in this process and in the forked child."""
    source = tmp_path / "big.go"
    source.write_text("package main\nvar x = []int{" + "1, " * 150_000 + "}\n")
    cpu = time.process_time()
    treesitter.parse(source, "go", seconds=60)
    budget = max(0.2, 1.6 * (time.process_time() - cpu))
    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no processor affinity on this platform")
    before = os.sched_getaffinity(0)
    one = {min(before)}
    os.sched_setaffinity(0, one)
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        for process in busy:
            os.sched_setaffinity(process.pid, one)
        started = time.monotonic()
        assert treesitter.parse(source, "go", seconds=budget).root_node.type == "source_file"
        warnings: list[str] = []
        assert [p.name for p, _ in treesitter.parse_all(tmp_path, [source], "go", warnings, seconds=budget)] == [
            "big.go"
        ]
        assert warnings == []
        assert time.monotonic() - started > 2 * budget  # the machine really was busy
    finally:
        for process in busy:
            process.kill()
            process.wait()
        os.sched_setaffinity(0, before)


def test_a_saved_answer_over_its_size_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    answer = tmp_path / "answer.json"
    answer.write_text('{"tools": [' + ",".join(['{"name": "t", "description": "' + "x" * 1000 + '"}'] * 9000) + "]}")
    result = CliRunner().invoke(app, ["scan", str(answer)])
    assert result.exit_code == 2 and "larger than 8,388,608 bytes" in result.stderr and "Traceback" not in result.stderr


def test_a_compiled_language_file_that_is_not_utf8_is_skipped_with_a_warning(tmp_path: Path) -> None:
    # tree-sitter decodes a capture for a query's text predicate and raises from inside its match loop
    (tmp_path / "bad.cs").write_bytes(b"0\x80\nserver.tool('read_note', 'Reads a note', {}, async () => ({}))\n")
    result = extract(tmp_path)
    assert result.tools == [] and result.warnings == ["bad.cs: not UTF-8 text"]
