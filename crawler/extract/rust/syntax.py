"""Rust syntax: the grammar, the query files beside this module (compiled together, run once per file), and the
readings of attributes every Rust pattern shares."""

from pathlib import Path

from tree_sitter import Node, Query

from crawler.extract.treesitter import load_query, text

GRAMMAR = "rust"
_QUERIES = Path(__file__).parent / "queries"
SHAPES = ("tool_attribute", "declaration")
_BETWEEN = ("attribute_item", "line_comment", "block_comment")


def query() -> Query:
    return load_query(GRAMMAR, _QUERIES / "tools.scm", _QUERIES / "declarations.scm")


def attributed(attribute: Node) -> Node | None:
    """The item an attribute is written before: the next sibling that is not an attribute or a comment."""
    sibling = attribute.next_named_sibling
    while sibling is not None and sibling.type in _BETWEEN:
        sibling = sibling.next_named_sibling
    return sibling


def preceding(node: Node) -> tuple[list[Node], list[str]]:
    """The attributes and doc-comment lines written just before an item."""
    attributes, docs = [], []
    sibling = node.prev_named_sibling
    while sibling is not None and sibling.type in _BETWEEN:
        if sibling.type == "attribute_item":
            attributes.append(sibling)
        elif (doc := sibling.child_by_field_name("doc")) is not None:
            docs.insert(0, text(doc).strip())
        sibling = sibling.prev_named_sibling
    return attributes, docs


def attribute_name(item: Node) -> str:
    attribute = next((c for c in item.named_children if c.type == "attribute"), None)
    path = attribute.named_children[0] if attribute is not None and attribute.named_children else None
    return text(path).rsplit("::", 1)[-1] if path is not None else ""
