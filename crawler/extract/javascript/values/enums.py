"""TypeScript enums, as written and as compilers emit them: tool names are often an enum's members.

`enum Tools { Search = "search_items" }` in source becomes, in the JavaScript npm packages ship, tsc's
`(function (Tools) { Tools["Search"] = "search_items"; })(Tools || (Tools = {}));` or esbuild's
`var Tools = ((Tools2) => { Tools2["Search"] = "search_items"; return Tools2; })(Tools || {});`. Each is read as
the object of its members, so `Tools.Search` resolves like any constant. A numeric member counts up from the
previous one, as the compiler numbers it; a member whose value cannot be read is left out, never guessed.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import FUNCTIONS, Evaluator, text


def declared(node: Node) -> tuple[str, Node] | None:
    """The enum a top-level statement declares: (its name, the node `members` reads)."""
    if node.type == "enum_declaration" and (name := node.child_by_field_name("name")) is not None:
        return text(name), node
    if node.type == "expression_statement" and node.named_children:
        call = node.named_children[0]
        if call.type == "call_expression" and (name := _compiled(call)):
            return name, call
    return None


def _compiled(call: Node) -> str:
    """The enum's name when ``call`` is a compiler's enum function applied to `Name || (Name = {})`."""
    function, parameter = _function(call)
    if function is None:
        return ""
    args = call.child_by_field_name("arguments")
    first = args.named_children[0] if args is not None and args.named_children else None
    if first is None or first.type != "binary_expression":
        return ""
    left = first.child_by_field_name("left")
    if left is None or left.type != "identifier" or text(first.child_by_field_name("operator")) != "||":
        return ""
    return text(left) if _assignments(function, parameter) else ""


def _function(call: Node) -> tuple[Node | None, str]:
    """The function a call applies and its one parameter's name."""
    callee = call.child_by_field_name("function")
    while callee is not None and callee.type == "parenthesized_expression" and callee.named_children:
        callee = callee.named_children[0]
    if callee is None or callee.type not in FUNCTIONS:
        return None, ""
    single = callee.child_by_field_name("parameter")
    if single is not None:
        return (callee, text(single)) if single.type == "identifier" else (None, "")
    parameters = callee.child_by_field_name("parameters")
    named = parameters.named_children if parameters is not None else []
    if len(named) != 1:
        return None, ""
    first = named[0].child_by_field_name("pattern") if named[0].type == "required_parameter" else named[0]
    return (callee, text(first)) if first is not None and first.type == "identifier" else (None, "")


def _assignments(function: Node, parameter: str) -> list[tuple[Node, Node]]:
    """`P["Key"] = value` statements of the function's body: (key node, value node), in order."""
    body = function.child_by_field_name("body")
    found: list[tuple[Node, Node]] = []
    for statement in body.named_children if body is not None and body.type == "statement_block" else []:
        if statement.type != "expression_statement" or not statement.named_children:
            continue
        assignment = statement.named_children[0]
        if assignment.type != "assignment_expression":
            continue
        left, right = assignment.child_by_field_name("left"), assignment.child_by_field_name("right")
        if left is None or right is None or left.type != "subscript_expression":
            continue
        target, index = left.child_by_field_name("object"), left.child_by_field_name("index")
        if target is None or text(target) != parameter or index is None:
            continue
        if index.type == "assignment_expression":  # numeric members: P[P["Key"] = 0] = "Key"
            inner = index.child_by_field_name("left")
            key = inner.child_by_field_name("index") if inner is not None else None
            if key is not None and (value := index.child_by_field_name("right")) is not None:
                found.append((key, value))
        else:
            found.append((index, right))
    return found


def members(module: Evaluator, node: Node, depth: int) -> dict[str, Any] | None:
    """The members of the enum ``node`` declares, or None when ``node`` is no enum."""
    if node.type == "enum_declaration":
        body = node.child_by_field_name("body")
        pairs = []
        for member in body.named_children if body is not None else []:
            if member.type == "enum_assignment":
                pairs.append((member.child_by_field_name("name"), member.child_by_field_name("value")))
            elif member.type == "property_identifier":
                pairs.append((member, None))
        return _numbered(module, pairs, depth)
    if node.type == "call_expression" and _compiled(node):
        function, parameter = _function(node)
        return _numbered(module, _assignments(function, parameter), depth) if function is not None else None
    return None


def _numbered(module: Evaluator, pairs: list[tuple[Node | None, Node | None]], depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    last: Any = -1
    for key_node, value_node in pairs:
        key = (
            module.value(key_node, depth + 1) if key_node is not None and key_node.type == "string" else text(key_node)
        )
        if value_node is not None:
            value = module.value(value_node, depth + 1)
        else:  # no initializer: one more than the member before, as the compiler numbers it
            value = last + 1 if isinstance(last, int) else None
        last = value
        if key and isinstance(value, str | int | float):
            out[key] = value
    return out
