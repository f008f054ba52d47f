"""Tools a server declares and then leaves out of its list.

A server may keep definitions it never lists: `tools.filter((tool) => !tool.skillOnly)` drops every definition
marked `skillOnly: true` before the tools are registered (they serve another front end). The filter and the mark are
both in the code; reading them is what tells such a definition from a tool. Only a filter's negated property tests
count (`!t.flag`, alone or joined with `&&`): a filter on an option (`config.capabilities.includes(t.capability)`)
depends on how the server is started, and its tools stay.

Nor is a tool written in a test a server's: the callback of `describe(…)`, `it(…)` or `test(…)` (with their
`.each`/`.only`/`.skip` forms), or vitest's in-source tests under `if (import.meta.vitest)`, which a package ships
beside its code and which a build drops.
"""

from tree_sitter import Node

from crawler.extract.javascript.syntax import passed_to, text


def excluded_flags(predicates: list[Node]) -> set[str]:
    """The properties a negated `.filter(...)` test drops: `skillOnly` in `.filter(t => !t.skillOnly)`, given the
    filters' predicates (the `predicate` captures of queries/tools.scm)."""
    flags: set[str] = set()
    for predicate in predicates:
        parameter = _parameter(predicate)
        if parameter:
            flags |= _negated(predicate.child_by_field_name("body"), parameter)
    return flags


_TEST_CALLS = ("describe", "it", "test", "suite", "bench")


def in_test(node: Node) -> bool:
    """Whether ``node`` is in a test case's callback or in vitest's in-source test block."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "if_statement" and "import.meta.vitest" in text(parent.child_by_field_name("condition")):
            return True
        if (call := passed_to(child, parent)) is not None:
            callee = call.child_by_field_name("function")
            while callee is not None and callee.type in ("member_expression", "call_expression"):
                callee = callee.child_by_field_name("object" if callee.type == "member_expression" else "function")
            if callee is not None and callee.type == "identifier" and text(callee) in _TEST_CALLS:
                return True
        child, parent = parent, parent.parent
    return False


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
