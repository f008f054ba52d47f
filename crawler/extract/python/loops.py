"""Tools a Python server lists in a loop, or a comprehension, over a literal collection:

    TOOLS = {Tools.SEARCH: SearchArgs, Tools.FETCH: FetchArgs}
    for kind, model in TOOLS.items():
        tools.append(Tool(name=kind.value, description="...", inputSchema=model.model_json_schema()))

    return [Tool(name=s["name"], description=s["description"], inputSchema=s["schema"]) for s in SPECS]

    for spec in [ToolDef(name="search", description="...", handler=search), ...]:
        mcp.add_tool(spec.handler, name=spec.name, description=spec.description)

The loop's body is read once per element, the loop's names replaced by the element's own expressions (a copy of the
body, rewritten), so each `Tool(...)` resolves as if written out: `Tools.SEARCH.value`, `SearchArgs`'s schema. Tools
kept as data are read through: a key of a dict written out (`s["name"]`, `s.get("title")`) is the expression under
that key, an attribute of a record built with keywords (`spec.handler` of `ToolDef(handler=search)`) the keyword's
expression.
Only collections written in the code count (a list, tuple or set, a dict and its `keys()`, `values()` or `items()`,
directly or through a module constant (of its own or imported from a local module) or a name the function assigns
before the loop; a list spreading others, `[*BASE_TOOLS, *LOCAL_TOOLS]`, holds their elements when all are written
in the code), and a local module's functions as `inspect.getmembers(handlers, inspect.isfunction)` lists them (by
name, each `(name, handlers.name)`); only targets that unpack them exactly; anything else is left as it is. An `if`
in the body whose test is known once the names are bound (`if not name.startswith("_")`) keeps only the branch
taken.
"""

import ast
import copy

from crawler.extract.python.functions import FunctionAt, function_reference
from crawler.extract.python.syntax import Evaluator, Index, dotted

MAX_ELEMENTS = 500  # a longer literal is data, not a list of tools


Loop = ast.For | ast.ListComp | ast.SetComp | ast.GeneratorExp
Filled = dict[int, ast.List | ast.Dict]  # by the id of a registry's empty literal, what its decorator puts there


def unrolled(module: Evaluator, loop: Loop, index: Index | None = None,
             filled: Filled | None = None) -> list[list[ast.AST]]:
    """The loop's body (a comprehension's element) once per element of its collection, names bound; [] when the
    collection is not literal, or a comprehension draws from more than one. With the file's ``index``, a name the
    function holding the loop assigns before it (`entries = [*BASE_TOOLS, *LOCAL_TOOLS]`) is read there; with
    ``filled``, a registry the package's own decorator fills holds what it puts there (python.registries)."""
    if isinstance(loop, ast.For):
        target, collection, body = loop.target, loop.iter, list[ast.AST](loop.body)
    elif len(loop.generators) == 1:
        target, collection, body = loop.generators[0].target, loop.generators[0].iter, [loop.elt]
    else:
        return []
    if isinstance(collection, ast.Name) and index is not None:
        collection = _assigned_before(index, loop, collection)
    items = _collection(module, collection, filled or {})
    if not items or len(items) > MAX_ELEMENTS:
        return []
    passes = []
    for item in items:
        binding = _bind(target, item)
        if binding is None:
            return []
        rewritten = [_Substitute(module, binding).visit(copy.deepcopy(statement)) for statement in body]
        passes.append([n for node in rewritten for n in (node if isinstance(node, list) else [node])])
    return passes


_PREDICATES = {"isfunction": (ast.FunctionDef, ast.AsyncFunctionDef), "isroutine": (ast.FunctionDef,
               ast.AsyncFunctionDef), "iscoroutinefunction": (ast.AsyncFunctionDef,)}


def _members(module: Evaluator, node: ast.Call) -> list[ast.expr] | None:
    """`inspect.getmembers(handlers, inspect.isfunction)` over a local module: its functions, sorted by name as
    inspect sorts them, each `(name, handlers.name)`. (Functions it imports are members too, but cannot be told
    from the module's own without running it: only its own are listed.)"""
    if dotted(node.func).split(".")[-1] != "getmembers" or len(node.args) != 2 or node.keywords:
        return None
    owner, kinds = node.args[0], _PREDICATES.get(dotted(node.args[1]).split(".")[-1])
    other = module.submodule(owner.id) if isinstance(owner, ast.Name) else None
    if other is None or kinds is None:
        return None
    names = sorted(name for name, fn in other.functions.items() if isinstance(fn, kinds))
    return [ast.Tuple(elts=[ast.Constant(name), ast.Attribute(value=ast.Name(owner.id, ast.Load()), attr=name,
                                                              ctx=ast.Load())], ctx=ast.Load()) for name in names]


