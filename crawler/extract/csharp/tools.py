"""C# servers on the official ModelContextProtocol SDK, with tree-sitter: `[McpServerTool]` methods.

As the SDK builds them: the name is `Name = "..."` or the method's name (an `Async` suffix dropped from async
methods, then snake_case); the description is `[Description("...")]`; `ReadOnly`, `Destructive`, `Idempotent`,
`OpenWorld` and `Title` are the declared hints (the title is also the tool's title). Parameters are the method's,
less those the SDK binds itself (cancellation tokens, the server, services); one without a default value is
required. `const` strings of every file resolve, by name or `Class.Name`.
"""

from pathlib import Path
from typing import Any

from tree_sitter import Node

from catalog.core.definition import ToolDefinition
from crawler.extract.csharp.sdk import derived_name, xml_docs
from crawler.extract.csharp.syntax import GRAMMAR, SHAPES, query
from crawler.extract.csharp.values import Program
from crawler.extract.treesitter import declarations, find, line, parse_and_query, shaped_tools, source_tool, text

_HINTS = {
    "ReadOnly": "readOnlyHint",
    "Destructive": "destructiveHint",
    "Idempotent": "idempotentHint",
    "OpenWorld": "openWorldHint",
}
_SCALARS = {"string": "string", "char": "string", "Guid": "string", "Uri": "string", "bool": "boolean"}
_SCALARS |= {"DateTime": "string", "DateTimeOffset": "string", "TimeSpan": "string"}
_SCALARS |= {t: "integer" for t in ("int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort")}
_SCALARS |= {t: "integer" for t in ("Int32", "Int64", "Int16")} | {"double": "number", "float": "number"}
_SCALARS |= {"decimal": "number", "Double": "number", "Single": "number", "Decimal": "number", "String": "string"}
_SCALARS |= {"Boolean": "boolean", "object": None, "JsonElement": None, "JsonNode": None}
_ARRAYS = {"List", "IList", "IEnumerable", "IReadOnlyList", "ICollection", "IReadOnlyCollection", "HashSet", "ISet"}
_MAPS = {"Dictionary", "IDictionary", "IReadOnlyDictionary"}
_BOUND = {"CancellationToken", "IMcpServer", "McpServer", "IServiceProvider", "RequestContext", "IProgress"}
_BOUND |= {"HttpClient", "ILogger", "ClaimsPrincipal", "McpServerTool", "IMcpEndpoint"}


def extract_csharp(
    root: Path, files: list[Path], warnings: list[str], sources: dict[Path, bytes]
) -> list[ToolDefinition]:
    parsed = parse_and_query(root, files, warnings, GRAMMAR, query(), SHAPES, sources)
    program = Program(declarations(parsed))
    return shaped_tools(root, parsed, lambda node, rel: _visit(program, node, rel))


def _visit(program: Program, item: Node, rel: str) -> ToolDefinition | None:
    if item.type == "invocation_expression":
        return _created(program, item, rel)
    attributes = _attributes(item, program)
    return _tool(program, item, attributes, rel) if "McpServerTool" in attributes else None


def _created(program: Program, call: Node, rel: str) -> ToolDefinition | None:
    """`McpServerTool.Create(handler, new McpServerToolCreateOptions { Name = ..., ReadOnly = ... })`: the options
    over the handler's own attributes, as the SDK merges them. A lambda without a `Name` has no knowable name."""
    function = call.child_by_field_name("function")
    if function is None or not text(function).endswith("McpServerTool.Create"):
        return None
    listed = call.child_by_field_name("arguments")
    args = [a.named_children[-1] for a in (listed.named_children if listed else []) if a.named_children]
    if not args:
        return None
    handler = args[0]
    if handler.type == "identifier":  # a method group: the method of that name in this file
        root = call
        while root.parent is not None:
            root = root.parent
        handler = next((m for m in find(root, "c_sharp", "method_declaration") if _named(m, text(args[0]))), None)
    if handler is None or handler.child_by_field_name("parameters") is None:
        return None
    attributes = _attributes(handler, program)
    options = dict(attributes.get("McpServerTool", {}))
    initializer = next((c for c in args[-1].named_children if c.type == "initializer_expression"), None)
    for assignment in (
        c for c in (initializer.named_children if initializer else []) if c.type == "assignment_expression"
    ):
        key = text(assignment.child_by_field_name("left"))
        if key in ("Name", "Title", "Description", *_HINTS):
            options[key] = program.value(assignment.child_by_field_name("right"))
    if "Description" in options:
        attributes["Description"] = {0: options.pop("Description")}
    if handler.type == "lambda_expression" and not isinstance(options.get("Name"), str):
        return None
    return _tool(program, handler, attributes | {"McpServerTool": options}, rel)


def _named(method: Node, name: str) -> bool:
    return text(method.child_by_field_name("name")) == name


