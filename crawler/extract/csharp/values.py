"""C# values read statically: literals (verbatim and raw strings, `nameof`), `const` values by name and by
`Class.Name`, enums, over the evaluator Java's extractor shares (c_family.py)."""

from typing import Any

from tree_sitter import Node

from crawler.extract.c_family import NOT_LITERAL, Constants, number, unescape
from crawler.extract.treesitter import text, walk


class Program(Constants):
    """`const` values and enums of every C# file, by simple and by `Class.Name`."""

    NAMES = ("identifier", "member_access_expression")

    def __init__(self, declarations: list[Node]) -> None:
        """``declarations``: the field and enum declarations of every file (queries/declarations.scm)."""
        super().__init__()
        for node in declarations:
            if node.type == "field_declaration" and any(text(m) == "const" for m in node.children):
                for declarator in (d for d in walk(node) if d.type == "variable_declarator"):
                    name = text(declarator.child_by_field_name("name"))
                    self.declare(_enclosing_type(node), name, declarator.named_children[-1])
            elif node.type == "enum_declaration":
                members = [m for m in walk(node) if m.type == "enum_member_declaration"]
                self.enums[text(node.child_by_field_name("name"))] = [
                    text(m.child_by_field_name("name")) for m in members
                ]

    def literal(self, node: Node, depth: int) -> Any:
        kind = node.type
        if kind == "string_literal":
            return "".join(unescape(text(c)) for c in node.named_children)
        if kind == "verbatim_string_literal":
            return text(node)[2:-1].replace('""', '"')
        if kind == "raw_string_literal":
            return _raw(text(node))
        if kind == "boolean_literal":
            return text(node) == "true"
        if kind in ("integer_literal", "real_literal"):
            return number(text(node), "uUlLfFdDmM" if kind == "real_literal" else "uUlL", kind == "integer_literal")
        if kind == "invocation_expression" and text(node.child_by_field_name("function")) == "nameof":
            return text(node.child_by_field_name("arguments")).strip("()").rsplit(".", 1)[-1]
        return NOT_LITERAL


def _raw(literal: str) -> str:
    """A C# 11 raw string: the quotes stripped, and on several lines the closing line's indentation too."""
    body = literal.strip('"')
    if "\n" not in body:
        return body
    lines = body.split("\n")[1:]
    indent = len(lines[-1]) - len(lines[-1].lstrip())
    return "\n".join(line_[indent:] for line_ in lines[:-1])


def _enclosing_type(node: Node) -> str:
    parent = node.parent
    while parent is not None and parent.type not in ("class_declaration", "struct_declaration", "record_declaration"):
        parent = parent.parent
    return text(parent.child_by_field_name("name")) if parent is not None else ""
