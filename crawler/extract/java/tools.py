"""Java servers, with tree-sitter: the MCP Java SDK, Spring AI and Quarkus.

- SDK: `McpSchema.Tool.builder().name(..).description(..).inputSchema(json).annotations(new ToolAnnotations(
  title, readOnly, destructive, idempotent, openWorld, returnDirect)).build()`, and `new McpSchema.Tool(name,
  description, json)`; a `null` hint is undeclared.
- Annotated methods: Spring AI `@McpTool(name, description, annotations = @McpAnnotations(...))` with
  `@McpToolParam`, Spring AI `@Tool` with `@ToolParam`, Quarkus `@Tool` with `@ToolArg`. The name defaults to
  the method's; a parameter is required unless it says `required = false`, has a default, or is `Optional`.
`static final` strings of every file resolve, by name or `Class.NAME`; enums give their constants.
"""

import json
from pathlib import Path
from typing import Any

from tree_sitter import Node

from catalog.core.definition import ToolDefinition
from crawler.extract.java.syntax import GRAMMAR, SHAPES, query
from crawler.extract.java.values import Sources, annotations_of
from crawler.extract.treesitter import declarations, line, parse_and_query, shaped_tools, source_tool, text

_HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")
_TOOL_ANNOTATIONS = {"McpTool", "Tool"}
_PARAM_ANNOTATIONS = {"McpToolParam", "ToolParam", "ToolArg", "P"}
_SCALARS = {"String": "string", "char": "string", "Character": "string", "UUID": "string", "URI": "string"}
_SCALARS |= {t: "integer" for t in ("int", "Integer", "long", "Long", "short", "Short", "byte", "Byte", "BigInteger")}
_SCALARS |= {t: "number" for t in ("double", "Double", "float", "Float", "BigDecimal", "Number")}
_SCALARS |= {"boolean": "boolean", "Boolean": "boolean", "Object": None, "JsonNode": None}
_ARRAYS = {"List", "Set", "Collection", "Iterable", "ArrayList", "LinkedList", "HashSet"}
_MAPS = {"Map", "HashMap", "LinkedHashMap", "TreeMap", "ObjectNode"}
_BOUND = {"McpSyncServerExchange", "McpAsyncServerExchange", "McpSyncRequestContext", "McpAsyncRequestContext"}
_BOUND |= {"McpTransportContext", "ToolContext", "CallToolRequest", "McpMeta", "McpLog", "Progress", "Cancellation"}
_BOUND |= {"Roots", "Sampling", "Elicitation", "McpConnection", "RequestId", "ToolCallContext", "RequestUri"}


def extract_java(
    root: Path, files: list[Path], warnings: list[str], sources: dict[Path, bytes]
) -> list[ToolDefinition]:
    parsed = parse_and_query(root, files, warnings, GRAMMAR, query(), SHAPES, sources)
    program = Sources(declarations(parsed))  # not ``sources``, the bytes read already, which it would shadow
    return shaped_tools(root, parsed, lambda node, rel: _visit(program, node, rel))


def _visit(sources: Sources, item: Node, rel: str) -> ToolDefinition | None:
    if item.type == "method_declaration":
        annotations = annotations_of(item, sources)
        kind = next((k for k in _TOOL_ANNOTATIONS if k in annotations), None)
        return _annotated(sources, item, annotations[kind], rel) if kind else None
    if item.type == "method_invocation" and text(item.child_by_field_name("name")) == "build":
        return _builder(sources, item, rel)
    if item.type == "object_creation_expression" and text(item.child_by_field_name("type")).endswith("Tool"):
        return _constructor(sources, item, rel)
    return None


def _chain(node: Node) -> tuple[str, dict[str, list[Node]]]:
    """`X.builder().a(1).b(2).build()`: the text before `.builder()`, and each call's arguments."""
    calls: dict[str, list[Node]] = {}
    while node is not None and node.type == "method_invocation":
        arguments = node.child_by_field_name("arguments")
        calls.setdefault(text(node.child_by_field_name("name")), arguments.named_children if arguments else [])
        if text(node.child_by_field_name("name")) == "builder":
            return text(node.child_by_field_name("object")), calls
        node = node.child_by_field_name("object")
    return "", calls


def _is_tool_type(name: str) -> bool:
    return name in ("Tool", "McpSchema.Tool") or name.endswith(".McpSchema.Tool")


def _builder(sources: Sources, node: Node, rel: str) -> ToolDefinition | None:
    owner, calls = _chain(node)
    if not _is_tool_type(owner) or not calls.get("name"):
        return None
    fields = {key: sources.value(args[-1]) if args else None for key, args in calls.items()}
    annotations = _hint_value(sources, calls["annotations"][0]) if calls.get("annotations") else None
    unread = [k for k in ("name", "title", "description", "inputSchema") if k in calls and fields[k] is None]
    return _definition(fields, annotations, rel, line(node), complete=not unread and annotations != {})


