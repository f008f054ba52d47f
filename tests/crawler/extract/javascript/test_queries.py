"""Every tree-sitter query of JavaScript extraction compiles against each grammar it runs on, and the per-file
query finds what each pattern module reads (and nothing in a file that declares no tool)."""

from pathlib import Path

import pytest
from tree_sitter import Query, QueryError

from crawler.extract import treesitter
from crawler.extract.javascript.syntax import GRAMMARS, QUERIES, query
from crawler.extract.javascript.values.module import Loader

NAMES = sorted(path.stem for path in QUERIES.glob("*.scm"))


def test_there_are_query_files() -> None:
    assert {"module", "tools", "loads", "strings"} <= set(NAMES)


@pytest.mark.parametrize("grammar", GRAMMARS)
@pytest.mark.parametrize("name", NAMES)
def test_every_query_file_compiles_against_its_grammar(name: str, grammar: str) -> None:
    compiled = query(name, grammar)
    assert compiled.pattern_count > 0
    assert all(not capture.startswith("__") for capture in map(compiled.capture_name, range(compiled.capture_count)))


def test_typescript_only_patterns_are_kept_out_of_the_javascript_grammar() -> None:
    with pytest.raises(QueryError):
        Query(treesitter.language("js"), "(enum_declaration) @x")
    assert query("module", "ts").pattern_count == query("module", "js").pattern_count + 1  # enum_declaration


def test_one_pass_finds_bindings_and_tool_candidates_but_not_what_a_function_holds(tmp_path: Path) -> None:
    source = tmp_path / "server.js"
    source.write_text(
        'import { NAME } from "./names.js";\n'
        "const TOOLS = [{ name: NAME, inputSchema: {} }];\n"
        "function helper() { const hidden = 1; return hidden; }\n"
        'server.registerTool("ping", { description: "Ping" }, async () => ({}));\n'
    )
    (tmp_path / "names.js").write_text('export const NAME = "list";\n')
    files = sorted(tmp_path.iterdir())
    loader = Loader(tmp_path, files, ("tools",))  # kept: a module holds its loader weakly
    module = loader.module(source)
    assert module is not None
    assert set(module.bindings) == {"TOOLS"} and set(module.functions) == {"helper"}
    assert module.lookup("NAME", 0) == "list"
    kinds = sorted(node.type for node in module.captures["tool"])
    assert kinds == ["call_expression", "object"]  # the registration and the tool-shaped object, nothing else
