"""Tools a Python server lists in a loop over a literal collection:

    TOOLS = {Tools.SEARCH: SearchArgs, Tools.FETCH: FetchArgs}
    for kind, model in TOOLS.items():
        tools.append(Tool(name=kind.value, description="...", inputSchema=model.model_json_schema()))

The loop's body is read once per element, the loop's names replaced by the element's own expressions (a copy of
the body, rewritten), so each `Tool(...)` resolves as if written out: `Tools.SEARCH.value`, `SearchArgs`'s schema.
Only collections written in the code count (a list, tuple or set, a dict and its `keys()`, `values()` or
`items()`, directly or through a module constant), and only targets that unpack them exactly; anything else is
left as it is.
"""

import ast
import copy

from crawler.extract.python.syntax import Evaluator

MAX_ELEMENTS = 500  # a longer literal is data, not a list of tools


def unrolled(module: Evaluator, loop: ast.For) -> list[list[ast.stmt]]:
    """The loop's body once per element of its collection, names bound; [] when the collection is not literal."""
    items = _collection(module, loop.iter)
    if not items or len(items) > MAX_ELEMENTS:
        return []
    passes = []
    for item in items:
        binding = _bind(loop.target, item)
        if binding is None:
            return []
        passes.append([_Substitute(binding).visit(copy.deepcopy(statement)) for statement in loop.body])
    return passes


def _collection(module: Evaluator, node: ast.expr) -> list[ast.expr] | None:
    method = ""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args and not node.keywords:
        method, node = node.func.attr, node.func.value
        if method not in ("items", "keys", "values"):
            return None
    if isinstance(node, ast.Name) and node.id in module.constants:
        node = module.constants[node.id]
    if isinstance(node, ast.Dict):
        pairs = [(key, value) for key, value in zip(node.keys, node.values, strict=True) if key is not None]
        if method == "items":
            return [ast.Tuple(elts=[key, value], ctx=ast.Load()) for key, value in pairs]
        return [value for _, value in pairs] if method == "values" else [key for key, _ in pairs]
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and not method:
        return list(node.elts)
    return None


def _bind(target: ast.expr, item: ast.expr) -> dict[str, ast.expr] | None:
    if isinstance(target, ast.Name):
        return {target.id: item}
    if isinstance(target, ast.Tuple | ast.List) and isinstance(item, ast.Tuple | ast.List):
        if len(target.elts) != len(item.elts):
            return None
        bound: dict[str, ast.expr] = {}
        for part, value in zip(target.elts, item.elts, strict=True):
            inner = _bind(part, value)
            if inner is None:
                return None
            bound |= inner
        return bound
    return None


class _Substitute(ast.NodeTransformer):
    def __init__(self, binding: dict[str, ast.expr]) -> None:
        self.binding = binding

    def visit_Name(self, node: ast.Name) -> ast.expr:  # noqa: N802 (ast's visitor naming)
        if node.id in self.binding and isinstance(node.ctx, ast.Load):
            return copy.deepcopy(self.binding[node.id])
        return node
