"""The function a name passed to ``add_tool`` stands for, followed through the package:

    _metadata = Metadata(executor)                       # an instance of a class of the package
    list_tables = _metadata.list_tables                  # a bound method under a module-level name
    mcp.add_tool(Tool.from_function(list_tables, name="list_tables"))

A module's own function, one imported from a local module or reached through it (`handlers.search`), a constant
naming either, or a method reached through
an instance (``Class(...)``), the class itself, or ``self`` inside the class that registers its own methods
(``mcp.tool(name="get_alarms")(self.get_alarms)`` in its ``__init__``). Anything else is not followed.
"""

import ast

from crawler.extract.python.syntax import Evaluator, Function, dotted


def function_reference(
    module: Evaluator, node: ast.expr, depth: int = 0, within: ast.ClassDef | None = None
) -> tuple[Evaluator, Function] | None:
    """The module and definition of the function ``node`` refers to, if the package defines it; ``within``, the class
    whose code holds ``node``, is what ``self`` is."""
    if depth > 6:
        return None
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
