"""Tools a server declares and then leaves out of its list.

A server may keep definitions it never lists: `tools.filter((tool) => !tool.skillOnly)` drops every definition
marked `skillOnly: true` before the tools are registered (they serve another front end). The filter and the mark are
both in the code; reading them is what tells such a definition from a tool. Only a filter's negated property tests
count (`!t.flag`, alone or joined with `&&`): a filter on an option (`config.capabilities.includes(t.capability)`)
depends on how the server is started, and its tools stay.
"""

from tree_sitter import Node

from crawler.extract.javascript.syntax import text


def excluded_flags(predicates: list[Node]) -> set[str]:
    """The properties a negated `.filter(...)` test drops: `skillOnly` in `.filter(t => !t.skillOnly)`, given the
    filters' predicates (the `predicate` captures of queries/tools.scm)."""
    flags: set[str] = set()
    for predicate in predicates:
        parameter = _parameter(predicate)
        if parameter:
            flags |= _negated(predicate.child_by_field_name("body"), parameter)
    return flags


def _parameter(function: Node) -> str:
    """The arrow function's one plain parameter: `t` in `t => …`, `(t) => …`, `(t: Tool) => …`."""
    single = function.child_by_field_name("parameter")
    if single is not None:
        return text(single) if single.type == "identifier" else ""
    parameters = function.child_by_field_name("parameters")
    named = [p for p in (parameters.named_children if parameters is not None else []) if p.type != "comment"]
    if len(named) != 1:
        return ""
    first = named[0]
    if first.type == "required_parameter":  # TypeScript wraps the name with its type
        first = first.child_by_field_name("pattern") or first
    return text(first) if first.type == "identifier" else ""


def _unwrapped(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def _negated(body: Node | None, parameter: str) -> set[str]:
    """`!t.flag` terms of an expression joined with `&&` (each term must hold for a tool to stay); a loop, not
    recursion: a hostile file may chain thousands of terms."""
    flags: set[str] = set()
    stack = [body]
    while stack:
        term = _unwrapped(stack.pop())
        if term is None:
            continue
        if term.type == "binary_expression" and text(term.child_by_field_name("operator")) == "&&":
            stack += [term.child_by_field_name("left"), term.child_by_field_name("right")]
        elif term.type == "unary_expression" and text(term.child_by_field_name("operator")) == "!":
            member = _unwrapped(term.child_by_field_name("argument"))
            if member is not None and member.type == "member_expression":
                target, prop = member.child_by_field_name("object"), member.child_by_field_name("property")
                if target is not None and text(target) == parameter and prop is not None:
                    flags.add(text(prop))
    return flags


def marked(definition: Node, flags: set[str]) -> bool:
    """Whether a tool's object, or the object holding it (`defineTool({skillOnly: true, schema: {name, …}})`),
    sets one of ``flags`` to a literal `true`."""
    if not flags:
        return False
    holders = [definition]
    if definition.parent is not None and definition.parent.type == "pair" and definition.parent.parent is not None:
        holders.append(definition.parent.parent)
    for holder in holders:
        for pair in holder.named_children:
            if pair.type != "pair":
                continue
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            if key is not None and text(key).strip("'\"") in flags and value is not None and value.type == "true":
                return True
    return False
