"""Python syntax: the standard library's own parser, one index of each module's nodes, and the interface the
pattern helpers read values through.

Every helper (classes, functions, loops, mounts, wrappers, schemas) receives an ``Evaluator`` (one parsed module,
``values.PyModule``) and a ``Modules`` (the package's files, ``values.Project``) instead of importing the module
that implements them: dependencies run syntax <- schemas <- values <- patterns, never back.

A module is walked once (``Index``): every pattern asks the index for the nodes it reads, rather than walking the
tree again with ``ast.walk``; the index keeps ``ast.walk``'s own order, so tools are found in the order they were.
"""

import ast
from pathlib import Path
from typing import Any, Protocol

MAX_DEPTH = 10
Function = ast.FunctionDef | ast.AsyncFunctionDef
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)  # the same, for isinstance and Index.of


def parse(path: Path, source: bytes | None = None) -> ast.Module | None:
    """The file's tree (of ``source`` when the file was read already); None when it cannot be read or parsed (a
    syntax error costs this file only)."""
    try:
        return ast.parse(path.read_bytes() if source is None else source, filename=str(path))
    except (SyntaxError, ValueError, RecursionError, MemoryError, OSError):
        return None


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return dotted(node.func)
    return ""


def doc_assignments(function: ast.AST) -> list[ast.expr]:
    """The values a function sets a ``__doc__`` to (its own, or a wrapper's it returns): where a package's own code
    rewrites a tool's docstring on its way to the server (python.docstrings ``cleaning``, python.rewritten)."""
    return [node.value for node in ast.walk(function)
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "__doc__"
                                                    for t in node.targets)]


# Fields that never hold a node (names, numbers, flags: the grammar's identifiers and constants), and `ctx` (`Load`,
# `Store`: shared singletons that no pattern asks for, a third of the nodes the walk would visit). A `Name` or a
# `Constant` then has no field left to read: most of a module's nodes.
_NOT_NODES = {"ctx", "id", "attr", "name", "arg", "asname", "module", "level", "kind", "type_comment", "is_async"}
_NOT_NODES |= {"conversion", "simple", "lineno", "tag", "kwd_attrs", "rest"}
_CONSTANTS = (ast.Constant, ast.MatchSingleton, ast.Global, ast.Nonlocal)  # `value` a constant, `names` strings


def _node_fields(node_type: type) -> tuple[str, ...]:
    """The fields of ``node_type`` that may hold a node, in the grammar's order."""
    skipped = _NOT_NODES | ({"value", "names"} if issubclass(node_type, _CONSTANTS) else set())
    return tuple(field for field in node_type._fields if field not in skipped)  # type: ignore[attr-defined]


class Index:
    """Every node of one module in ``ast.walk`` order (breadth first), by type, with each node's parent: built in
    one pass, so that finding a module's functions, calls, classes and loops costs one walk, not one each. The
    walk reads only the fields that may hold a node (``_node_fields``), the fields of each type found once."""

    _fields: dict[type, tuple[str, ...]] = {}

    def __init__(self, tree: ast.AST) -> None:
        nodes: list[ast.AST] = [tree]
        parents: dict[ast.AST, ast.AST] = {}  # nodes hash by identity
        positions: dict[type, list[int]] = {}  # by node type: every pattern asks for some, so built in the walk
        node_type = ast.AST
        known = self._fields
        # ast.walk's order: a node's children, field by field, after its siblings
        for position, node in enumerate(nodes):
            kind = type(node)
            positions.setdefault(kind, []).append(position)
            fields = known.get(kind)
            if fields is None:
                fields = known[kind] = _node_fields(kind)
            for field in fields:
                value = getattr(node, field, None)
                if isinstance(value, list):
                    for item in value:
                        if isinstance(item, node_type):
                            nodes.append(item)
                            parents[item] = node
                elif isinstance(value, node_type):
                    nodes.append(value)
                    parents[value] = node
        self.nodes = nodes
        self.parents = parents
        self._positions = positions
        self._of: dict[tuple[type, ...], list[Any]] = {}

    def of(self, *types: type) -> list[Any]:
        """The nodes of exactly the given types (``ast`` makes no subclasses of its node types), in walk order."""
        if types not in self._of:
            found = [p for t in types for p in self._positions.get(t, ())]
            self._of[types] = [self.nodes[p] for p in (sorted(found) if len(types) > 1 else found)]
        return self._of[types]

    def enclosing(self, node: ast.AST, types: tuple[type, ...]) -> list[Any]:
        """The nodes of ``types`` that contain ``node``, innermost first."""
        found = []
        parent = self.parents.get(node)
        while parent is not None:
            if isinstance(parent, types):
                found.append(parent)
            parent = self.parents.get(parent)
        return found


class Evaluator(Protocol):
    """One parsed module as the pattern helpers read it: its top-level names and the values expressions have."""

    constants: dict[str, ast.expr]
    functions: dict[str, Function]
    classes: dict[str, ast.ClassDef]
    enums: dict[str, list[Any]]

    def value(self, node: ast.expr | None, depth: int = 0) -> Any: ...

    def complete(self, node: ast.expr | None, depth: int = 0) -> bool: ...

    def imported(self, name: str) -> "tuple[Evaluator, str] | None": ...

    def submodule(self, name: str) -> "Evaluator | None": ...

    def class_def(self, name: str, depth: int = 0) -> "tuple[Evaluator, ast.ClassDef] | None": ...

    def model(self, name: str) -> "tuple[Evaluator, ast.ClassDef] | None": ...


class Modules(Protocol):
    """The package's Python files, each parsed, indexed and evaluated once."""

    def tree(self, path: Path) -> ast.Module | None: ...

    def index(self, path: Path) -> Index | None: ...

    def module(self, path: Path) -> Evaluator | None: ...
