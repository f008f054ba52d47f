"""A package's own tool decorators: helpers that register the function they decorate with FastMCP.

Larger Python servers wrap ``mcp.tool`` to add their conventions, and decorate tools with the wrapper:

    class Registry:
        def reader(self, title):                # a registrar: it calls one
            return self._register(title, READ_ONLY)
        def _register(self, title, annotations):
            def decorate(function):             # a registrar: it applies `server.tool(...)` to a function
                self.server.tool(title=title, annotations=annotations)(function)
                return function
            return decorate

    @tools.reader("Read a range")
    def read_range(path: str) -> str: ...

A function or method is a registrar when it applies ``….tool(…)`` to a value (``….tool(…)(fn)`` or
``….tool(fn, …)``), calls ``….add_tool(…)``, returns ``….tool(…)`` (a decorator factory, ``def _tool(name):
return mcp.tool(name=name, annotations=TABLE[name])``, so that no tool ships without its annotations), or calls
another registrar; a decorator naming a registrar marks a tool. Decorating a nested function with ``@mcp.tool``
does not make the enclosing function a registrar.

The tool is named as the registration names it: the function's name, or ``name=`` computed from the decorator's
own arguments (``@register("search")`` over ``server.tool(fn, name=f"wiki_{name}")`` gives ``wiki_search``). A
name that cannot be computed leaves the tool out rather than guessing it.

A registrar is also called plainly, the function handed over as an argument: ``register_tool(mcp, list_beds)``,
one line per tool in a module's ``register(mcp)``, over ``def register_tool(mcp, fn): mcp.tool(annotations=...)
(audited(fn))``. The argument at the position (or keyword) of the registrar's parameter that reaches the
registration, through calls of the package's own wrappers, is the tool.

A helper package's decorator is read by its shape, its code being in another distribution: a call whose name ends
in ``_tool`` given the server and the tool's name, ``@chart_tool(mcp, "show_chart", description=...)`` (a view
helper that registers the function with a result schema of its own); its keywords are the registration's.

A name bound to FastMCP's decorator is that decorator: ``register = mcp.tool()`` then ``@register`` (often kept
so, to satisfy a linter, or to fall back to a no-op decorator when the library is missing), or ``register =
mcp.tool`` then ``@register(name=...)``; the binding is looked up in the scopes that hold the decorated function.

The package's own function called `tool` that registers nothing is not a server's decorator: it keeps what it
decorates in a catalogue of the package's (tools a meta-tool searches and calls by name, `discover_tools` then
`call_tool`), and a client lists none of them.
"""

import ast
import copy
from pathlib import Path
from typing import Any

from crawler.extract.python.functions import function_reference
from crawler.extract.python.syntax import FUNCTIONS, Evaluator, Function, Index, Modules, dotted

_SCOPES = (*FUNCTIONS, ast.Module)
Naming = tuple[Function, ast.expr] | None  # None: the function's own name


def registrars(project: Modules, files: list[Path]) -> dict[str, list[Naming]]:
    """The package's functions and methods that register what they are given as a tool, with how each of
    their registrations names the tool."""
    calls: dict[str, set[str]] = {}  # function name -> names it calls
    namings: dict[str, list[Naming]] = {}
    for path in files:
        index = project.index(path)
        if index is None:
            continue
        functions = index.of(*FUNCTIONS)
        inside: dict[int, list[ast.Call]] = {id(function): [] for function in functions}
        for call in index.of(ast.Call) if functions else ():  # each call, for every function it is written in
            for function in index.enclosing(call, FUNCTIONS):
                inside[id(function)].append(call)
        for node in functions:
            called = calls.setdefault(node.name, set())
            for inner in inside[id(node)]:
                registration = _registration(inner) or _returned_decorator(inner, node, index)
                if registration is not None:
                    name = next((k.value for k in registration.keywords if k.arg == "name"), None)
                    namings.setdefault(node.name, []).append((node, name) if name is not None else None)
                elif isinstance(inner.func, ast.Attribute | ast.Name):
                    called.add(dotted(inner.func).split(".")[-1])
    growing = True
    while growing:  # a function that calls a registrar registers too (naming the tool by its function name)
        more = {name for name, names in calls.items() if name not in namings and names & set(namings)}
        namings.update((name, [None]) for name in more)
        growing = bool(more)
    return namings


def decorators(function: ast.FunctionDef | ast.AsyncFunctionDef, index: Index) -> list[ast.expr]:
    """The decorators of ``function``, a name bound to a server's ``….tool`` decorator read as what it is bound to."""
    return [_bound(decorator, function, index) for decorator in function.decorator_list]


def _bound(decorator: ast.expr, function: ast.AST, index: Index) -> ast.expr:
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    if not isinstance(called, ast.Name) or called.id == "tool":
        return decorator
    for scope in index.enclosing(function, _SCOPES):
        for node in index.of(ast.Assign):
            value = node.value
            if not (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id == called.id and _decorator_of_server(value)):
                continue
            if next(iter(index.enclosing(node, _SCOPES)), None) is not scope:
                continue
            if isinstance(value, ast.Attribute) and isinstance(decorator, ast.Call):  # `@register(name=...)`
                return ast.copy_location(ast.Call(value, decorator.args, decorator.keywords), decorator)
            return ast.copy_location(copy.copy(value), decorator) if decorator is called else decorator
    return decorator


