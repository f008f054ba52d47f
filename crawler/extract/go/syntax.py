"""Go syntax: the grammar, the query files beside this module (compiled once), and the small readings of call
nodes every Go pattern shares.

``queries/tools.scm`` holds the shapes servers declare tools with, ``declarations.scm`` what a package declares
(both run together, in one pass over each file), ``assignments.scm`` what a function body binds (run once per
function whose local names a tool's value needs).
"""

from functools import cache
from pathlib import Path

from tree_sitter import Node, Query

from crawler.extract.treesitter import load_query, shapes, text

GRAMMAR = "go"
_QUERIES = Path(__file__).parent / "queries"
TOOL_SHAPES = ("new_tool", "add_tool", "tool_literal", "slice_tool")
DECLARATION_SHAPES = ("binding", "import")
Shape = tuple[str, Node, dict[str, list[Node]]]


@cache
def query(*names: str) -> Query:
    return load_query(GRAMMAR, *(_QUERIES / f"{name}.scm" for name in names))


def file_shapes(root: Node) -> list[Shape]:
    """Every shape of a file that extraction reads: tools (tools.scm) and declarations (declarations.scm)."""
    return shapes(query("tools", "declarations"), root, TOOL_SHAPES + DECLARATION_SHAPES)


def assignments(scope: Node) -> list[Shape]:
    return shapes(query("assignments"), scope, ("assignment",))


def arguments(call: Node) -> list[Node]:
    node = call.child_by_field_name("arguments")
    return [a for a in (node.named_children if node is not None else []) if a.type != "comment"]


def callee(call: Node) -> str:
    """The name a call applies: `F(...)`, `pkg.F(...)`, `x.Method(...)`, or a generic `F[T](...)`."""
    function = call.child_by_field_name("function")
    if function is not None and function.type == "index_expression":  # a generic function: `F[T](...)`
        function = function.child_by_field_name("operand")
    if function is not None and function.type == "selector_expression":
        return text(function.child_by_field_name("field"))
    return text(function) if function is not None and function.type == "identifier" else ""
