"""Every tree-sitter query file (`.scm`) beside a language's code compiles against that language's grammar, and
each shape a language's extractor reads is captured by one of its patterns."""

from pathlib import Path

import pytest
from tree_sitter import Query, QueryError

from crawler.extract import treesitter
from crawler.extract.csharp import syntax as csharp
from crawler.extract.go import syntax as go
from crawler.extract.java import syntax as java
from crawler.extract.rust import syntax as rust

PACKAGES = {
    "go": (go.GRAMMAR, go.TOOL_SHAPES + go.DECLARATION_SHAPES + ("assignment",)),
    "rust": (rust.GRAMMAR, rust.SHAPES),
    "java": (java.GRAMMAR, java.SHAPES),
    "csharp": (csharp.GRAMMAR, csharp.SHAPES),
}
EXTRACT = Path(treesitter.__file__).parent


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_every_query_file_compiles_against_its_grammar(package: str) -> None:
    grammar, shapes = PACKAGES[package]
    files = sorted((EXTRACT / package / "queries").glob("*.scm"))
    assert files, f"{package} has no query files"
    captured: set[str] = set()
    for path in files:
        query = Query(treesitter.language(grammar), path.read_text(encoding="utf-8"))  # raises on any error
        assert query.pattern_count > 0, path.name
        captured |= {query.capture_name(i) for i in range(query.capture_count)}
    assert set(shapes) <= captured  # a shape the code reads but no pattern names would find nothing


def test_a_query_file_that_does_not_fit_its_grammar_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.scm"
    wrong.write_text("(class_declaration) @tool_class")  # a Java node kind: Go has none
    with pytest.raises(QueryError, match="Invalid node type"):
        Query(treesitter.language(go.GRAMMAR), wrong.read_text())
