"""The one walk of a Python module every pattern reads: the nodes ``ast.walk`` would give, in its order (tools are
found, and ranked, in that order) but for the load and store contexts no pattern reads, with the classes and
functions around each node."""

import ast

from crawler.extract.python.syntax import Index

SOURCE = """
class Handler(Base):
    name = "x"

    def run(self, value=f(1)):
        def inner():
            return g(h(2))
        return Tool(name=self.name)

@mcp.tool()
async def search(query: str) -> str:
    for kind in KINDS:
        register(kind)
"""


def test_the_index_keeps_ast_walks_nodes_and_order() -> None:
    tree = ast.parse(SOURCE)
    index = Index(tree)
    assert index.nodes == [n for n in ast.walk(tree) if not isinstance(n, ast.expr_context)]  # no Load, Store
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert index.of(ast.Call) == calls
    assert index.of(ast.FunctionDef, ast.AsyncFunctionDef, ast.For) == [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.For)
    ]


def test_enclosing_names_the_definitions_around_a_node_innermost_first() -> None:
    index = Index(ast.parse(SOURCE))
    h = next(c for c in index.of(ast.Call) if isinstance(c.func, ast.Name) and c.func.id == "h")
    assert [n.name for n in index.enclosing(h, (ast.FunctionDef, ast.ClassDef))] == ["inner", "run", "Handler"]
    default = next(c for c in index.of(ast.Call) if isinstance(c.func, ast.Name) and c.func.id == "f")
    assert [n.name for n in index.enclosing(default, (ast.FunctionDef,))] == ["run"]  # ast.walk(run) reaches it too
