"""A package's own registry of tools, filled by its own decorator as the tool modules are imported, and registered
in a loop by the server module that imports them:

    TOOLS = []                                   # registry.py
    def tool(title):
        def collect(fn):
            TOOLS.append((fn, title))
            return fn
        return collect

    @tool("Shelf report")                        # in each tool module
    async def shelf_report(shelf: str) -> str: ...

    for fn, title in TOOLS:                      # server.py, after `from . import reports`
        mcp.add_tool(fn, title=title)

The registry holds what the decorator puts in it, once for each function it decorates anywhere in the package: the
appended expression (or the key and value stored, ``REGISTRY[fn.__name__] = fn``), the decorator's parameters bound
to the arguments of each use and its function parameter to the decorated function. A decorator used bare
(``@collect``) appends in its own body, a decorator factory (``@tool("...")``) in the function it returns. python.loops
reads a loop over the registry as over a collection written out. Only a registry the module starts empty
(``[]``, ``{}``) counts: one that also holds tools written out is read as written.
"""

import ast
from pathlib import Path

from crawler.extract.python.functions import FunctionAt, function_reference
from crawler.extract.python.loops import bound
from crawler.extract.python.syntax import Evaluator, Function, Modules


class _Filler:
    """How a decorator fills a registry: the registry's literal, the entry it stores (a key, an element), and the
    names to bind: the factory's parameters (None for a bare decorator) and the decorated function's."""

    def __init__(self, registry: ast.List | ast.Dict, key: ast.expr | None, entry: ast.expr,
                 factory: list[ast.arg] | None, defaults: dict[str, ast.expr], function: str,
                 keyword_only: frozenset[str] = frozenset()) -> None:
        self.registry, self.key, self.entry = registry, key, entry
        self.factory, self.defaults, self.function = factory, defaults, function
        self.keyword_only = keyword_only  # the factory's parameters after `*`


def filled_registries(project: Modules, files: list[Path]) -> dict[int, ast.List | ast.Dict]:
    """By the id of each registry's empty literal, the collection it holds once every tool module is imported."""
    fillers: dict[int, _Filler] = {}
    for path in files:
        module = project.module(path)
        for function in module.functions.values() if module is not None else []:
            if (filler := _filler(module, function)) is not None:
                fillers[id(function)] = filler
    if not fillers:
        return {}
    filled: dict[int, ast.List | ast.Dict] = {}
    for path in files:
        module, index = project.module(path), project.index(path)
        if module is None or index is None:
            continue
        for function in index.of(ast.FunctionDef, ast.AsyncFunctionDef):
            for decorator in function.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                found = function_reference(module, call.func if call is not None else decorator)
                filler = fillers.get(id(found[1])) if found is not None else None
                if filler is None or (call is None) != (filler.factory is None):
                    continue
                binding = _arguments(filler, call) if call is not None else {}
                if binding is None:
                    continue
                binding[filler.function] = FunctionAt(module, function)
                _store(filled, filler, module, binding)
    return filled


def _store(filled: dict[int, ast.List | ast.Dict], filler: _Filler, module: Evaluator,
           binding: dict[str, ast.expr]) -> None:
    entry = bound(module, binding, filler.entry)
    if isinstance(filler.registry, ast.List):
        collection = filled.setdefault(id(filler.registry), ast.List(elts=[], ctx=ast.Load()))
        assert isinstance(collection, ast.List)
        collection.elts.append(entry)
    elif filler.key is not None:
        collection = filled.setdefault(id(filler.registry), ast.Dict(keys=[], values=[]))
        assert isinstance(collection, ast.Dict)
        collection.keys.append(bound(module, binding, filler.key))
        collection.values.append(entry)


def _arguments(filler: _Filler, call: ast.Call) -> dict[str, ast.expr] | None:
    """The factory's parameters bound to a use's arguments, or their defaults; None when they do not fit. Keyword-only
    parameters (``def tool(name, *, description, input_schema)``) take keywords only."""
    names = [a.arg for a in filler.factory or []]
    positional = [name for name in names if name not in filler.keyword_only]
    if len(call.args) > len(positional) or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    binding = dict(zip(positional, call.args, strict=False))
    given = {kw.arg: kw.value for kw in call.keywords if kw.arg in names}
    if len(given) != len(call.keywords):
        return None
    binding |= given
    binding |= {name: default for name, default in filler.defaults.items() if name not in binding}
    return binding if set(binding) == set(names) else None


def _filler(module: Evaluator, function: Function) -> _Filler | None:
    """How ``function`` fills a registry, used bare or as a factory returning the function that does."""
    bare = _collects(module, function)
    if bare is not None:
        return _Filler(*bare, None, {}, _parameter(function) or "")
    returned = {s.value.id for s in function.body if isinstance(s, ast.Return) and isinstance(s.value, ast.Name)}
    for inner in (s for s in function.body if isinstance(s, Function) and s.name in returned):
        if (found := _collects(module, inner)) is not None:
            arguments = function.args
            positional = arguments.posonlyargs + arguments.args
            defaults = dict(zip([a.arg for a in positional][len(positional) - len(arguments.defaults):],
                                arguments.defaults, strict=True))
            defaults |= {a.arg: d for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d}
            return _Filler(*found, positional + arguments.kwonlyargs, defaults, _parameter(inner) or "",
                           frozenset(a.arg for a in arguments.kwonlyargs))
    return None


def _parameter(function: Function) -> str | None:
    params = function.args.posonlyargs + function.args.args
    return params[0].arg if len(params) == 1 else None


def _collects(module: Evaluator, function: Function) -> tuple[ast.List | ast.Dict, ast.expr | None, ast.expr] | None:
    """The registry ``function`` (one parameter, returned as it came) adds to, the key and the entry it adds."""
    parameter = _parameter(function)
    returns = [s for s in function.body if isinstance(s, ast.Return)]
    if parameter is None or not returns or not all(isinstance(r.value, ast.Name) and r.value.id == parameter
                                                   for r in returns):
        return None
    for statement in function.body:
        if (isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call)
                and isinstance(call.func, ast.Attribute) and call.func.attr == "append" and len(call.args) == 1
                and isinstance(registry := _registry(module, call.func.value), ast.List)):
            return registry, None, call.args[0]
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(target := statement.targets[0], ast.Subscript)
                and isinstance(registry := _registry(module, target.value), ast.Dict)):
            return registry, target.slice, statement.value
    return None


def _registry(module: Evaluator, node: ast.expr) -> ast.List | ast.Dict | None:
    """The empty literal a module constant starts as (`TOOLS: list[...] = []`), else None."""
    value = module.constants.get(node.id) if isinstance(node, ast.Name) else None
    if isinstance(value, ast.List) and not value.elts or isinstance(value, ast.Dict) and not value.keys:
        return value
    return None
