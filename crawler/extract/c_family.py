"""Constants of C-family sources (C#, Java) and the small evaluator over them both extractors use.

A constant is known by its simple name and by `Class.NAME`; enums by their type name. `value()` resolves
literals (each language reads its own through `literal()`), names of constants, `+` of strings and parentheses;
anything else is None, so nothing is ever guessed.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.treesitter import text

NOT_LITERAL = object()
MAX_DEPTH = 20


class Constants:
    NAMES: tuple[str, ...] = ("identifier",)  # the node kinds that name a constant (`X`, `Class.X`)

    def __init__(self) -> None:
        self.constants: dict[str, Node] = {}
        self.enums: dict[str, list[str]] = {}

    def declare(self, owner: str, name: str, value: Node) -> None:
        self.constants.setdefault(name, value)
        self.constants.setdefault(f"{owner}.{name}", value)

    def literal(self, node: Node, depth: int) -> Any:
        """The language's own literal syntax; NOT_LITERAL for anything else."""
        return NOT_LITERAL

    def value(self, node: Node | None, depth: int = 0) -> Any:
        if node is None or depth > MAX_DEPTH:
            return None
        found = self.literal(node, depth)
        if found is not NOT_LITERAL:
            return found
        kind = node.type
        if kind in self.NAMES:
            name = text(node)
            target = self.constants.get(name) or self.constants.get(".".join(name.split(".")[-2:]))
            return self.value(target, depth + 1) if target is not None else None
        if kind == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
            left = self.value(node.child_by_field_name("left"), depth + 1)
            right = self.value(node.child_by_field_name("right"), depth + 1)
            return left + str(right) if isinstance(left, str) and isinstance(right, str | int) else None
        if kind == "parenthesized_expression":
            return self.value(node.named_children[0] if node.named_children else None, depth + 1)
        return None


def number(raw: str, suffixes: str, integer: bool) -> int | float | None:
    """A numeric literal without its type suffix (`10L`, `1.5f`) and digit separators."""
    cleaned = raw.rstrip(suffixes).replace("_", "")
    try:
        return int(cleaned, 0) if integer else float(cleaned)
    except ValueError:
        return None


def unescape(body: str) -> str:
    """Backslash escapes (`\\n`, `\\"`, `\\u00e9`) as the compiler reads them."""
    if "\\" not in body:
        return body
    try:
        return body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return body
