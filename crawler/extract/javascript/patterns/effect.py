"""Tools of Effect's AI toolkit (`@effect/ai`), which an Effect server hands to its MCP server as a whole:

    const Search = Tool.make("docs_search", {            // AiTool.make in older releases
        description: "Search the documentation.",
        parameters: { query: Schema.String },             // Effect Schema fields
        success: Schema.Struct({ ... }),
    });
    export const Docs = Toolkit.make(Search, Read);
    const Served = McpServer.toolkit(Docs).pipe(Layer.provide(Docs.toLayer(handlers)));

The handlers live apart (`toLayer`), so a tool is the `make` call alone: a literal name and a description, made by
the toolkit's `Tool` (imported from `@effect/ai`, or a bundle's inlined `AiTool_exports`). Its parameters are Effect
Schema, beyond the evaluator: the tool is kept without them (confidence 0.5).
"""

import re

from tree_sitter import Node

from catalog.core.definition import ToolDefinition
from crawler.extract.javascript.patterns.definitions import tool
from crawler.extract.javascript.patterns.llm import packages_of
from crawler.extract.javascript.syntax import text
from crawler.extract.javascript.values.module import Module
from crawler.extract.treesitter import applied

_IMPORTED = re.compile(r"(^|\.)(Ai)?Tool$")  # `Tool`, `AiTool`, tsc's `ai_1.Tool`
_BUNDLED = re.compile(r"^(Ai)?Tool_exports$")  # esbuild's namespace for the module it inlined
_PACKAGE = "@effect/ai"


def effect_tool(module: Module, node: Node, rel: str) -> list[ToolDefinition]:
    """The tool a `Tool.make("name", {description, parameters})` call makes, or none."""
    callee = applied(node)
    if callee is None or callee.type != "member_expression" or text(callee.child_by_field_name("property")) != "make":
        return []
    owner = text(callee.child_by_field_name("object"))
    if not (_BUNDLED.match(owner) or (_IMPORTED.search(owner) and _imports_effect_ai(module))):
        return []
    args_node = node.child_by_field_name("arguments")
    args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
    if len(args) < 2 or args[1].type != "object":
        return []
    name, config = module.value(args[0]), module.value(args[1])
    if not isinstance(name, str) or not name or not isinstance(config, dict) or "description" not in config:
        return []
    return [tool(module, name, config, rel, node.start_point[0] + 1, schema_key="parameters")]


def _imports_effect_ai(module: Module) -> bool:
    return any(p == _PACKAGE or p.startswith(_PACKAGE + "/") for p in packages_of(module))