def _constructor(sources: Sources, node: Node, rel: str) -> ToolDefinition | None:
    if not _is_tool_type(text(node.child_by_field_name("type"))):
        return None
    listed = node.child_by_field_name("arguments")
    args = listed.named_children if listed is not None else []
    values = [sources.value(a) for a in args]
    annotations = None
    if len(args) == 3 or (len(args) == 4 and text(args[3]).startswith("new")):
        fields = dict(zip(("name", "description", "inputSchema"), values, strict=False))
        annotations = _hint_value(sources, args[3]) if len(args) == 4 else None
    elif len(args) >= 5:  # the record's canonical constructor: name, title, description, inputSchema, ...
        fields = dict(zip(("name", "title", "description", "inputSchema"), values, strict=False))
    else:
        return None
    complete = all(fields.get(k) is not None for k in ("description", "inputSchema"))
    return _definition(fields, annotations, rel, line(node), complete=complete and annotations != {})


def _hint_value(sources: Sources, node: Node) -> dict[str, Any] | None:
    """`new ToolAnnotations(title, readOnly, destructive, idempotent, openWorld, returnDirect)` or its builder;
    a `null` is a hint left unset. {} when nothing could be read."""
    if node.type == "object_creation_expression":
        listed = node.child_by_field_name("arguments")
        values = [sources.value(a) for a in (listed.named_children if listed is not None else [])]
        named = dict(zip(("title", *_HINTS), values, strict=False))
    else:
        owner, calls = _chain(node)
        named = {k: sources.value(v[0]) for k, v in calls.items() if k in ("title", *_HINTS) and v}
    return {k: v for k, v in named.items() if isinstance(v, bool | str)}


def _definition(fields: dict[str, Any], annotations: Any, rel: str, at: int, complete: bool) -> ToolDefinition | None:
    if not isinstance(fields.get("name"), str) or not fields["name"]:
        return None
    schema = fields.get("inputSchema")
    if isinstance(schema, str):
        try:
            schema = json.loads(schema)
        except ValueError:
            schema, complete = None, False
    return source_tool(
        fields["name"],
        title=fields.get("title"),
        description=fields.get("description"),
        schema=schema,
        annotations=annotations,
        file=rel,
        line=at,
        complete=complete,
    )


def _annotated(sources: Sources, method: Node, options: dict[str, Any], rel: str) -> ToolDefinition | None:
    if "name" in options and not isinstance(options["name"], str):
        return None  # a name we cannot read is left out, never replaced by the method's
    name = options.get("name") or text(method.child_by_field_name("name"))
    hints = options.get("annotations") if isinstance(options.get("annotations"), dict) else {}
    annotations = {k: v for k, v in hints.items() if k in ("title", *_HINTS) and isinstance(v, bool | str)}
    complete = all(v is not None for v in options.values()) and len(annotations) == len(hints)
    schema, known = _parameters(sources, method)
    fields = {
        "name": name,
        "title": options.get("title"),
        "description": options.get("description", options.get("value")),
    }
    return _definition(fields | {"inputSchema": schema}, annotations, rel, line(method), complete=complete and known)


def _parameters(sources: Sources, method: Node) -> tuple[dict[str, Any], bool]:
    params = method.child_by_field_name("parameters")
    props: dict[str, Any] = {}
    required: list[str] = []
    known = True
    for param in (p for p in (params.named_children if params is not None else []) if p.type == "formal_parameter"):
        kind = param.child_by_field_name("type")
        base = _base(kind)
        annotations = annotations_of(param, sources)
        if base in _BOUND or "McpProgressToken" in annotations:
            continue
        options = next((annotations[k] for k in _PARAM_ANNOTATIONS if k in annotations), {})
        key = text(param.child_by_field_name("name"))
        prop = _type(sources, kind)
        known &= prop is not None
        prop = dict(prop or {})
        if isinstance(options.get("description"), str) and options["description"]:
            prop["description"] = options["description"]
        elif isinstance(options.get("value"), str) and options["value"]:
            prop["description"] = options["value"]
        default = options.get("defaultValue")
        if isinstance(default, str) and default:
            prop["default"] = _typed(default, prop.get("type"))
        if options.get("required", True) is not False and base != "Optional" and not default:
            required.append(key)
        props[key] = prop
    return {"type": "object", "properties": props} | ({"required": required} if required else {}), known


def _base(kind: Node | None) -> str:
    if kind is None:
        return ""
    if kind.type == "generic_type":
        return _base(kind.named_children[0])
    return text(kind).rsplit(".", 1)[-1]


def _type(sources: Sources, kind: Node | None, depth: int = 0) -> dict[str, Any] | None:
    if kind is None or depth > 8:
        return None
    if kind.type == "array_type":
        items = _type(sources, kind.child_by_field_name("element"), depth + 1)
        return {"type": "array"} | ({"items": items} if items else {})
    base = _base(kind)
    arguments = next((c for c in kind.named_children if c.type == "type_arguments"), None)
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    if base in _SCALARS:
        return {"type": _SCALARS[base]} if _SCALARS[base] else {}
    if base == "Optional":
        return _type(sources, first, depth + 1)
    if base in _ARRAYS:
        items = _type(sources, first, depth + 1)
        return {"type": "array"} | ({"items": items} if items else {})
    if base in _MAPS:
        return {"type": "object"}
    if base in sources.enums:
        return {"type": "string", "enum": sources.enums[base]}
    return None


def _typed(default: str, kind: str | None) -> Any:
    """Quarkus writes defaults as strings and converts them to the parameter's type."""
    try:
        return {"integer": int, "number": float, "boolean": lambda v: v.lower() == "true"}.get(kind, str)(default)
    except ValueError:
        return default
