"""Calls of the package's own small functions, evaluated: a function whose body only returns an expression, after
constants of its own at most.

    export function withNotice(description) { return `${description}\\n\\nNOTE: deprecated.`; }
    server.tool(tool.name, withNotice(tool.description), …);
    const toolName = (base) => { const prefix = process.env.TOOL_PREFIX; return prefix ? `${prefix}_${base}` : base; };

The arguments are bound to the parameters (a left-out one takes its default), the constants are read in order
under them (values.locals), and the returned expression is read in the function's own module. Anything with other
statements, or a function the source does not define (an import from a dependency, a method), stays UNRESOLVED.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, text
from crawler.extract.javascript.values.locals import with_locals
from crawler.extract.javascript.values.params import parameter, parameter_name, parameters

_CONSTANTS = ("lexical_declaration", "variable_declaration")

MAX_NESTING = 8


def inline_call(module: Evaluator, node: Node, depth: int) -> Any:
    """The value ``node`` (a call of a local function) returns, or UNRESOLVED."""
    callee, args_node = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if callee is None or callee.type != "identifier" or args_node is None or len(module.scopes) >= MAX_NESTING:
        return UNRESOLVED
    found = module.function(text(callee))
    if found is None:
        return UNRESOLVED
    owner, function = found
    returned = returned_by(function)
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
        return owner.value(returned, depth + 1)
    finally:
        owner.scopes.pop()


def returned_by(function: Node) -> Node | None:
    """The expression a function only returns: `(x) => expr`, or a body that is `return expr;` after constants."""
    body = function.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        return body
    statements = [s for s in body.named_children if s.type != "comment"]
    if not statements or not all(_named_constants(s) for s in statements[:-1]):
        return None
    if statements[-1].type == "return_statement" and statements[-1].named_children:
        return statements[-1].named_children[0]
    return None


def _named_constants(statement: Node) -> bool:
    """`const prefix = ...;`: declarations of plain names only (a destructured one would leave its names unbound)."""
    return statement.type in _CONSTANTS and all(
        d.type != "variable_declarator" or (d.child_by_field_name("name") or d).type == "identifier"
        for d in statement.named_children
    )
