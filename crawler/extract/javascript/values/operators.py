"""Operators inside JavaScript values, evaluated as the server evaluates them at start-up with its default
options: `cond ? a : b`, `||`, `&&`, `??`, `===` and friends, `<`, `>` and friends on numbers, `!`, `+`, and
`process.env.X` (unset until a user sets it).

Real servers write `description: \\`Scrape a page.${SAFE ? " Read-only." : ""}\\``, where
`SAFE = process.env.SAFE_MODE === "true"`, or `name: process.env.PREFIX ?? "search"`: the text a user who passes
no option gets is in the source, and is what `tools/list` answers. A test that depends on anything the source
does not fix (a function's result, an argument) stays UNRESOLVED: nothing is guessed.

A list spread under such a test into another (`[...pageTools, ...(options.vision ? visionTools : [])]`, the
browser servers' opt-in capabilities) is the one exception: one branch is empty, so the elements of the other are
there exactly when the test is met, and they are kept with that test as their condition (syntax.Chosen).
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Chosen, Evaluator, text

_PRIMITIVE = (str, int, float, bool, type(None))
_ORDER = {"<": lambda a, b: a < b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b}


def _number(*values: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def truthy(value: Any) -> bool:
    """JavaScript truthiness: "", 0, null and false are false; objects and arrays are true."""
    return bool(value) if isinstance(value, _PRIMITIVE) else True


def _same(left: Any, right: Any) -> bool:
    return left == right and isinstance(left, bool) == isinstance(right, bool)


def operator_value(module: Evaluator, node: Node, depth: int) -> Any:
    """The value of a ternary, unary or binary expression; UNRESOLVED when an operand is unknown."""
    if node.type == "ternary_expression":
        test = module.value(node.child_by_field_name("condition"), depth + 1)
        if test is UNRESOLVED:
            return UNRESOLVED
        branch = "consequence" if truthy(test) else "alternative"
        return module.value(node.child_by_field_name(branch), depth + 1)
    operator = text(node.child_by_field_name("operator"))
    if node.type == "unary_expression":
        argument = module.value(node.child_by_field_name("argument"), depth + 1)
        if operator == "!" and argument is not UNRESOLVED:
            return not truthy(argument)
        if operator == "-" and isinstance(argument, int | float) and not isinstance(argument, bool):
            return -argument
        return UNRESOLVED
    left = module.value(node.child_by_field_name("left"), depth + 1)
    if left is UNRESOLVED:
        return UNRESOLVED
    if operator in ("||", "&&", "??"):
        keep_left = left is not None if operator == "??" else truthy(left) == (operator == "||")
        return left if keep_left else module.value(node.child_by_field_name("right"), depth + 1)
    right = module.value(node.child_by_field_name("right"), depth + 1)
    if right is UNRESOLVED or not isinstance(left, _PRIMITIVE) or not isinstance(right, _PRIMITIVE):
        return UNRESOLVED
    if operator in ("===", "=="):
        return _same(left, right)
    if operator in ("!==", "!="):
        return not _same(left, right)
    if operator in _ORDER and _number(left, right):
        return _ORDER[operator](left, right)
    if operator in ("<", ">") and None in (left, right):  # undefined compared: false either way
        return False
    if operator == "+":
        if isinstance(left, str) and isinstance(right, str | int) and not isinstance(right, bool):
            return left + str(right)
        if isinstance(right, str) and isinstance(left, int) and not isinstance(left, bool):
            return str(left) + right
    return UNRESOLVED


def chosen_spread(module: Evaluator, node: Node, depth: int) -> Chosen | None:
    """The elements ``...(cond ? items : [])`` (or ``...(cond ? [] : items)``) spreads when ``cond`` cannot be
    settled, each under the condition in words (as patterns.guards words a choice); None for any other spread."""
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    condition = node.child_by_field_name("condition") if node.type == "ternary_expression" else None
    if condition is None or module.value(condition, depth + 1) is not UNRESOLVED:
        return None
    branches = [module.value(node.child_by_field_name(f), depth + 1) for f in ("consequence", "alternative")]
    if not all(isinstance(b, list) for b in branches) or [] not in branches or branches == [[], []]:
        return None
    otherwise = branches[0] == []
    items = branches[1] if otherwise else branches[0]
    written = " ".join(text(condition).strip("() ").split())[:200]
    words = f"listed only when `{written}`" + (" is false" if otherwise else "")
    kept = Chosen(items, dict(getattr(items, "conditions", {})))
    kept.conditions.update((index, (words, node.start_byte, otherwise)) for index in range(len(items))
                           if index not in kept.conditions)
    return kept
