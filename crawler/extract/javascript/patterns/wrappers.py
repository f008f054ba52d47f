"""Registration helpers that other files call, the tool's name and text left to their arguments:

    // register-tool.js
    export function registerDatabaseTool(server, name, config, handler) {
        server.registerTool(name, {...config, inputSchema: {...config.inputSchema, ...CALLER_FIELDS}}, wrap(handler));
    }
    // list-indexes.js
    registerDatabaseTool(server, "list-indexes", {description: "List the indexes", inputSchema: {}}, list);

Each call of such a helper (found through the file's imports, or exported from its own) registers one tool: the
helper's registration read with its parameters bound to the call's arguments, evaluated where the call is. A
helper only counts when its registration says nothing without them (a helper whose tool is fixed is read where it
is written), and one level deep: a helper calling a helper is not followed. (A helper only called in its own file
is values.params' case.)
"""

from collections.abc import Callable
from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import Evaluator, PerModule, text
from crawler.extract.javascript.values.locals import with_locals
from crawler.extract.javascript.values.params import FUNCTIONS, exported, parameter, parameter_name, parameters


def registrations(
    module: Evaluator, call: Node, registers: Callable[[Node], bool]
) -> list[tuple[Evaluator, Node, dict[str, Any]]]:
    """For a call of a registration helper: (the helper's module, its registration, the parameters this call binds)."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "identifier":
        return []
    found = module.function(text(callee))
    if found is None:
        return []
    owner, function = found
    if owner is module and not exported(function):
        return []  # called in its own file only: values.params reads it
    inner = _registrations(owner, function, registers)
    if not inner:
        return []
    args_node = call.child_by_field_name("arguments")
    args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
    scope: dict[str, Any] = {}
    for index, param in enumerate(parameters(function)):
        name = parameter_name(param)
        if name is None:
            continue
        if index < len(args):
            scope[name] = module.value(args[index])
        else:
            default = (parameter(function, name) or (0, None))[1]
            scope[name] = owner.value(default) if default is not None else None
    body = function.child_by_field_name("body")
    bound = with_locals(owner, scope, body) if body is not None else scope
    return [(owner, node, bound) for node in inner]


def _registrations(owner: Evaluator, function: Node, registers: Callable[[Node], bool]) -> list[Node]:
    """The registrations directly in ``function``'s body (not in a nested function) whose tool name is one of its
    parameters: what makes it a helper. Asked once per function (a bundle calls its helpers thousands of times)."""
    helpers = _helpers(owner)
    if function.start_byte not in helpers:
        helpers[function.start_byte] = _registered_by(function, registers)
    return helpers[function.start_byte]


_helpers = PerModule(lambda module: dict[int, list[Node]]())  # a function's registrations by its start byte


def _registered_by(function: Node, registers: Callable[[Node], bool]) -> list[Node]:
    names = {parameter_name(p) for p in parameters(function)} - {None}
    body = function.child_by_field_name("body")
    found, stack = [], [body] if body is not None else []
    while stack:
        node = stack.pop()
        if node.type == "call_expression" and registers(node):
            args = node.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            if first is not None and first.type == "identifier" and text(first) in names:
                found.append(node)
            continue
        stack.extend(c for c in node.named_children if c.type not in FUNCTIONS)
    return found
