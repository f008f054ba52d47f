"""Java syntax: the grammar and the query files beside this module, compiled together and run once per file."""

from pathlib import Path

from tree_sitter import Query

from crawler.extract.treesitter import load_query

GRAMMAR = "java"
_QUERIES = Path(__file__).parent / "queries"
SHAPES = ("tool_method", "tool_builder", "tool_constructor", "declaration")


def query() -> Query:
    return load_query(GRAMMAR, _QUERIES / "tools.scm", _QUERIES / "declarations.scm")