def _collection(module: Evaluator, node: ast.expr, filled: Filled) -> list[ast.expr] | None:
    if isinstance(node, ast.Call) and (members := _members(module, node)) is not None:
        return members
    if isinstance(node, ast.Call) and not node.args and (returned := _returned(module, node.func)) is not None:
        return _collection(*returned, filled)  # `registry.all()`: the collection the function returns
    method = ""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args and not node.keywords:
        method, node = node.func.attr, node.func.value
        if method not in ("items", "keys", "values"):
            return None
    if isinstance(node, ast.Name) and node.id in module.constants:
        node = module.constants[node.id]
    elif isinstance(node, ast.Name) and (found := module.imported(node.id)) is not None:
        node = found[0].constants.get(found[1], node)  # `from .tools import TOOLS`: the list written there
    node = filled.get(id(node), node)
    if isinstance(node, ast.Dict):
        pairs = [(key, value) for key, value in zip(node.keys, node.values, strict=True) if key is not None]
        if method == "items":
            return [ast.Tuple(elts=[key, value], ctx=ast.Load()) for key, value in pairs]
        return [value for _, value in pairs] if method == "values" else [key for key, _ in pairs]
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and not method:
        spread = [_spread(module, element, filled) for element in node.elts]
        return None if any(s is None for s in spread) else [item for items in spread for item in items or []]
    return None


def _spread(module: Evaluator, element: ast.expr, filled: Filled) -> list[ast.expr] | None:
    """An element of a list written out; a starred one is the elements of the collection it spreads, None when that
    is not written in the code: the list is then not known at all (tools fetched at run time, often from the
    dependency the package hands over to, whose tools extraction reads when the package declares none)."""
    if not isinstance(element, ast.Starred):
        return [element]
    return _collection(module, element.value, filled)


def _returned(module: Evaluator, function: ast.expr) -> tuple[Evaluator, ast.Name] | None:
    """The module constant a function of the package returns as its last statement (`return TOOLS`), where it
    is defined."""
    found = function_reference(module, function)
    last = found[1].body[-1] if found is not None and found[1].body else None
    if found is None or not isinstance(last, ast.Return) or not isinstance(last.value, ast.Name):
        return None
    return found[0], last.value


def _assigned_before(index: Index, loop: Loop, name: ast.Name) -> ast.expr:
    """The expression the function holding ``loop`` last assigns to ``name`` before it, else ``name`` itself."""
    functions = index.enclosing(loop, (ast.FunctionDef, ast.AsyncFunctionDef))
    found: ast.expr = name
    for statement in functions[0].body if functions else []:
        if statement.lineno >= loop.lineno:
            break
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id == name.id):
            found = statement.value
    return found


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
    def __init__(self, module: Evaluator, binding: dict[str, ast.expr]) -> None:
        self.module, self.binding = module, binding

    def visit_Name(self, node: ast.Name) -> ast.expr:  # noqa: N802 (ast's visitor naming)
        if node.id in self.binding and isinstance(node.ctx, ast.Load):
            return copy.deepcopy(self.binding[node.id])
        return node

    def visit_If(self, node: ast.If) -> ast.AST | list[ast.stmt]:  # noqa: N802
        """The branch taken when the test is known with the names bound, else the `if` as it is."""
        self.generic_visit(node)
        known = _truth(self.module, node.test)
        return node if known is None else (node.body if known else node.orelse)

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:  # noqa: N802
        """`{"name": "search", ...}["name"]` is `"search"`: a key of a dict written out."""
        self.generic_visit(node)
        data, key = self._data(node.value), node.slice
        if isinstance(data, ast.Dict) and isinstance(key, ast.Constant) and isinstance(key.value, str):
            return next((v for k, v in zip(data.keys, data.values, strict=True)
                         if isinstance(k, ast.Constant) and k.value == key.value), node)
        return node

    def visit_Call(self, node: ast.Call) -> ast.expr:  # noqa: N802
        """`{"name": "search", ...}.get("title")` is what is under the key, else the default given (or None)."""
        self.generic_visit(node)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "get" and 1 <= len(node.args) <= 2
                and isinstance(data := self._data(func.value), ast.Dict) and isinstance(node.args[0], ast.Constant)):
            return node
        return next((v for k, v in zip(data.keys, data.values, strict=True)
                     if isinstance(k, ast.Constant) and k.value == node.args[0].value),
                    node.args[1] if len(node.args) == 2 else ast.Constant(None))

    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:  # noqa: N802
        """`ToolDef(name="search", handler=search).handler` is `search`: a record's field given by keyword; a
        registered function's `__name__` its name."""
        self.generic_visit(node)
        if isinstance(node.value, FunctionAt) and node.attr == "__name__":
            return ast.Constant(node.value.function.name)
        record = self._data(node.value)
        if isinstance(record, ast.Call) and dotted(record.func).split(".")[-1][:1].isupper():
            return next((kw.value for kw in record.keywords if kw.arg == node.attr), node)
        return node

    def _data(self, node: ast.expr) -> ast.expr:
        """The expression a module constant holds (a spec kept under its own name), else ``node`` itself."""
        return self.module.constants.get(node.id, node) if isinstance(node, ast.Name) else node


def bound(module: Evaluator, binding: dict[str, ast.expr], node: ast.expr) -> ast.expr:
    """A copy of ``node`` with the names of ``binding`` replaced by their expressions, read through as a loop's
    body is (python.factories binds a function's parameters this way)."""
    return _Substitute(module, binding).visit(copy.deepcopy(node))


def _truth(module: Evaluator, test: ast.expr) -> bool | None:
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _truth(module, test.operand)
        return None if inner is None else not inner
    value = module.value(test)
    return value if isinstance(value, bool) else None
