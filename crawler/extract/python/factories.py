"""Tools a Python server builds with a small function of its own, called once per tool:

    def _tool(name: str, description: str, props: dict) -> Tool:
        return Tool(name=name, description=description, inputSchema={"type": "object", "properties": props})

    TOOLS = [_tool("fx_rate", "Exchange rate between two currencies", {...}), ...]

Each call is read as the function's one returned call, its parameters bound to the call's arguments (defaults for
those not given), as if written out. Only a function of the same module, returning one call and taking plain
parameters, is read: the arguments and the body are then read in one module, and nothing is guessed.

A tool built by the framework's own factory and bound to a name before it is added, ``tool =
Tool.from_function(fn, annotations=...)`` then ``mcp.add_tool(tool)``, is the call the name is bound to
(``built_before`` the statements before the registration, ``statements_before``).
"""

import ast
from collections.abc import Callable

from crawler.extract.python.loops import bound
from crawler.extract.python.syntax import Evaluator, Index, dotted


def made(module: Evaluator, call: ast.Call, wanted: Callable[[ast.AST], bool]) -> ast.Call | None:
    """The ``wanted`` call the module function ``call`` calls returns, its parameters bound; None when it is no such
    function. Its last statement is looked at first: the function is walked only when that returns what is wanted."""
    fn = module.functions.get(call.func.id) if isinstance(call.func, ast.Name) else None
    last = fn.body[-1] if fn is not None else None
    if fn is None or not isinstance(last, ast.Return) or not wanted(last.value):
        return None
    returned = [n.value for n in ast.walk(fn) if isinstance(n, ast.Return)]
    if len(returned) != 1 or not isinstance(returned[0], ast.Call):
        return None
    binding = _arguments(fn, call)
    if binding is None:
        return None
    inner = bound(module, binding, returned[0])
    assert isinstance(inner, ast.Call)  # a name substituted is never the call itself
    inner.lineno = call.lineno  # the tool is where it is made, not where its maker is written
    return inner


def _arguments(fn: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call) -> dict[str, ast.expr] | None:
    """Each parameter's expression in ``call``; None for a call or a function this reading does not take
    (starred arguments, ``*args``, ``**kwargs``, a parameter left without a value)."""
    if fn.args.vararg or fn.args.kwarg or fn.args.posonlyargs or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    params = [a.arg for a in fn.args.args + fn.args.kwonlyargs]
    defaults = dict(zip([a.arg for a in fn.args.args][len(fn.args.args) - len(fn.args.defaults):], fn.args.defaults,
                        strict=True))
    defaults |= {a.arg: d for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True) if d is not None}
    if len(call.args) > len(fn.args.args) or any(kw.arg is None or kw.arg not in params for kw in call.keywords):
        return None
    given = dict(zip([a.arg for a in fn.args.args], call.args, strict=False)) | {
        kw.arg: kw.value for kw in call.keywords if kw.arg}
    binding = defaults | given
    return binding if set(binding) == set(params) else None


def built_before(statements: list[ast.AST]) -> dict[str, ast.Call]:
    """The names statements bind to a tool built from a function, the last binding standing: `tool =
    Tool.from_function(fn, annotations=...)` then `mcp.add_tool(tool)`, often in a loop over the functions."""
    return {s.targets[0].id: s.value for s in statements
            if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
            and isinstance(s.value, ast.Call) and dotted(s.value.func).endswith("from_function")}


def statements_before(index: Index, node: ast.AST) -> list[ast.AST]:
    """The statements before the one holding ``node``, in the block that holds it."""
    child, parent = node, index.parents.get(node)
    while parent is not None:
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and any(child is s for s in block):
                return block[: next(i for i, s in enumerate(block) if s is child)]
        child, parent = parent, index.parents.get(parent)
    return []
