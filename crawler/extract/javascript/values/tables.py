"""Tables of tool definitions read the way the server walks them: `Object.entries(TOOLS)`, `Object.keys(TOOLS)`,
`Object.values(TOOLS)`, one entry `TOOLS[name]`, and lists joined with `.flat()` or `.concat(...)`.

    const TOOLS = { add_note: { description: "Add a note.", schema: {...} }, ... };
    for (const [name, def] of Object.entries(TOOLS)) server.tool(name, def.description, def.schema, run);

An object keyed by tool name is as common a table as a list: walked with `Object.*`, its entries are the tools
(patterns.loops unrolls the loop once per entry). A table, or a key, that does not resolve stays UNRESOLVED.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, text

_WALKS = {
    "Object.entries": lambda table: [[key, value] for key, value in table.items()],
    "Object.keys": lambda table: list(table),
    "Object.values": lambda table: list(table.values()),
}
_LONGEST = max(map(len, _WALKS))  # ASCII: as many bytes as characters


def walked(module: Evaluator, node: Node, depth: int) -> Any:
    """`Object.entries(table)` and its kin, `lists.flat()`, `list.concat(more)` as lists; None for another call (left
    to the other readers)."""
    callee, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if callee is None or args is None:
        return None
    if callee.type == "member_expression" and text(callee.child_by_field_name("property")) in ("flat", "concat"):
        return _joined(module, callee, [a for a in args.named_children if a.type != "comment"], depth)
    # every call's value is asked for here first: a long callee (a zod chain) is not decoded to be told apart
    walk = _WALKS.get(text(callee)) if callee.end_byte - callee.start_byte <= _LONGEST else None
    if walk is None:
        return None
    given = [a for a in args.named_children if a.type != "comment"]
    table = module.value(given[0], depth + 1) if len(given) == 1 else UNRESOLVED
    return walk(table) if isinstance(table, dict) else UNRESOLVED


def entry(module: Evaluator, node: Node, depth: int) -> Any:
    """`table[key]`: the entry, when both the table and the key resolve."""
    table = module.value(node.child_by_field_name("object"), depth + 1)
    key = module.value(node.child_by_field_name("index"), depth + 1)
    if isinstance(table, dict) and isinstance(key, str):
        return table.get(key, UNRESOLVED)
    if isinstance(table, list) and isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(table):
        return table[key]
    return UNRESOLVED


def _joined(module: Evaluator, callee: Node, given: list[Node], depth: int) -> Any:
    """`lists.flat()` (one level, as without an argument) and `list.concat(a, b)`, when every list resolves; None
    when the object is not a list (a string's `concat`, another library's `flat`)."""
    base = module.value(callee.child_by_field_name("object"), depth + 1)
    if not isinstance(base, list):
        return None
    if text(callee.child_by_field_name("property")) == "flat":
        if given or not all(isinstance(item, list) for item in base):
            return UNRESOLVED
        return [entry for item in base for entry in item]
    joined = list(base)
    for each in given:
        more = module.value(each, depth + 1)
        if isinstance(more, list):
            joined += more
        elif more is UNRESOLVED or isinstance(more, dict):
            return UNRESOLVED
        else:
            joined.append(more)
    return joined