def _decorator_of_server(value: ast.expr) -> bool:
    """`mcp.tool` or `mcp.tool(...)` given no function: the decorator itself, not a registration."""
    if isinstance(value, ast.Call) and not (value.args and not isinstance(value.args[0], ast.Constant)):
        value = value.func
    return isinstance(value, ast.Attribute) and value.attr == "tool"


def _returned_decorator(call: ast.Call, function: Function, index: Index) -> ast.Call | None:
    """`return mcp.tool(name=name, annotations=...)`, always, as a decorator factory's outcome: the factory is a
    registrar (a conditional return, a no-op decorator otherwise, is left to run time). One called `tool` is read
    as FastMCP's own decorator, its keywords the registration's (`keeps_for_itself`)."""
    returned = index.parents.get(call)
    if function.name == "tool" or not isinstance(returned, ast.Return):
        return None
    at_top = index.parents.get(returned) is function
    return call if at_top and _decorator_of_server(call) else None


def _registration(call: ast.Call) -> ast.Call | None:
    """The registering call in `x.tool(…)(fn)`, `x.tool(fn, …)` or `x.add_tool(…)`."""
    func = call.func
    if isinstance(func, ast.Call) and isinstance(func.func, ast.Attribute) and func.func.attr == "tool":
        return func
    direct = (
        func.attr == "tool" and call.args and isinstance(call.args[0], ast.Name)
        if isinstance(func, ast.Attribute)
        else False
    )
    if isinstance(func, ast.Attribute) and (func.attr == "add_tool" or direct):
        return call
    return None


def tool_names(namings: list[Naming], decorator: ast.expr, function: str, module: Evaluator) -> list[str]:
    """The names a decorator registers ``function`` under; one per registration the registrar makes."""
    names = []
    for naming in namings:
        if naming is None:
            names.append(function)
            continue
        registrar, expression = naming
        params = [a.arg for a in registrar.args.args if a.arg not in ("self", "cls")]
        given = decorator.args if isinstance(decorator, ast.Call) else []
        values = dict(zip(params, given, strict=False))
        values |= {k.arg: k.value for k in (decorator.keywords if isinstance(decorator, ast.Call) else []) if k.arg}
        name = module.value(_substituted(expression, values))
        if isinstance(name, str) and name:
            names.append(name)
    return names


def _substituted(expression: ast.expr, values: dict[str, ast.expr]) -> ast.expr:
    """``expression`` with the registrar's parameters replaced by what the decorator passed."""

    class Substitute(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> Any:  # noqa: N802 (ast's visitor naming)
            return copy.deepcopy(values[node.id]) if node.id in values else node

    return Substitute().visit(copy.deepcopy(expression))


def handed(call: ast.Call, module: Evaluator, namings: dict[str, list[Naming]]) -> ast.expr | None:
    """The function a plain call of a registrar hands over to be registered, as the call writes it."""
    if dotted(call.func).split(".")[-1] not in namings or (found := function_reference(module, call.func)) is None:
        return None
    params = [a.arg for a in found[1].args.args if a.arg not in ("self", "cls")]
    for inner in ast.walk(found[1]):
        if not (isinstance(inner, ast.Call) and _registration(inner) is not None and inner.args):
            continue
        target = inner.args[0]  # `x.tool(…)(target)`, `x.tool(target, …)`, `x.add_tool(target, …)`
        while isinstance(target, ast.Call) and target.args:  # through the package's wrappers: `audited(fn)`
            target = target.args[0]
        if isinstance(target, ast.Name) and target.id in params:
            position = params.index(target.id)
            given = next((k.value for k in call.keywords if k.arg == target.id), None)
            return given or (call.args[position] if position < len(call.args) else None)
    return None


def helper_tool_name(decorator: ast.expr, module: Evaluator) -> str | None:
    """The tool name of ``@x_tool(server, "name", ...)``: a helper package's registering decorator."""
    if not isinstance(decorator, ast.Call) or len(decorator.args) < 2 or not isinstance(decorator.args[0], ast.Name):
        return None
    if not dotted(decorator.func).split(".")[-1].endswith("_tool"):
        return None
    name = module.value(decorator.args[1])
    return name if isinstance(name, str) and name else None


def keeps_for_itself(decorator: ast.expr, module: Evaluator, namings: dict[str, list[Naming]]) -> bool:
    """Whether ``@tool(...)`` (a bare name) is the package's own function that neither registers with a server (a
    registrar) nor hands anything to ``….tool``/``….add_tool`` (`return mcp.tool(**options)` passes FastMCP's own
    decorator through)."""
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    if not isinstance(called, ast.Name) or called.id in namings:
        return False
    found = function_reference(module, called)
    if found is None or found[1].name in namings:
        return False
    return not any(isinstance(n, ast.Attribute) and n.attr in ("tool", "add_tool") for n in ast.walk(found[1]))
