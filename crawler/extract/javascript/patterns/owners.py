"""Tool objects that register themselves: the name and description are the object's, handed back to its own method
by the loop that registers the list (Chakra UI's MCP server and the component libraries' servers made from it):

    const listComponents = {
        name: "list_components",
        description: "List the components.",
        exec(server, { name, description, config }) {
            server.registerTool(name, { description }, async () => …);
        },
    };
    const tools = [listComponents, getComponent];
    tools.map((tool) => tool.exec(server, { name: tool.name, description: tool.description, config }));

The method's registration is read with the parameters it destructures bound to the object's keys of the same name
(any other stays unresolved): one tool per object, found where its registration is.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.patterns.factories import object_keys
from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, text
from crawler.extract.javascript.values.locals import with_locals
from crawler.extract.javascript.values.params import FUNCTIONS, parameters

_METHODS = (*FUNCTIONS, "method_definition")


def owner_scope(module: Evaluator, node: Node) -> tuple[Node, dict[str, Any]] | None:
    """For a registration in a method of an object with a `name` key: (that object, the names the method's
    destructured parameters bind, read from the object); None elsewhere."""
    function = node.parent
    while function is not None and function.type not in _METHODS:
        function = function.parent
    holder = function.parent if function is not None else None
    if holder is not None and holder.type == "pair":
        holder = holder.parent
    if function is None or holder is None or holder.type != "object":
        return None
    keys = object_keys(holder)
    if "name" not in keys:
        return None
    scope: dict[str, Any] = {}
    for param in parameters(function):
        pattern = param.child_by_field_name("pattern") if param.type.endswith("_parameter") else param
        for entry in pattern.named_children if pattern is not None and pattern.type == "object_pattern" else []:
            if entry.type == "shorthand_property_identifier_pattern":
                key = local = text(entry)
            elif entry.type == "pair_pattern" and (bound := entry.child_by_field_name("value")) is not None:
                key, local = text(entry.child_by_field_name("key")), text(bound)
            else:
                continue
            scope[local] = module.value(keys[key]) if key in keys else UNRESOLVED
    if not any(isinstance(value, str) for value in scope.values()):
        return None
    body = function.child_by_field_name("body")
    return holder, with_locals(module, scope, body) if body is not None else scope
