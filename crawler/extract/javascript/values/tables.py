"""Tables of tool definitions read the way the server walks them: `Object.entries(TOOLS)`, `Object.keys(TOOLS)`,
`Object.values(TOOLS)`, one entry `TOOLS[name]`, and lists joined with `.flat()` or `.concat(...)`, mapped with a
function that returns an expression (`.map(([id, doc]) => `- ${id}: ${doc.summary}`)`, how a description lists
topics or hints before a `.join("\\n")`) or filtered (`.filter(Boolean)`, `.filter((b) => b.length > 0)`), and
a text's `.trim()`.

    const TOOLS = { add_note: { description: "Add a note.", schema: {...} }, ... };
    for (const [name, def] of Object.entries(TOOLS)) server.tool(name, def.description, def.schema, run);

An object keyed by tool name is as common a table as a list: walked with `Object.*`, its entries are the tools
(patterns.loops unrolls the loop once per entry). A table, or a key, that does not resolve stays UNRESOLVED.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import FUNCTIONS, UNRESOLVED, Evaluator, text
from crawler.extract.javascript.values.inline import returned_by
from crawler.extract.javascript.values.operators import truthy

_WALKS = {
    "Object.entries": lambda table: [[key, value] for key, value in table.items()],
    "Object.keys": lambda table: list(table),
    "Object.values": lambda table: list(table.values()),
}
_LONGEST = max(map(len, _WALKS))  # ASCII: as many bytes as characters
# a text's own methods, without arguments: how a builder tidies what it is given
TEXT_METHODS = {"trim": str.strip, "trimStart": str.lstrip, "trimEnd": str.rstrip}


def walked(module: Evaluator, node: Node, depth: int) -> Any:
    """`Object.entries(table)` and its kin, `lists.flat()`, `list.concat(more)` as lists; None for another call (left
    to the other readers)."""
    callee, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if callee is None or args is None:
        return None
    method = text(callee.child_by_field_name("property")) if callee.type == "member_expression" else ""
    if method in ("flat", "concat"):
        return _joined(module, callee, [a for a in args.named_children if a.type != "comment"], depth)
    if method in TEXT_METHODS:
        base = module.value(callee.child_by_field_name("object"), depth + 1)
        return TEXT_METHODS[method](base) if isinstance(base, str) and not args.named_children else None
    if method in ("map", "filter"):
        return _mapped(module, callee, method, [a for a in args.named_children if a.type != "comment"], depth)
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


def _mapped(module: Evaluator, callee: Node, method: str, given: list[Node], depth: int) -> Any:
    """`list.map(fn)`, each element bound to the function's parameter (a name, or `[a, b]`/`{a, b}` taken apart)
    and its returned expression read; `list.filter(Boolean)`. None when the object is not a list."""
    base = module.value(callee.child_by_field_name("object"), depth + 1)
    if not isinstance(base, list):
        return None
    if method == "filter" and len(given) == 1 and text(given[0]) == "Boolean":
        return UNRESOLVED if any(item is UNRESOLVED for item in base) else [item for item in base if truthy(item)]
    function = given[0] if len(given) == 1 and given[0].type in FUNCTIONS else None
    body = returned_by(function) if function is not None else None
    if function is None or body is None:
        return UNRESOLVED
    formal = function.child_by_field_name("parameter") or function.child_by_field_name("parameters")
    patterns = [formal] if formal is not None and formal.type == "identifier" else \
        [p for p in (formal.named_children if formal is not None else []) if p.type != "comment"]
    out = []
    for item in base:
        scope = _bound(patterns[0], item) if patterns else {}
        if scope is None:
            return UNRESOLVED
        module.scopes.append(scope)
        try:
            result = module.value(body, depth + 1)
        finally:
            module.scopes.pop()
        if method == "filter" and result is UNRESOLVED:
            return UNRESOLVED
        if method == "map" or truthy(result):
            out.append(result if method == "map" else item)
    return out


def _bound(pattern: Node, item: Any) -> dict[str, Any] | None:
    """The names a parameter binds to one element: `x`, `[key, value]`, `{name, summary}`; None for any other."""
    if pattern.type == "identifier":
        return {text(pattern): item}
    names = [p for p in pattern.named_children if p.type != "comment"]
    if pattern.type == "array_pattern" and isinstance(item, list) and all(p.type == "identifier" for p in names):
        return {text(p): item[i] if i < len(item) else None for i, p in enumerate(names)}
    if pattern.type == "object_pattern" and isinstance(item, dict) and all(
        p.type == "shorthand_property_identifier_pattern" for p in names
    ):
        return {text(p): item.get(text(p)) for p in names}
    return None
