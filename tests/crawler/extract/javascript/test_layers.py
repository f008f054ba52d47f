"""The JavaScript extraction package's layers import one way, syntax <- values <- reach <- patterns <- the package,
with every import at the top of its module (none hidden in a function to dodge a loop)."""

import ast
from pathlib import Path

import crawler.extract.javascript as package

ROOT = Path(package.__file__).resolve().parent
PREFIX = "crawler.extract.javascript"
LAYERS = ["syntax", "values", "reach", "patterns", "__init__"]


def _layer(module: str) -> int:
    first = module.removeprefix(PREFIX).lstrip(".").split(".")[0] or "__init__"
    return LAYERS.index(first)


def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((f"{PREFIX}.{name}" if name else PREFIX, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    upward = [
        f"{name} imports {node.module}"
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith(PREFIX)
        and _layer(node.module or "") > _layer(name)
    ]
    assert upward == []


def test_no_import_is_hidden_in_a_function() -> None:
    hidden = [
        f"{name}: line {inner.lineno}"
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for inner in ast.walk(node)
        if isinstance(inner, ast.Import | ast.ImportFrom)
    ]
    assert hidden == []


def test_the_modules_of_a_layer_import_each_other_without_a_loop() -> None:
    graph: dict[str, set[str]] = {}
    for name, tree in _modules():
        graph[name] = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PREFIX) and node.module != name
        }
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 1:
            raise AssertionError(" -> ".join([*path, name]))
        if state.get(name) == 2:
            return
        state[name] = 1
        for target in sorted(graph.get(name, ())):
            visit(target, [*path, name])
        state[name] = 2

    for name in sorted(graph):
        visit(name, [])
