"""The MCP SDKs' registrations and tools written as data.

`registerTool(name, {title, description, inputSchema, outputSchema, annotations}, cb)` (and the experimental
`registerToolTask`); the six `server.tool(...)` overloads; fastmcp's `addTool({name, description, parameters,
annotations, execute})`; and objects shaped `{name, description, inputSchema}` wherever they stand: a low-level
server's `TOOLS` list, or a framework's `defineTool({...})`, or an API generator's tool definitions
`{name, description, args: {request: RequestSchema}, tool: async (client, args) => …}` that one registration
function made at run time takes in turn.
"""

from typing import Any

from tree_sitter import Node

from catalog.core.definition import ToolDefinition
from crawler.extract.javascript.patterns.definitions import arguments, tool
from crawler.extract.javascript.patterns.factories import CODE, object_keys
from crawler.extract.javascript.patterns.llm import llm_function
from crawler.extract.javascript.syntax import UNRESOLVED, Zod, text
from crawler.extract.javascript.values.module import Module

REGISTER = ("registerTool", "registerToolTask", "tool", "addTool")
# the callback: written there, named, or made by a helper the handler is handed to (`withErrors(async (a) => …)`)
_FUNCTIONS = ("arrow_function", "function_expression", "function", "identifier", "member_expression", "call_expression")
_SCHEMA_KEYS = ("inputSchema", "input_schema", "parameters")
_HANDLERS = ("handler", "execute", "callback")  # code to run, written elsewhere: `handler: listItems`
# name too many other things (a form's validation, a route's body) to count without a description and code beside
_FRAMEWORK_KEYS = ("schema", "args", "zodSchema")
# what the MCP spec gives a resource (`uri`) and a resource template (`uriTemplate`) and never a tool: a resource
# written as data beside its reader and its arguments' shape is not a tool
_RESOURCE_KEYS = ("uri", "uriTemplate")


def registers(node: Node) -> bool:
    callee = node.child_by_field_name("function")
    return callee is not None and text(callee.child_by_field_name("property")) in REGISTER


def from_call(module: Module, node: Node, rel: str) -> list[ToolDefinition]:
    callee = node.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return []
    method = text(callee.child_by_field_name("property") or callee)
    args_node = node.child_by_field_name("arguments")
    args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
    line = node.start_point[0] + 1
    if method in REGISTER[:2] and len(args) >= 2:  # registerToolTask: the SDK's experimental tasks API
        name, config = module.value(args[0]), module.value(args[1])
        if isinstance(name, str) and isinstance(config, dict):
            return [tool(module, name, config, rel, line, schema_key="inputSchema")]
    elif method == "tool" and args and args[0].type == "object":
        return _tool_object(module, args, rel, line)
    elif method == "tool" and len(args) == 1 and args[0].type == "spread_element":
        return _spread_tool(module, args[0], rel, line)
    elif method == "tool" and args:
        return _server_tool(module, args, rel, line)
    elif method == "addTool" and args:
        config = module.value(args[0])
        if isinstance(config, dict) and isinstance(config.get("name"), str):
            return [tool(module, config["name"], config, rel, line, schema_key="parameters")]
    return []


def _tool_object(module: Module, args: list[Node], rel: str, line: int) -> list[ToolDefinition]:
    """tmcp's `server.tool({name, description, schema, annotations}, callback)`: the definition as one object, its
    schema any Standard Schema library's (valibot's stays unknown); a description a getter computes is unresolved."""
    config = module.value(args[0])
    if len(args) < 2 or args[-1].type not in _FUNCTIONS or not isinstance(config, dict):
        return []
    if not isinstance(name := config.get("name"), str):
        return []
    if "description" in object_keys(args[0]) and "description" not in config:
        config["description"] = UNRESOLVED  # `get description() { … }`
    return [tool(module, name, config, rel, line, schema_key="schema")]


def _server_tool(module: Module, args: list[Node], rel: str, line: int) -> list[ToolDefinition]:
    """`server.tool(name, [description], [zod shape], [annotations], callback)`: told apart by what each is."""
    name = module.value(args[0])
    if not isinstance(name, str) or len(args) < 2 or args[-1].type not in _FUNCTIONS:
        return []
    return _server_tool_values(module, name, [module.value(arg) for arg in args[1:-1]], rel, line)


