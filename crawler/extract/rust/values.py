"""Rust values read statically from tree-sitter trees: string literals (escapes, raw strings), booleans, and
`const`/`static` strings of the whole crate by name; and attribute arguments (`#[x(a = "s", flag)]`) read with
them. Anything else is None, never a guess."""

from typing import Any

from tree_sitter import Node

from crawler.extract.treesitter import text

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def rust_string(node: Node) -> str | None:
    if node.type == "raw_string_literal":
        return "".join(text(c) for c in node.named_children if c.type == "string_content")
    if node.type != "string_literal":
        return None
    parts = []
    for child in node.named_children:
        raw = text(child)
        if child.type != "escape_sequence":
            parts.append(raw)
        elif raw.startswith("\\u{"):
            parts.append(chr(int(raw[3:-1], 16)))
        elif raw.startswith("\\\n"):
            continue  # a line continuation swallows the newline and the indentation after it
        else:
            parts.append(_ESCAPES.get(raw[1:], raw))
    return "".join(parts)


class Crate:
    """Structs and string constants of every Rust file, by name: a derive's struct may live anywhere."""

    def __init__(self, declarations: list[Node]) -> None:
        """``declarations``: the struct, const and static items of every file (queries/declarations.scm)."""
        self.structs: dict[str, Node] = {}
        self.constants: dict[str, Node] = {}
        for node in declarations:
            if node.type == "struct_item" and (name := node.child_by_field_name("name")) is not None:
                self.structs.setdefault(text(name), node)
            elif node.type in ("const_item", "static_item") and (value := node.child_by_field_name("value")):
                self.constants.setdefault(text(node.child_by_field_name("name")), value)

    def value(self, node: Node | None) -> Any:
        if node is None:
            return None
        if node.type in ("string_literal", "raw_string_literal"):
            return rust_string(node)
        if node.type == "boolean_literal":
            return text(node) == "true"
        if node.type == "identifier" and text(node) in self.constants:
            return self.value(self.constants[text(node)])
        return None


def arguments(item: Node, crate: Crate) -> dict[str, Any]:
    """`#[x(a = "s", flag, nested(b = true))]` as {"a": "s", "flag": True, "nested": {"b": True}}."""
    attribute = next((c for c in item.named_children if c.type == "attribute"), None)
    tree = attribute.child_by_field_name("arguments") if attribute is not None else None
    return _token_tree(tree, crate) if tree is not None else {}


def _token_tree(tree: Node, crate: Crate, depth: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if depth > 8:  # attributes nest a level or two; deeper is hostile
        return out
    tokens = [c for c in tree.children if c.type not in ("(", ")", "[", "]", "{", "}")]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "identifier" or (not token.is_named and token.type.isidentifier()):  # `default` too
            key = text(token)
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is not None and following.type == "=" and i + 2 < len(tokens):
                out[key] = crate.value(tokens[i + 2])  # None when not a literal or a known constant
                i += 3
                continue
            if following is not None and following.type == "token_tree":
                out[key] = _token_tree(following, crate, depth + 1)
                i += 2
                continue
            out[key] = True
        i += 1
    return out
