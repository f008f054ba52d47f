"""Calls of the package's own description builders, run statement by statement: a function that gathers a text's
parts in a list under conditions and loops, then returns them joined.

    export function describe(spec) {
        const blocks = [spec.purpose.trim()];
        if (spec.when) blocks.push(`When: ${spec.when}`);
        for (const note of spec.notes ?? []) blocks.push(`- ${note}`);
        return blocks.join("\\n\\n");
    }

What a tools/list answer shows is what such a function returns for the literal spec the source hands it, so it is
read the way it runs: constants and `let`s, `if`/`else` on values that resolve, `for (const x of list)` over a
list that resolves, `list.push(...)`/`unshift(...)`, assignments to its own names, and the `return`. Anything else
(another statement, a test or a list that does not resolve, a call that changes something outside) leaves the
call UNRESOLVED: nothing is guessed. Parameters may be taken apart (`({ summary, examples = [] })`). The work one
call may do is capped (a loop over a long list, a deep nest of builders).
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, text
from crawler.extract.javascript.values.operators import truthy
from crawler.extract.javascript.values.params import parameter, parameter_name, parameters

MAX_STEPS = 2000  # statements one call may run, loops included
MAX_NESTING = 8
_DECLARATIONS = ("lexical_declaration", "variable_declaration")
_GROW = ("push", "unshift")


class _Unknown(Exception):
    """A statement the builder cannot run without guessing."""


def built_call(module: Evaluator, node: Node, depth: int) -> Any:
    """What a call of a local builder function (``node``) returns, or UNRESOLVED."""
    callee, args_node = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if callee is None or callee.type != "identifier" or args_node is None or len(module.scopes) >= MAX_NESTING:
        return UNRESOLVED
    found = module.function(text(callee))
    body = found[1].child_by_field_name("body") if found is not None else None
    if found is None or body is None or body.type != "statement_block":
        return UNRESOLVED
    owner, function = found
    args = [a for a in args_node.named_children if a.type != "comment"]
    scope: dict[str, Any] = {}
    try:
        for index, param in enumerate(parameters(function)):
            given = module.value(args[index], depth + 1) if index < len(args) else None
            _bind_parameter(owner, function, param, given, scope, depth)
        return _Run(owner, scope, depth).block(body)
    except _Unknown:
        return UNRESOLVED


def _bind_parameter(
    owner: Evaluator, function: Node, param: Node, given: Any, scope: dict[str, Any], depth: int
) -> None:
    name = parameter_name(param)
    if name is not None:
        default = (parameter(function, name) or (0, None))[1]
        scope[name] = owner.value(default, depth + 1) if given is None and default is not None else given
        return
    pattern = param.child_by_field_name("pattern") if param.type in ("required_parameter", "optional_parameter") \
        else param
    if pattern is None or pattern.type != "object_pattern" or not isinstance(given, dict):
        raise _Unknown
    for each in pattern.named_children:
        if each.type == "shorthand_property_identifier_pattern":
            scope[text(each)] = given.get(text(each))
        elif each.type == "object_assignment_pattern":
            left, right = each.child_by_field_name("left"), each.child_by_field_name("right")
            if left is None or left.type != "shorthand_property_identifier_pattern":
                raise _Unknown
            value = given.get(text(left))
            scope[text(left)] = owner.value(right, depth + 1) if value is None else value
        elif each.type != "comment":
            raise _Unknown


class _Run:
    """One call's run: its names in a scope of their own, pushed on the owner's while an expression is read."""

    def __init__(self, owner: Evaluator, scope: dict[str, Any], depth: int) -> None:
        self.owner, self.scope, self.depth, self.steps = owner, scope, depth, 0

    def value(self, node: Node | None) -> Any:
        self.owner.scopes.append(self.scope)
        try:
            found = self.owner.value(node, self.depth + 1)
        finally:
            self.owner.scopes.pop()
        if found is UNRESOLVED:
            raise _Unknown
        return found

    def block(self, node: Node) -> Any:
        """Runs the statements of ``node``; what a `return` among them gives, else None (no return met)."""
        returned = self._nested(node)
        return returned[0] if returned is not None else None

    def statement(self, node: Node) -> tuple[Any] | None:
        """Runs one statement: ``(value,)`` when it returns, else None."""
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _Unknown
        kind = node.type
        if kind == "comment" or kind == "empty_statement":
            return None
        if kind in _DECLARATIONS:
            for declarator in node.named_children:
                name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
                if declarator.type != "variable_declarator" or name is None or name.type != "identifier":
                    raise _Unknown
                self.scope[text(name)] = self.value(value) if value is not None else None
            return None
        if kind == "return_statement":
            return (self.value(node.named_children[0]) if node.named_children else None,)
        if kind == "if_statement":
            branch = node.child_by_field_name("consequence")
            if not truthy(self.value(node.child_by_field_name("condition"))):
                otherwise = node.child_by_field_name("alternative")
                branch = otherwise.named_children[0] if otherwise is not None and otherwise.named_children else None
            return self._nested(branch) if branch is not None else None
        if kind == "for_in_statement":
            return self._loop(node)
        if kind == "statement_block":
            return self._nested(node)
        if kind == "expression_statement" and node.named_children:
            self._effect(node.named_children[0])
            return None
        raise _Unknown

    def _nested(self, node: Node) -> tuple[Any] | None:
        statements = node.named_children if node.type == "statement_block" else [node]
        for statement in statements:
            returned = self.statement(statement)
            if returned is not None:
                return returned
        return None

    def _loop(self, node: Node) -> tuple[Any] | None:
        """`for (const x of list)`, the list resolved; the loop's name bound for each pass."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        body = node.child_by_field_name("body")
        if text(node.child_by_field_name("operator")) != "of" or left is None or left.type != "identifier":
            raise _Unknown
        items = self.value(right)
        if not isinstance(items, list) or body is None:
            raise _Unknown
        for item in items:
            self.scope[text(left)] = item
            returned = self._nested(body)
            if returned is not None:
                return returned
        return None

    def _effect(self, node: Node) -> None:
        """`list.push(a, ...more)`, `list.unshift(a)`, `name = value`, `name += text` on the call's own names."""
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            if left is None or left.type != "identifier" or text(left) not in self.scope:
                raise _Unknown
            value = self.value(node.child_by_field_name("right"))
            if node.type == "assignment_expression":
                self.scope[text(left)] = value
            elif text(node.child_by_field_name("operator")) == "+=" and isinstance(value, str) and isinstance(
                self.scope[text(left)], str
            ):
                self.scope[text(left)] += value
            else:
                raise _Unknown
            return
        callee = node.child_by_field_name("function") if node.type == "call_expression" else None
        target = callee.child_by_field_name("object") if callee is not None and callee.type == "member_expression" \
            else None
        method = text(callee.child_by_field_name("property")) if target is not None else ""
        if target is None or target.type != "identifier" or method not in _GROW:
            raise _Unknown
        grown = self.scope.get(text(target))
        if not isinstance(grown, list):
            raise _Unknown
        added: list[Any] = []
        for arg in node.child_by_field_name("arguments").named_children:
            if arg.type == "spread_element":
                spread = self.value(arg.named_children[0] if arg.named_children else None)
                if not isinstance(spread, list):
                    raise _Unknown
                added += spread
            elif arg.type != "comment":
                added.append(self.value(arg))
        grown[:] = grown + added if method == "push" else added + grown
