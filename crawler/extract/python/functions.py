"""The function a name passed to ``add_tool`` stands for, followed through the package:

    _metadata = Metadata(executor)                       # an instance of a class of the package
    list_tables = _metadata.list_tables                  # a bound method under a module-level name
    mcp.add_tool(Tool.from_function(list_tables, name="list_tables"))

A module's own function, one imported from a local module or reached through it (`handlers.search`), a constant
naming either, or a method reached through
an instance (``Class(...)``), the class itself, or ``self`` inside the class that registers its own methods
(``mcp.tool(name="get_alarms")(self.get_alarms)`` in its ``__init__``), a function a package's own registry holds
(python.registries), and a call to the package's own wrapper made with ``functools.wraps`` (``compact(search)``:
the SDK reads the signature ``wraps`` points back to, and the wrapped function's name and docstring). Anything else is
not followed.
"""

import ast
from typing import Any

from crawler.extract.python.syntax import Evaluator, Function, Index, dotted


class FunctionAt(ast.Name):
    """A function of another module standing where a name would: an element of a package's own registry, read in
    the module that loops over it. Copied as itself (a loop's body is copied once per element)."""

    def __init__(self, module: Evaluator, function: Function) -> None:
        super().__init__(id=function.name, ctx=ast.Load())
        self.module, self.function = module, function

    def __deepcopy__(self, memo: dict[int, Any]) -> "FunctionAt":
        return self


def function_reference(
    module: Evaluator, node: ast.expr, depth: int = 0, within: ast.ClassDef | None = None
) -> tuple[Evaluator, Function] | None:
    """The module and definition of the function ``node`` refers to, if the package defines it; ``within``, the class
    whose code holds ``node``, is what ``self`` is."""
    if depth > 6:
        return None
    if isinstance(node, FunctionAt):
        return node.module, node.function
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        wrapper = function_reference(module, node.func, depth + 1)
        return function_reference(module, node.args[0], depth + 1) if wrapper and _wraps(wrapper[1]) else None
    if within is not None and isinstance(node, ast.Attribute) and dotted(node.value) == "self":
        return _method(module, within, node.attr)
    if isinstance(node, ast.Name):
        if node.id in module.functions:
            return module, module.functions[node.id]
        if node.id in module.constants:
            return function_reference(module, module.constants[node.id], depth + 1)
        imported = module.imported(node.id)
        return function_reference(imported[0], ast.Name(imported[1]), depth + 1) if imported else None
    if isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and (other := module.submodule(node.value.id)) is not None:
            return function_reference(other, ast.Name(node.attr), depth + 1)  # `handlers.search`
        owner = _class(module, node.value, depth + 1)
        if owner is not None:
            return _method(*owner, node.attr)
    return None


def _wraps(wrapper: Function) -> bool:
    """Whether ``wrapper`` returns a function it defines with ``@functools.wraps`` of its first parameter."""
    params = wrapper.args.posonlyargs + wrapper.args.args
    inner = {s.name: s for s in wrapper.body if isinstance(s, Function) and params and any(
        isinstance(d, ast.Call) and dotted(d.func).split(".")[-1] == "wraps" and len(d.args) == 1
        and isinstance(d.args[0], ast.Name) and d.args[0].id == params[0].arg for d in s.decorator_list)}
    return any(isinstance(s, ast.Return) and isinstance(s.value, ast.Name) and s.value.id in inner
               for s in wrapper.body)


def _method(module: Evaluator, cls: ast.ClassDef, name: str) -> tuple[Evaluator, Function] | None:
    method = next((s for s in cls.body if isinstance(s, Function) and s.name == name), None)
    return (module, method) if method is not None else None


def _class(module: Evaluator, node: ast.expr, depth: int) -> tuple[Evaluator, ast.ClassDef] | None:
    """The class an expression is, or is an instance of (`Class`, `Class(...)`, a constant holding either)."""
    if depth > 6:
        return None
    if isinstance(node, ast.Call):
        return _class(module, node.func, depth + 1)
    if not isinstance(node, ast.Name):
        return None
    if node.id in module.classes:
        return module, module.classes[node.id]
    if node.id in module.constants:
        return _class(module, module.constants[node.id], depth + 1)
    imported = module.imported(node.id)
    return _class(imported[0], ast.Name(imported[1]), depth + 1) if imported else None


def local_function(index: Index, node: ast.AST, target: ast.expr, module: Evaluator) -> tuple[Evaluator, Any] | None:
    """A function defined in the function that registers it (`def check(code): …` then `mcp.tool()(check)`). One
    made with `@functools.wraps(fn)` is no tool of its own: it takes the name and docstring of whatever ``fn`` is at
    run time (a package's decorator around `mcp.tool`, whose tools are read where it decorates, python.wrappers)."""
    if not isinstance(target, ast.Name):
        return None
    for scope in index.enclosing(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        for statement in scope.body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and statement.name == target.id:
                wrapper = any(dotted(d).split(".")[-1] == "wraps" for d in statement.decorator_list)
                return None if wrapper else (module, statement)
    return None


def passed_through(index: Index, module: Evaluator, node: ast.AST, applied: ast.expr) -> Function | None:
    """The package's own function a tool passes through: the decorator ``applied`` (``@tool`` of the package, beside
    the tools or in the module), or the wrapper called on it (``add_tool(compact(fn))``)."""
    function = applied.func if isinstance(applied, ast.Call) else applied
    if not isinstance(function, ast.Name):
        return None
    found = local_function(index, node, function, module) or function_reference(module, function, 0)
    return found[1] if found else None
