"""Tools made by a framework's factory function, a shape of its own beside `registerTool` and tool classes:

    export const spellCheck = tool("spell_check", {      // or defineTool, createTool, makeMcpTool…
        description: "Check a query's spelling.",
        input: z.object({ query: z.string() }),         // or inputSchema, parameters, schema, args
        output: z.object({ corrected: z.string() }),
        annotations: { readOnlyHint: true },
        async handler(input) { … },                     // or execute, or a function as the third argument
    });

The factory lives in a dependency, so nothing in the package says what it does: the call counts as a tool only
when it looks like one on every side (a function named for tools, a literal name, a description, an input schema
and code to run). A language model SDK's `tool({description, parameters, execute})` has no name and is not read.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import Evaluator
from crawler.extract.treesitter import applied, text

_SCHEMA_KEYS = ("inputSchema", "input_schema", "parameters", "input", "schema", "args")
CODE = ("arrow_function", "function_expression", "function", "method_definition")


def factory_config(module: Evaluator, node: Node) -> tuple[str, dict[str, Any], str] | None:
    """``(name, config, schema key)`` of a factory call `f("name", {description, input…, handler})`, where the
    config's ``output`` (beside ``input``) is its output schema."""
    callee = applied(node)
    if callee is not None and callee.type == "member_expression":
        callee = callee.child_by_field_name("property")
    if callee is None or callee.type not in ("identifier", "property_identifier") or "tool" not in text(callee).lower():
        return None
    args_node = node.child_by_field_name("arguments")
    args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
    if len(args) < 2 or args[1].type != "object":
        return None
    keys = object_keys(args[1])
    schema_key = next((k for k in _SCHEMA_KEYS if k in keys), None)
    runs = any(v.type in CODE for v in keys.values()) or any(a.type in CODE for a in args[2:])
    if schema_key is None or "description" not in keys or not runs:
        return None
    name, config = module.value(args[0]), module.value(args[1])
    if not isinstance(name, str) or not name or not isinstance(config, dict):
        return None
    if schema_key == "input" and "output" in config and "outputSchema" not in config:
        config = {**config, "outputSchema": config["output"]}
    return name, config, schema_key


def object_keys(node: Node) -> dict[str, Node]:
    """An object literal's keys and what stands for each (a method stands for itself)."""
    keys: dict[str, Node] = {}
    for child in node.named_children:
        if child.type == "pair" and (key := child.child_by_field_name("key")) is not None:
            if (value := child.child_by_field_name("value")) is not None:
                keys[text(key).strip("'\"")] = value
        elif child.type == "method_definition":
            keys[text(child.child_by_field_name("name"))] = child
        elif child.type == "shorthand_property_identifier":
            keys[text(child)] = child
    return keys