def _spread_tool(module: Module, spread: Node, rel: str, line: int) -> list[ToolDefinition]:
    """`server.tool(...tool)`: a definition kept as the overload's arguments in a list (`["list_items", "List
    items", {...}, handler]`, written so or returned by a helper), spread in a loop over a table of them."""
    value = module.value(spread.named_children[0]) if spread.named_children else UNRESOLVED
    if not isinstance(value, list) or len(value) < 2 or not isinstance(value[0], str):
        return []
    return _server_tool_values(module, value[0], value[1:-1], rel, line)


def _server_tool_values(module: Module, name: str, values: list[Any], rel: str, line: int) -> list[ToolDefinition]:
    """The tool of `server.tool`'s overloads, given the values between its name and its callback."""
    config: dict[str, Any] = {}
    for value in values:
        if isinstance(value, str) and "description" not in config:
            config["description"] = value
        elif isinstance(value, dict) and value and all(
            (k.endswith("Hint") or k == "title") and not isinstance(v, Zod) for k, v in value.items()
        ):  # annotations, not a zod shape with a `title` argument
            config["annotations"] = value
        elif isinstance(value, dict):
            config["inputSchema"] = value
        else:
            config.setdefault("unresolved", True)
    return [tool(module, name, config, rel, line, schema_key="inputSchema")]


def looks_like_tool(node: Node) -> bool:
    """A cheap look at an object's keys before evaluating it: `name` and an input schema, or a tool framework's
    definition `{name, description, schema, handler() {…}}` or `{name, description, args, tool: …}` (a bare `schema`
    or `args` key names too many other things to count without a description and code to run beside it, written
    there or named by a handler key); a resource's definition, with its `uri` or `uriTemplate`, is not a tool. A
    name beside a spread, `{ name, ...TOOLS[name] }` over a table keyed by tool name, may be one: the spread value
    says (from_object)."""
    pairs = object_keys(node)
    if "name" not in pairs or any(k in pairs for k in _RESOURCE_KEYS):
        return False
    if any(k in pairs for k in _SCHEMA_KEYS) or any(c.type == "spread_element" for c in node.named_children):
        return True
    return (
        any(k in pairs for k in _FRAMEWORK_KEYS)
        and "description" in pairs
        and (any(v.type in CODE for v in pairs.values()) or any(k in _HANDLERS for k in pairs))
    )


def _field_types(schema: Any) -> bool:
    """A mapping of fields to type names (`{to: "string", cc: "string?"}`): neither JSON Schema nor a zod shape."""
    return (
        isinstance(schema, dict)
        and not isinstance(schema, Zod)
        and bool(schema)
        and all(isinstance(v, str) for v in schema.values())
        and not any(k in schema for k in ("type", "$ref", "properties"))
    )


def _zod_object(node: Node | None) -> bool:
    """`z.object(shapeOf(t))`: an argument schema, whatever its shape turns out to be."""
    callee = node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    return callee is not None and text(callee) == "z.object"


def from_object(module: Module, node: Node, rel: str) -> list[ToolDefinition]:
    """Tools written as data: `{name, description, inputSchema}` in a TOOLS array, a `defineTool({...})`
    wrapper, a framework's own registry: the shape says what it is, wherever it stands."""
    value = module.value(node)
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return []
    if value.get("type") == "function":  # a function offered to a language model (an LLM SDK), not an MCP tool
        return []
    key = next((k for k in (*_SCHEMA_KEYS, *_FRAMEWORK_KEYS) if k in value), None)
    if key is None:  # a schema written as a method, or under a key that does not resolve
        return []
    if llm_function(module, node, value, key):
        return []
    if isinstance(value[key], list | str | int | float):  # a CLI command's `parameters: ["<url>"]`, not a schema
        return []
    if key in _SCHEMA_KEYS and _field_types(value[key]):
        return []  # `inputSchema: {to: "string"}`: a note of fields for another layer, not a JSON Schema
    # a generator's arguments out of reach, or a zod object whose shape a helper builds: still a tool
    unknown = value[key] is UNRESOLVED and (key == "args" or _zod_object(object_keys(node).get(key)))
    if key in _FRAMEWORK_KEYS and not unknown and not arguments(module, value[key]):
        return []  # a field, an option with a value schema, or a command's options: not a tool taking arguments
    found = tool(module, value["name"], value, rel, node.start_point[0] + 1, schema_key=key)
    if found.confidence == 0.9:  # data one step from its registration, which wins where both are read
        found.confidence = 0.85
    return [found]
