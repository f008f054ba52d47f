"""A docstring rewritten on the way to the server by the package's own decorator, below the one that registers.

Servers add the same paragraph to every tool's description with a wrapper of their own (a caveat on stale data, the
errors every tool may return, a scope note), applied before the server's decorator reads ``__doc__``:

    def _checked(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs): ...
        run.__doc__ = f"{(fn.__doc__ or '').strip()}\\n\\n{CAVEAT}"
        return run

    @mcp.tool()
    @_checked
    def count(...): ...

The assignment's value is read with the decorated function's docstring in place of its parameter's ``__doc__``;
a value that cannot be read (a text passed to a decorator factory, computed at run time) leaves the docstring as
written.
"""

import ast
import copy

from crawler.extract.python.functions import function_reference, local_function
from crawler.extract.python.syntax import Evaluator, Function, Index, doc_assignments


def rewritten(index: Index, module: Evaluator, function: Function, below: list[ast.expr],
              doc: str | None) -> str | None:
    """``doc`` as the decorators ``below`` the registering one (outermost first) leave it."""
    sent = doc
    for decorator in reversed(below):  # the innermost decorator runs first
        if not isinstance(decorator, ast.Name):
            continue
        found = local_function(index, function, decorator, module) or function_reference(module, decorator, 0)
        if found is not None and (text := _assigned(found[0], found[1], sent or "")) is not None:
            sent = text
    return sent


def _assigned(module: Evaluator, wrapper: Function, doc: str) -> str | None:
    """The text ``wrapper`` sets a ``__doc__`` to, derived from its first parameter's docstring ``doc``."""
    params = [a.arg for a in wrapper.args.posonlyargs + wrapper.args.args]
    if not params:
        return None
    for assigned in doc_assignments(wrapper):
        put = _Put(params[0], doc)
        value = put.visit(copy.deepcopy(assigned))
        if put.used:
            text = module.value(value)
            return text if isinstance(text, str) else None
    return None


class _Put(ast.NodeTransformer):
    """``fn.__doc__`` and ``(fn.__doc__ or "")`` replaced by the docstring."""

    def __init__(self, param: str, doc: str) -> None:
        self.param, self.doc, self.used = param, doc, False

    def _doc_of(self, node: ast.AST) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "__doc__" and isinstance(node.value, ast.Name)
                and node.value.id == self.param)

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:  # noqa: N802 (ast's visitor naming)
        if isinstance(node.op, ast.Or) and len(node.values) == 2 and self._doc_of(node.values[0]):
            self.used = True
            return ast.Constant(self.doc) if self.doc else self.generic_visit(node.values[1])
        return self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:  # noqa: N802
        if self._doc_of(node):
            self.used = True
            return ast.Constant(self.doc)
        return self.generic_visit(node)
