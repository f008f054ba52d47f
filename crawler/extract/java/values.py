"""Java values read statically: literals (text blocks included), `static final` constants by name and by
`Class.NAME`, enums, and annotation arguments (`@A("x", b = 1)`), over the evaluator C#'s extractor shares
(c_family.py)."""

from typing import Any

from tree_sitter import Node

from crawler.extract.c_family import NOT_LITERAL, Constants, number, unescape
from crawler.extract.treesitter import text


def _text_block(raw: str) -> str:
    """A Java text block: incidental indentation and trailing spaces stripped, as the compiler does."""
    lines = raw[3:-3].split("\n")[1:]
    significant = [ln for ln in lines[:-1] if ln.strip()] + [lines[-1]]
    indent = min((len(ln) - len(ln.lstrip()) for ln in significant), default=0)
    return unescape("\n".join(ln[indent:].rstrip() for ln in lines).replace("\\\n", ""))


class Sources(Constants):
    """`static final` values and enums of every Java file, by simple name and by `Class.NAME`."""

    NAMES = ("identifier", "field_access")

    def __init__(self, declarations: list[Node]) -> None:
        """``declarations``: the field and enum declarations of every file (queries/declarations.scm)."""
        super().__init__()
        for node in declarations:
            if node.type == "field_declaration" and any(text(m) == "final" for m in modifiers(node)):
                owner = node.parent.parent if node.parent is not None else None
                for declarator in node.children_by_field_name("declarator"):
                    if (value := declarator.child_by_field_name("value")) is not None:
                        name = text(declarator.child_by_field_name("name"))
                        self.declare(text(owner.child_by_field_name("name")) if owner else "", name, value)
            elif node.type == "enum_declaration":
                body = node.child_by_field_name("body")
                members = [c for c in (body.named_children if body else []) if c.type == "enum_constant"]
                self.enums[text(node.child_by_field_name("name"))] = [
                    text(c.child_by_field_name("name")) for c in members
                ]

    def literal(self, node: Node, depth: int) -> Any:
        kind = node.type
        if kind == "string_literal":
            raw = text(node)
            return _text_block(raw) if raw.startswith('"""') else unescape(raw[1:-1])
        if kind in ("true", "false"):
            return kind == "true"
        if kind in ("decimal_integer_literal", "hex_integer_literal"):
            return number(text(node), "lL", True)
        if kind == "decimal_floating_point_literal":
            return number(text(node), "fFdD", False)
        if kind == "annotation":
            return self.arguments(node)
        if kind == "element_value_array_initializer":
            return [self.value(c, depth + 1) for c in node.named_children]
        return NOT_LITERAL

    def arguments(self, annotation: Node) -> dict[str, Any]:
        """`@A("x", b = 1)` as {"value": "x", "b": 1}."""
        listed = annotation.child_by_field_name("arguments")
        out: dict[str, Any] = {}
        for child in listed.named_children if listed is not None else []:
            if child.type == "element_value_pair":
                out[text(child.child_by_field_name("key"))] = self.value(child.child_by_field_name("value"))
            else:
                out["value"] = self.value(child)
        return out


def modifiers(node: Node) -> list[Node]:
    """The annotations and keywords before a declaration (`modifiers` is not a field in the grammar)."""
    holder = next((c for c in node.children if c.type == "modifiers"), None)
    return [c for c in holder.children] if holder is not None else []


def annotations_of(node: Node, sources: Sources) -> dict[str, dict[str, Any]]:
    found = {}
    for item in modifiers(node):
        if item.type in ("annotation", "marker_annotation"):
            name = text(item.child_by_field_name("name")).rsplit(".", 1)[-1]
            found[name] = sources.arguments(item) if item.type == "annotation" else {}
    return found