def _attributes(node: Node, program: Program) -> dict[str, dict[str, Any]]:
    """`[A(x, Name = y)]` on a declaration as {"A": {0: x, "Name": y}} (`Attribute` suffixes dropped)."""
    out: dict[str, dict[str, Any]] = {}
    for attribute_list in node.children:  # plain loops: a method and each parameter ask, most with no attribute
        if attribute_list.type != "attribute_list":
            continue
        for attribute in attribute_list.named_children:
            if attribute.type != "attribute":
                continue
            name = text(attribute.child_by_field_name("name")).rsplit(".", 1)[-1].removesuffix("Attribute")
            arguments: dict[Any, Any] = {}
            for listed in attribute.named_children:
                if listed.type == "attribute_argument_list":
                    for position, argument in enumerate(listed.named_children):
                        key = argument.child_by_field_name("name")
                        value = program.value(argument.named_children[-1]) if argument.named_children else None
                        arguments[text(key) if key is not None else position] = value
                    break
            out[name] = arguments
    return out


def _tool(program: Program, method: Node, attributes: dict[str, dict[str, Any]], rel: str) -> ToolDefinition | None:
    options = attributes["McpServerTool"]
    if "Name" in options and not isinstance(options["Name"], str):
        return None  # a name we cannot read is left out, never replaced by the method's
    name = options.get("Name") if isinstance(options.get("Name"), str) else derived_name(method)
    described = attributes.get("Description", {})
    docs = xml_docs(method)
    description = next(iter(described.values()), None) if described else docs.get("")
    complete = all(v is not None for v in options.values()) and (not described or isinstance(description, str))
    annotations: dict[str, Any] = {_HINTS[k]: v for k, v in options.items() if k in _HINTS and isinstance(v, bool)}
    title = options.get("Title") if isinstance(options.get("Title"), str) else None
    if title is not None:
        annotations["title"] = title
    schema, known = _parameters(program, method, docs)
    return source_tool(
        name,
        title=title,
        description=description,
        schema=schema,
        annotations=annotations,
        file=rel,
        line=line(method),
        complete=complete and known,
    )


def _parameters(program: Program, method: Node, docs: dict[str, str]) -> tuple[dict[str, Any], bool]:
    params = method.child_by_field_name("parameters")
    props: dict[str, Any] = {}
    required: list[str] = []
    known = True
    for param in (p for p in (params.named_children if params is not None else []) if p.type == "parameter"):
        attributes = _attributes(param, program)
        kind = param.child_by_field_name("type")
        if "FromServices" in attributes or "FromKeyedServices" in attributes or _bound(kind):
            continue
        name_node = param.child_by_field_name("name")
        name = text(name_node)
        prop = _type(program, kind)
        known &= prop is not None
        prop = dict(prop or {})
        described = attributes.get("Description")
        description = next(iter(described.values()), None) if described else docs.get(name)
        if isinstance(description, str):
            prop["description"] = description
        default = name_node.next_named_sibling if name_node is not None else None  # `= value`, if any
        if default is None:
            required.append(name)
        elif (value := program.value(default)) is not None:
            prop["default"] = value
        props[name] = prop
    return {"type": "object", "properties": props} | ({"required": required} if required else {}), known


def _base(kind: Node | None) -> str:
    if kind is None:
        return ""
    if kind.type in ("generic_name", "nullable_type", "qualified_name"):
        inner = kind.named_children[-1] if kind.type == "qualified_name" else kind.named_children[0]
        return _base(inner)
    return text(kind)


def _bound(kind: Node | None) -> bool:
    """A parameter the SDK fills itself (its schema leaves it out): the server, a token, a service."""
    base = _base(kind)
    interface = len(base) > 1 and base[0] == "I" and base[1].isupper()
    return base in _BOUND or (interface and base not in _ARRAYS | _MAPS)


def _type(program: Program, kind: Node | None, depth: int = 0) -> dict[str, Any] | None:
    if kind is None or depth > 8:
        return None
    if kind.type == "nullable_type":
        return _type(program, kind.named_children[0] if kind.named_children else None, depth + 1)
    if kind.type == "array_type":
        items = _type(program, kind.child_by_field_name("type"), depth + 1)
        return {"type": "array"} | ({"items": items} if items else {})
    base = _base(kind)
    if base in _SCALARS:
        return {"type": _SCALARS[base]} if _SCALARS[base] else {}
    if base in _ARRAYS:
        arguments = next((c for c in kind.named_children if c.type == "type_argument_list"), None)
        items = (
            _type(program, arguments.named_children[0], depth + 1)
            if arguments is not None and arguments.named_children
            else None
        )
        return {"type": "array"} | ({"items": items} if items else {})
    if base in _MAPS:
        return {"type": "object"}
    if base in program.enums:
        return {"type": "string", "enum": program.enums[base]}
    return None
