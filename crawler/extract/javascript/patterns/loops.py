"""Tools registered in a loop over a list written in the source, read once per element:

    const REPORTS = [{ id: "sales", description: "Sales by month." }, …];
    for (const { id, description } of REPORTS) server.registerTool(`report_${id}`, { description, … }, run);
    REPORTS.forEach((report) => server.tool(`report_${report.id}`, report.description, {}, run));

`for (… of LIST)`, `LIST.forEach(fn)`, `LIST.map(fn)` and `LIST.flatMap(fn)` are unrolled when LIST resolves to a
literal list (a module's constant, or one the enclosing function declares before the loop): the loop variable is
bound to each element (destructuring and defaults included) and the body is read as if written out. A list that
cannot be resolved is not unrolled, so nothing is guessed. An element spread into the list under a choice
(`[...pageTools, ...(options.vision ? visionTools : [])]`) is registered under that choice's condition.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import FUNCTIONS, UNRESOLVED, Chosen, Evaluator, text
from crawler.extract.javascript.values.locals import with_locals

Pass = tuple[dict[str, Any], Node, tuple[str, int, bool] | None]  # names bound, body, condition (patterns.guards)
MAX_ITEMS = 2000  # a table generated from an API runs to a thousand operations
CALLBACK_LOOPS = ("forEach", "map", "flatMap")


def unrolled(module: Evaluator, node: Node) -> tuple[Node, list[Pass]] | None:
    """For a loop over a literal list: the list's node (still to be read as it stands), and each element's
    loop-variable values with the body to read under them and the condition the element is listed under, if any
    (an element spread under a choice, syntax.Chosen)."""
    if node.type == "for_in_statement" and text(node.child_by_field_name("operator")) == "of":
        pattern, source, body = (node.child_by_field_name(f) for f in ("left", "right", "body"))
    elif node.type == "call_expression":
        callee, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        if callee is None or callee.type != "member_expression" or args is None or not args.named_children:
            return None
        if text(callee.child_by_field_name("property")) not in CALLBACK_LOOPS:
            return None
        function = args.named_children[0]
        if function.type not in FUNCTIONS:
            return None
        source, body = callee.child_by_field_name("object"), function.child_by_field_name("body")
        pattern = function.child_by_field_name("parameter")
        if pattern is None and (params := function.child_by_field_name("parameters")) is not None:
            pattern = params.named_children[0] if params.named_children else None
    else:
        return None
    if pattern is None or source is None or body is None:
        return None
    if pattern.type in ("lexical_declaration", "variable_declaration"):  # `for (const x of …)` in some grammars
        declarator = pattern.named_children[0] if pattern.named_children else None
        pattern = declarator.child_by_field_name("name") if declarator is not None else None
    items = module.value(source)
    if items is UNRESOLVED and source.type == "identifier":  # `const categories = [...]` in the same function
        items = _declared_before(module, node, text(source))
    if not isinstance(items, list) or not items or len(items) > MAX_ITEMS or UNRESOLVED in items:
        return None
    conditions = items.conditions if isinstance(items, Chosen) else {}
    return source, [
        (with_locals(module, bind(module, pattern, item), body), body, conditions.get(index))
        for index, item in enumerate(items)
    ]


def _declared_before(module: Evaluator, node: Node, name: str) -> Any:
    """The value of the constant ``name`` a block holding ``node`` declares before it (a function's own list)."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "statement_block":
            for statement in reversed([s for s in parent.named_children if s.end_byte <= child.start_byte]):
                if statement.type == "lexical_declaration" and text(statement).startswith("const"):
                    for declarator in statement.named_children:
                        if text(declarator.child_by_field_name("name")) == name:
                            return module.value(declarator.child_by_field_name("value"))
        child, parent = parent, parent.parent
    return UNRESOLVED


def bind(module: Evaluator, pattern: Node | None, value: Any) -> dict[str, Any]:
    """The names a (destructuring) pattern gives to ``value``; a missing field takes its default, if written."""
    if pattern is None:
        return {}
    if pattern.type == "identifier":
        return {text(pattern): value}
    if pattern.type == "assignment_pattern":  # `(x = default) =>`
        left, right = pattern.child_by_field_name("left"), pattern.child_by_field_name("right")
        return bind(module, left, module.value(right) if value is None else value)
    names: dict[str, Any] = {}
    if pattern.type == "object_pattern":
        fields = value if isinstance(value, dict) else {}
        for entry in pattern.named_children:
            if entry.type == "shorthand_property_identifier_pattern":
                names[text(entry)] = fields.get(text(entry), None if isinstance(value, dict) else UNRESOLVED)
            elif entry.type == "pair_pattern":
                key = text(entry.child_by_field_name("key")).strip("'\"")
                names.update(bind(module, entry.child_by_field_name("value"), fields.get(key, UNRESOLVED)))
            elif entry.type == "object_assignment_pattern":
                left = text(entry.child_by_field_name("left"))
                given = fields.get(left)
                names[left] = module.value(entry.child_by_field_name("right")) if given is None else given
    elif pattern.type == "array_pattern":
        elements = value if isinstance(value, list) else []
        for index, entry in enumerate(pattern.named_children):
            names.update(bind(module, entry, elements[index] if index < len(elements) else UNRESOLVED))
    return names
