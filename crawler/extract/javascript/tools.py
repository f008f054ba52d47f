"""JavaScript and TypeScript servers, source or the compiled JavaScript npm packages ship, with tree-sitter.

Patterns: `registerTool(name, {title, description, inputSchema, outputSchema, annotations}, cb)`; the six
`server.tool(...)` overloads; fastmcp's `addTool({name, description, parameters, annotations, execute})`;
and objects shaped `{name, description, inputSchema}` wherever they stand: a low-level server's `TOOLS`
list, or a framework's `defineTool({...})`; a framework's factory `tool("name", {description, input, handler})`
(js_factories).
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tree_sitter import Node, Tree

from catalog.core.definition import ToolDefinition
from crawler.extract import treesitter
from crawler.extract.javascript.bindings import UnusedBindings
from crawler.extract.javascript.classes import class_tool_config
from crawler.extract.javascript.factories import CODE, factory_config, object_keys
from crawler.extract.javascript.filters import excluded_flags, marked
from crawler.extract.javascript.llm import llm_function
from crawler.extract.javascript.loops import unrolled
from crawler.extract.javascript.params import call_scopes
from crawler.extract.javascript.reach import dead_files
from crawler.extract.javascript.values import UNRESOLVED, Loader, Module, Zod, text
from crawler.extract.javascript.wrappers import registrations
from crawler.extract.javascript.zod import plain, shape_schema

SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
_HINT_KEYS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint", "title")
_LOOPS = ("for_in_statement", "call_expression")
_REGISTER = ("registerTool", "registerToolTask", "tool", "addTool")
_FUNCTIONS = ("arrow_function", "function_expression", "function", "identifier", "member_expression")


def grammar(path: Path) -> str:
    return "tsx" if path.suffix == ".tsx" else "ts" if path.suffix in (".ts", ".mts", ".cts") else "js"


def parse(path: Path) -> Tree | None:
    try:
        return treesitter.parse(path, grammar(path))
    except treesitter.Skipped:
        return None


def extract_js(loader: Loader, files: list[Path]) -> list[ToolDefinition]:
    """Every tool the files (the loader's, in order) declare, but for those in files no package entry point reaches
    (js_reach)."""
    dead = dead_files(loader)
    modules = [(path, module) for path in files if path not in dead and (module := loader.module(path)) is not None]
    flags = set().union(*(excluded_flags(module.root, grammar(path)) for path, module in modules))
    tools: list[ToolDefinition] = []
    for path, module in modules:
        tools += _module_tools(module, path.relative_to(loader.root).as_posix(), flags)
    return tools


def _module_tools(module: Module, rel: str, flags: set[str]) -> list[ToolDefinition]:
    """Every tool a file declares, in source order; loops over literal lists are read once per element; tool data
    held by a top-level binding nothing uses is dead code, not a tool, and so is tool data marked with a flag the
    server filters its tools by (js_filters)."""
    unused = UnusedBindings(module)
    tools: list[ToolDefinition] = []
    seen: dict[str, int] = {}  # name -> index in tools: the most complete reading of each name is kept
    stack: list[Node | dict[str, Any] | None] = [module.root]  # a dict enters a loop scope, None leaves it
    while stack:
        node = stack.pop()
        if not isinstance(node, Node):
            module.scopes.append(node) if node is not None else module.scopes.pop()
            continue
        if node.type in _LOOPS and len(module.scopes) < 4 and (loop := unrolled(module, node)) is not None:
            source, passes = loop
            for scope, body in reversed(passes):
                stack += [None, body, scope]
            stack.append(source)
            continue
        found: list[ToolDefinition] = []
        if node.type == "call_expression":
            found = _per_call(module, node, rel, _from_call) if _registers(node) else _wrapped(module, node, rel)
            if not found and (made := factory_config(module, node)) is not None:
                found = _made(module, node, rel, *made)
        elif node.type == "object" and _looks_like_tool(node) and not unused(node) and not marked(node, flags):
            found = _per_call(module, node, rel, _from_object)
        elif node.type in ("class_declaration", "class", "abstract_class_declaration"):
            declared = class_tool_config(module, node)
            if declared is not None:
                name, config, key = declared
                found = [_tool(module, name, config, rel, node.start_point[0] + 1, schema_key=key)]
        for tool in found:
            if tool.name not in seen:
                seen[tool.name] = len(tools)
                tools.append(tool)
            elif tool.confidence > tools[seen[tool.name]].confidence:  # e.g. the other branch of an `if`
                tools[seen[tool.name]] = tool
        stack.extend(reversed(node.named_children))
    return tools


def _per_call(
    module: Module, node: Node, rel: str, read: Callable[[Module, Node, str], list[ToolDefinition]]
) -> list[ToolDefinition]:
    """The tools ``node`` declares; inside a helper whose calls are all known and that leaves the name to its
    arguments (`makeTool(schema, "list_items", "List items")`), once per call of the helper."""
    found = read(module, node, rel)
    if not found:
        for scope in call_scopes(module, node):
            module.scopes.append(scope)
            found += read(module, node, rel)
            module.scopes.pop()
    return found


def _wrapped(module: Module, node: Node, rel: str) -> list[ToolDefinition]:
    """The tool a call of a registration helper registers (js_wrappers), found where the call is."""
    tools: list[ToolDefinition] = []
    for owner, inner, scope in registrations(module, node, _registers):
        owner.scopes.append(scope)
        try:
            read = _from_call(owner, inner, rel)
        finally:
            owner.scopes.pop()
        for tool in read:
            tool.line = node.start_point[0] + 1
        tools += read
    return tools


def _made(module: Module, node: Node, rel: str, name: str, config: dict[str, Any], key: str) -> list[ToolDefinition]:
    """A factory's tool (js_factories), when what it is given as input is an argument schema."""
    if not _arguments(module, config[key]):
        return []
    return [_tool(module, name, config, rel, node.start_point[0] + 1, schema_key=key)]


def _registers(node: Node) -> bool:
    callee = node.child_by_field_name("function")
    return callee is not None and text(callee.child_by_field_name("property")) in _REGISTER


def _from_call(module: Module, node: Node, rel: str) -> list[ToolDefinition]:
    callee = node.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return []
    method = text(callee.child_by_field_name("property") or callee)
    args_node = node.child_by_field_name("arguments")
    args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
    line = node.start_point[0] + 1
    if method in _REGISTER[:2] and len(args) >= 2:  # registerToolTask: the SDK's experimental tasks API
        name, config = module.value(args[0]), module.value(args[1])
        if isinstance(name, str) and isinstance(config, dict):
            return [_tool(module, name, config, rel, line, schema_key="inputSchema")]
    elif method == "tool" and args:
        return _server_tool(module, args, rel, line)
    elif method == "addTool" and args:
        config = module.value(args[0])
        if isinstance(config, dict) and isinstance(config.get("name"), str):
            return [_tool(module, config["name"], config, rel, line, schema_key="parameters")]
    return []


def _server_tool(module: Module, args: list[Node], rel: str, line: int) -> list[ToolDefinition]:
    """`server.tool(name, [description], [zod shape], [annotations], callback)`: told apart by what each is."""
    name = module.value(args[0])
    if not isinstance(name, str) or len(args) < 2 or args[-1].type not in _FUNCTIONS:
        return []
    config: dict[str, Any] = {}
    for arg in args[1:-1]:
        value = module.value(arg)
        if isinstance(value, str) and "description" not in config:
            config["description"] = value
        elif isinstance(value, dict) and value and all(k.endswith("Hint") or k == "title" for k in value):
            config["annotations"] = value
        elif isinstance(value, dict):
            config["inputSchema"] = value
        else:
            config.setdefault("unresolved", True)
    return [_tool(module, name, config, rel, line, schema_key="inputSchema")]


_SCHEMA_KEYS = ("inputSchema", "input_schema", "parameters")


def _looks_like_tool(node: Node) -> bool:
    """A cheap look at an object's keys before evaluating it: `name` and an input schema, or a tool framework's
    definition `{name, description, schema, handler() {…}}` (a bare `schema` key names too many other things to
    count without a description and code to run beside it)."""
    pairs = object_keys(node)
    if "name" not in pairs:
        return False
    if any(k in pairs for k in _SCHEMA_KEYS):
        return True
    return "schema" in pairs and "description" in pairs and any(v.type in CODE for v in pairs.values())


def _from_object(module: Module, node: Node, rel: str) -> list[ToolDefinition]:
    """Tools written as data: `{name, description, inputSchema}` in a TOOLS array, a `defineTool({...})`
    wrapper, a framework's own registry: the shape says what it is, wherever it stands."""
    value = module.value(node)
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return []
    if value.get("type") == "function":  # a function offered to a language model (an LLM SDK), not an MCP tool
        return []
    key = next((k for k in _SCHEMA_KEYS if k in value), "schema")
    if llm_function(module, node, value, key):
        return []
    if isinstance(value[key], list | str | int | float):  # a CLI command's `parameters: ["<url>"]`, not a schema
        return []
    if key == "schema" and not _arguments(module, value["schema"]):
        return []  # a field or an option with a value schema, not a tool taking arguments
    tool = _tool(module, value["name"], value, rel, node.start_point[0] + 1, schema_key=key)
    if tool.confidence == 0.9:  # data one step from its registration, which wins where both are read
        tool.confidence = 0.85
    return [tool]


def _arguments(module: Module, value: Any) -> bool:
    """An object schema, or a zod shape `{arg: z…}` (some entries may be beyond reach, built by a helper)."""
    if (
        isinstance(value, dict)
        and not isinstance(value, Zod)
        and (not value or any(isinstance(v, Zod) for v in value.values()))
    ):
        return True
    schema = _schema(module, value)
    return isinstance(schema, dict) and schema.get("type") == "object"


def _tool(module: Module, name: str, config: dict[str, Any], rel: str, line: int, schema_key: str) -> ToolDefinition:
    complete = not config.get("unresolved")
    schema = _schema(module, config.get(schema_key, config.get("input_schema")))
    if schema is UNRESOLVED:
        complete, schema = False, None
    output = _schema(module, config.get("outputSchema")) if "outputSchema" in config else None
    description = config.get("description")
    if "description" in config and not isinstance(description, str):
        complete, description = False, None
    annotations = config.get("annotations")
    if isinstance(annotations, dict):
        annotations = {k: v for k, v in annotations.items() if k in _HINT_KEYS and v is not UNRESOLVED}
    title = config.get("title") if isinstance(config.get("title"), str) else None
    return ToolDefinition(
        name=name,
        title=title,
        description=description,
        input_schema=schema if isinstance(schema, dict) else {"type": "object", "properties": {}},
        output_schema=output if isinstance(output, dict) else None,
        annotations=annotations if isinstance(annotations, dict) and annotations else None,
        origin="source",
        file=rel,
        line=line,
        confidence=0.9 if complete else 0.5,
    )


def _schema(module: Module, value: Any) -> Any:
    """A zod object, a raw zod shape, or plain JSON Schema: as JSON Schema."""
    if value is None:
        return None
    if value == {}:  # an empty zod shape: a tool without parameters
        return {"type": "object", "properties": {}}
    if isinstance(value, Zod):
        return plain(value)
    if isinstance(value, dict) and value and all(isinstance(v, Zod) for v in value.values()):
        return shape_schema(module, value)
    if isinstance(value, dict) and _plain(value):
        return value
    return UNRESOLVED


def _plain(value: Any) -> bool:
    """JSON data with nothing unresolved inside (an unresolved piece would be invented text)."""
    if value is UNRESOLVED:
        return False
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return True
