"""Tools a server declares and then leaves out of its list.

A server may keep definitions it never lists: `tools.filter((tool) => !tool.skillOnly)` drops every definition
marked `skillOnly: true` before the tools are registered (they serve another front end). The filter and the mark are
both in the code; reading them is what tells such a definition from a tool. Only a filter's negated property tests
count (`!t.flag`, alone or joined with `&&`) as dropping a tool for good.

A filter that keeps some tools by a literal test of a property and the others by an option
(`t => t.capability.startsWith("core") || config.capabilities?.includes(t.capability)`, the Playwright server's and
its forks' capabilities) lists a tool whose property passes no literal test only when the option asks for it: such a
tool stays, with the option as its condition (``filtered``).

Nor is a tool written in a test a server's: the callback of `describe(…)`, `it(…)` or `test(…)` (with their
`.each`/`.only`/`.skip` forms), or vitest's in-source tests under `if (import.meta.vitest)`, which a package ships
beside its code and which a build drops.
"""

from dataclasses import dataclass

from tree_sitter import Node

from crawler.extract.javascript.syntax import passed_to, string, text


def excluded_flags(predicates: list[Node]) -> set[str]:
    """The properties a negated `.filter(...)` test drops: `skillOnly` in `.filter(t => !t.skillOnly)`, given the
    filters' predicates (the `predicate` captures of queries/tools.scm)."""
    flags: set[str] = set()
    for predicate in predicates:
        parameter = _parameter(predicate)
        if parameter:
            flags |= _negated(predicate.child_by_field_name("body"), parameter)
    return flags


@dataclass(frozen=True)
class Capabilities:
    """A filter keeping a tool when its ``prop`` passes one of ``tests`` (`startsWith`, `endsWith` or `===` a
    literal), or else when the option ``words`` name says so (at ``position``, the filter's)."""

    prop: str
    tests: tuple[tuple[str, str], ...]
    words: str
    position: int

    def default(self, value: str) -> bool:
        return any(value.startswith(lit) if how == "startsWith" else value.endswith(lit) if how == "endsWith"
                   else value == lit for how, lit in self.tests)


def capability_filters(predicates: list[Node]) -> list[Capabilities]:
    """The filters among ``predicates`` (as ``excluded_flags`` takes them) that keep a tool by a literal test of a
    property or else by an option: `t => t.capability.startsWith("core") || config.capabilities?.includes(...)`."""
    found: list[Capabilities] = []
    for predicate in predicates:
        parameter, body = _parameter(predicate), _unwrapped(predicate.child_by_field_name("body"))
        if not parameter or body is None:
            continue
        terms, stack = [], [body]
        while stack:  # a loop, not recursion: a hostile file may chain thousands of terms
            term = _unwrapped(stack.pop())
            if term is not None and term.type == "binary_expression" and _operator(term) == "||":
                stack += [term.child_by_field_name("right"), term.child_by_field_name("left")]
            elif term is not None:
                terms.append(term)
        tests = [_literal_test(term, parameter) for term in terms]
        props = {test[0] for test in tests if test is not None}
        options = [" ".join(text(term).split()) for term, test in zip(terms, tests, strict=True) if test is None]
        if len(props) == 1 and options and len(options) < len(terms):
            literal = tuple((how, lit) for _, how, lit in (t for t in tests if t is not None))
            words = f"listed only when `{' || '.join(options)[:200]}`"
            found.append(Capabilities(props.pop(), literal, words, predicate.start_byte))
    return found


def _literal_test(term: Node, parameter: str) -> tuple[str, str, str] | None:
    """``(prop, how, literal)`` of `t.prop.startsWith("x")`, `t.prop.endsWith("x")` or `t.prop === "x"`."""
    if term.type == "call_expression":
        callee, args = term.child_by_field_name("function"), term.child_by_field_name("arguments")
        named = args.named_children if args is not None else []
        if callee is None or callee.type != "member_expression" or len(named) != 1 or named[0].type != "string":
            return None
        how, subject, literal = text(callee.child_by_field_name("property")), callee.child_by_field_name("object"), \
            named[0]
        if how not in ("startsWith", "endsWith"):
            return None
    elif term.type == "binary_expression" and _operator(term) in ("===", "=="):
        how, subject, literal = "===", term.child_by_field_name("left"), term.child_by_field_name("right")
        if literal is None or literal.type != "string":
            return None
    else:
        return None
    subject = _unwrapped(subject)
    if subject is None or subject.type != "member_expression":
        return None
    owner = subject.child_by_field_name("object")
    if owner is None or text(owner) != parameter:
        return None
    return text(subject.child_by_field_name("property")), how, string(literal)


def filtered(definition: Node, filters: list[Capabilities]) -> tuple[str, int, bool] | None:
    """The option a capability filter lists the tool ``definition`` under (in the words of patterns.guards), when
    its object or the object holding it sets the filtered property to a literal no test of the filter passes."""
    for holder in _holders(definition) if filters else []:
        for pair in holder.named_children:
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            if pair.type != "pair" or key is None or value is None or value.type != "string":
                continue
            for each in filters:
                if text(key).strip("'\"") == each.prop and not each.default(string(value)):
                    return each.words, each.position, False
    return None


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
    for holder in _holders(definition):
        for pair in holder.named_children:
            if pair.type != "pair":
                continue
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            if key is not None and text(key).strip("'\"") in flags and value is not None and value.type == "true":
                return True
    return False


def _operator(node: Node) -> str:
    operator = node.child_by_field_name("operator")
    return text(operator) if operator is not None else ""


def _holders(definition: Node) -> list[Node]:
    """A tool's object, and the object holding it under a key (`defineTool({capability, schema: {name, …}})`)."""
    holders = [definition]
    if definition.parent is not None and definition.parent.type == "pair" and definition.parent.parent is not None:
        holders.append(definition.parent.parent)
    return holders
