"""Whether a server started as a client starts it meets the condition of an ``if``: nothing set in its environment
but what it declares, no option given. A condition read from an environment variable with a default is known then:

    _surface = os.environ.get("SHELF_SURFACE", "lean")
    if _surface in ("lean", "both"):       # met: its tools are listed
        register_lean(mcp)
    if _surface in ("legacy", "both"):     # not met: its tools are declared under that condition
        register_legacy(mcp)

Only what such a start fixes is read: literals, the module's constants, ``os.environ.get(NAME, DEFAULT)`` and
``os.getenv(NAME, DEFAULT)`` as their default (None without one), a string's case and blanks changed, and ``in``,
``==``, ``!=``, ``not``, ``and``, ``or`` over them. Anything else (an option, a setting read from a file, a call of the
package's) is not known, and the condition stays one.
"""

import ast
from typing import Any

from crawler.extract.python.syntax import Evaluator, dotted

_UNKNOWN = object()
_ENVIRONMENT = ("environ.get", "getenv")
_STRING_METHODS = ("lower", "upper", "strip", "casefold")
_MAX_DEPTH = 8


def met_by_default(module: Evaluator, test: ast.expr) -> bool | None:
    """True or False when a default start decides ``test``; None when it does not."""
    value = _value(module, test, 0)
    return None if value is _UNKNOWN else bool(value)


def _value(module: Evaluator, node: ast.expr, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return _UNKNOWN
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        bound = module.constants.get(node.id)
        return _value(module, bound, depth + 1) if bound is not None else _UNKNOWN
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        elements = [_value(module, element, depth + 1) for element in node.elts]
        return _UNKNOWN if any(e is _UNKNOWN for e in elements) else tuple(elements)
    if isinstance(node, ast.Call):
        return _called(module, node, depth)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        operand = _value(module, node.operand, depth + 1)
        return _UNKNOWN if operand is _UNKNOWN else not operand
    if isinstance(node, ast.BoolOp):
        return _joined(module, node, depth)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _compared(node.ops[0], _value(module, node.left, depth + 1),
                         _value(module, node.comparators[0], depth + 1))
    return _UNKNOWN


def _called(module: Evaluator, node: ast.Call, depth: int) -> Any:
    """An environment variable unset, as its default; a string method changing case or blanks."""
    if dotted(node.func).endswith(_ENVIRONMENT) and node.args and not node.keywords:
        return _value(module, node.args[1], depth + 1) if len(node.args) == 2 else None
    if (isinstance(node.func, ast.Attribute) and node.func.attr in _STRING_METHODS and not node.args
            and not node.keywords):
        owner = _value(module, node.func.value, depth + 1)
        return getattr(owner, node.func.attr)() if isinstance(owner, str) else _UNKNOWN
    return _UNKNOWN


def _joined(module: Evaluator, node: ast.BoolOp, depth: int) -> Any:
    """``and``/``or`` as Python reads them: the first operand that decides, unknown when an unknown one comes first."""
    deciding = isinstance(node.op, ast.Or)
    value: Any = _UNKNOWN
    for operand in node.values:
        value = _value(module, operand, depth + 1)
        if value is _UNKNOWN or bool(value) is deciding:
            return value
    return value


def _compared(operator: ast.cmpop, left: Any, right: Any) -> Any:
    if left is _UNKNOWN or right is _UNKNOWN:
        return _UNKNOWN
    if isinstance(operator, ast.Eq | ast.NotEq):
        return (left == right) is isinstance(operator, ast.Eq)
    if isinstance(operator, ast.In | ast.NotIn) and isinstance(right, tuple | str):
        try:
            return (left in right) is isinstance(operator, ast.In)
        except TypeError:  # `None in "text"`
            return _UNKNOWN
    return _UNKNOWN
