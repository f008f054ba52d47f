"""JavaScript literals that hold other values: template strings, arrays (with spreads), objects (with computed keys
and spreads), numbers, and a list joined into one text (`["line one", "line two"].join("\\n")`, how descriptions
are often written). Each part is evaluated by the module (values.module); one that does not resolve leaves the
text UNRESOLVED, an array's element UNRESOLVED, and an object Partial.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Chosen, Evaluator, Partial, escape, template_text, text
from crawler.extract.javascript.values.operators import chosen_spread


def template_value(module: Evaluator, node: Node, depth: int) -> Any:
    """A template literal whose every substitution resolves to a string or a number."""
    parts = []
    for child in node.named_children:
        if child.type == "string_fragment":
            parts.append(template_text(text(child)))
        elif child.type == "escape_sequence":
            parts.append(escape(child))
        elif child.type == "template_substitution":
            inner = module.value(child.named_children[0] if child.named_children else None, depth + 1)
            if not isinstance(inner, str | int | float):
                return UNRESOLVED
            parts.append(str(inner))
    return "".join(parts)


def number_value(node: Node) -> Any:
    raw = text(node).replace("_", "")
    try:
        return int(raw, 0) if raw.isdigit() or raw.startswith(("0x", "0o", "0b")) else float(raw)
    except ValueError:
        return UNRESOLVED


def joined(module: Evaluator, node: Node, depth: int) -> Any:
    """`["line one", "line two"].join("\\n")`: descriptions are often written this way."""
    callee = node.child_by_field_name("function")
    if (
        callee is None
        or callee.type != "member_expression"
        or text(callee.child_by_field_name("property") or callee) != "join"
    ):
        return UNRESOLVED
    parts = module.value(callee.child_by_field_name("object"), depth + 1)
    args = node.child_by_field_name("arguments")
    sep = module.value(args.named_children[0], depth + 1) if args is not None and args.named_children else ","
    if isinstance(parts, list) and all(isinstance(p, str) for p in parts) and isinstance(sep, str):
        return sep.join(parts)
    return UNRESOLVED


def array_value(module: Evaluator, node: Node, depth: int) -> list[Any]:
    """A list literal; `...list` spreads a list that resolves (or one under a choice:
    values.operators.chosen_spread), else stands as one unresolved element."""
    out: list[Any] = []
    conditions: dict[int, tuple[str, int, bool]] = {}
    for child in node.named_children:
        if child.type == "spread_element":
            spread = module.value(child.named_children[0] if child.named_children else None, depth + 1)
            if spread is UNRESOLVED and child.named_children:
                spread = chosen_spread(module, child.named_children[0], depth) or spread
            if isinstance(spread, Chosen):
                conditions.update((len(out) + index, said) for index, said in spread.conditions.items())
            out += spread if isinstance(spread, list) else [UNRESOLVED]
        elif child.type != "comment":
            out.append(module.value(child, depth + 1))
    return Chosen(out, conditions) if conditions else out


def object_value(module: Evaluator, node: Node, depth: int) -> Any:
    """An object literal; Partial where a computed key or a spread does not resolve (a key it lacks may be there)."""
    out: dict[str, Any] = {}
    partial = False
    for child in node.named_children:
        if child.type == "pair":
            key_node = child.child_by_field_name("key")
            if key_node is None:
                continue
            if key_node.type == "property_identifier":
                key = text(key_node)
            elif key_node.type == "computed_property_name":
                key = module.value(key_node.named_children[0] if key_node.named_children else None, depth + 1)
            else:
                key = module.value(key_node, depth + 1)
            if isinstance(key, str | int):
                out[str(key)] = module.value(child.child_by_field_name("value"), depth + 1)
            else:
                partial = True
        elif child.type == "shorthand_property_identifier":
            out[text(child)] = module.lookup(text(child), depth)
        elif child.type == "spread_element":
            spread = module.value(child.named_children[0] if child.named_children else None, depth + 1)
            if isinstance(spread, dict):
                out.update(spread)
            partial = partial or not isinstance(spread, dict) or isinstance(spread, Partial)
    return Partial(out) if partial else out
