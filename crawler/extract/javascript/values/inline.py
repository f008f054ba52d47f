"""Calls of the package's own small functions, evaluated: a function whose body only returns an expression, after
constants of its own and early returns (`if (PROJECT) return prefixed(text);`) at most.

    export function withNotice(description) { return `${description}\\n\\nNOTE: deprecated.`; }
    server.tool(tool.name, withNotice(tool.description), …);
    const toolName = (base) => { const prefix = process.env.TOOL_PREFIX; return prefix ? `${prefix}_${base}` : base; };

The arguments are bound to the parameters (a left-out one takes its default), the constants are read in order
under them (values.locals), and the returned expression is read in the function's own module. A function declared
in a block around the call (a helper local to the handler answering `tools/list`) is found there first. Anything
with other statements, or a function the source does not define (an import from a dependency, a method), stays
UNRESOLVED.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, text
from crawler.extract.javascript.values.locals import with_locals
from crawler.extract.javascript.values.operators import truthy
from crawler.extract.javascript.values.params import parameter, parameter_name, parameters

_CONSTANTS = ("lexical_declaration", "variable_declaration")

MAX_NESTING = 8


def inline_call(module: Evaluator, node: Node, depth: int) -> Any:
    """The value ``node`` (a call of a local function) returns, or UNRESOLVED."""
    callee, args_node = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if callee is None or callee.type != "identifier" or args_node is None or len(module.scopes) >= MAX_NESTING:
        return UNRESOLVED
    local = _declared_around(node, text(callee))
    found = (module, local) if local is not None else module.function(text(callee))
    if found is None:
        return UNRESOLVED
    owner, function = found
    returned = returned_by(function, early=True)
    if returned is None:
        return UNRESOLVED
    args = [a for a in args_node.named_children if a.type != "comment"]
    scope: dict[str, Any] = {}
    for index, param in enumerate(parameters(function)):
        name = parameter_name(param)
        if name is None:
            return UNRESOLVED  # a destructured parameter: not followed
        if index < len(args):
            scope[name] = module.value(args[index], depth + 1)
        else:
            default = (parameter(function, name) or (0, None))[1]
            scope[name] = owner.value(default, depth + 1) if default is not None else None
    body = function.child_by_field_name("body")
    if body is not None and body.type == "statement_block":
        scope = with_locals(owner, scope, body)
    owner.scopes.append(scope)
    try:
        for test, early in _early_returns(function):
            settled = owner.value(test, depth + 1)
            if settled is UNRESOLVED:
                return UNRESOLVED
            if truthy(settled):
                return owner.value(early, depth + 1)
        return owner.value(returned, depth + 1)
    finally:
        owner.scopes.pop()


def _declared_around(node: Node, name: str) -> Node | None:
    """The function ``name`` stands for where ``node`` calls it, when a block holding the call declares it before
    (`const toolName = (base) => …` inside the handler answering `tools/list`): it shadows the module's."""
    block = node.parent
    while block is not None and block.type != "program":
        if block.type == "statement_block":
            for statement in block.named_children:
                if statement.start_byte >= node.start_byte:
                    break
                if statement.type in _CONSTANTS:
                    for declarator in statement.named_children:
                        value = declarator.child_by_field_name("value")
                        if (text(declarator.child_by_field_name("name") or declarator) == name and value is not None
                                and value.type in ("arrow_function", "function_expression")):
                            return value
                elif statement.type == "function_declaration" and text(statement.child_by_field_name("name")
                                                                           or statement) == name:
                    return statement
        block = block.parent
    return None


def returned_by(function: Node, early: bool = False) -> Node | None:
    """The expression a function only returns: `(x) => expr`, or a body that is `return expr;` after constants (and,
    with ``early``, after early returns, which the caller settles first)."""
    body = function.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        return body
    statements = [s for s in body.named_children if s.type != "comment"]
    if not statements or not all(_named_constants(s) or (early and _early_return(s)) for s in statements[:-1]):
        return None
    if statements[-1].type == "return_statement" and statements[-1].named_children:
        return statements[-1].named_children[0]
    return None


def _early_returns(function: Node) -> list[tuple[Node, Node]]:
    """The tests and returned expressions of the `if (test) return expr;` before a function's last return."""
    body = function.child_by_field_name("body")
    statements = body.named_children if body is not None and body.type == "statement_block" else []
    return [found for s in statements if (found := _early_return(s)) is not None]


def _early_return(statement: Node) -> tuple[Node, Node] | None:
    """`if (PROJECT) { return `[${PROJECT}] ${text}`; }` (no `else`): its test and what it returns."""
    if statement.type != "if_statement" or statement.child_by_field_name("alternative") is not None:
        return None
    test, branch = statement.child_by_field_name("condition"), statement.child_by_field_name("consequence")
    if branch is not None and branch.type == "statement_block":
        inner = [s for s in branch.named_children if s.type != "comment"]
        branch = inner[0] if len(inner) == 1 else None
    if test is None or branch is None or branch.type != "return_statement" or not branch.named_children:
        return None
    return test, branch.named_children[0]


def _named_constants(statement: Node) -> bool:
    """`const prefix = ...;`: declarations of plain names only (a destructured one would leave its names unbound)."""
    return statement.type in _CONSTANTS and all(
        d.type != "variable_declarator" or (d.child_by_field_name("name") or d).type == "identifier"
        for d in statement.named_children
    )
