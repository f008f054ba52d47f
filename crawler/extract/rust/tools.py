"""Rust servers on rmcp, with tree-sitter: `#[tool(...)]` methods of a `#[tool_router]` (or `#[tool(tool_box)]`) impl.

The macro's rules: the name is `name = "..."` or the function's name; the description is `description = "..."`
or the doc comment; `annotations(read_only_hint = true, ...)` are the declared hints. Parameters come from
`Parameters<T>` (or `#[tool(aggr)] T`) where T is a struct deriving `JsonSchema`, whose fields are described by
`#[schemars(description = ...)]` or doc comments, and optional when `Option<_>` or `#[serde(default)]`; or from
`#[tool(param)]` arguments one by one. Structs and `const` strings are looked up across the whole crate.
"""

from pathlib import Path
from typing import Any

from tree_sitter import Node

from catalog.core.definition import ToolDefinition
from crawler.extract.limits import relative
from crawler.extract.rust.schema import EMPTY, field_schema, rust_type, struct_schema
from crawler.extract.rust.syntax import GRAMMAR, SHAPES, attribute_name, attributed, preceding, query
from crawler.extract.rust.values import Crate, arguments
from crawler.extract.treesitter import declarations, line, parse_and_query, source_tool, text, walk

_HINTS = {
    "read_only_hint": "readOnlyHint",
    "destructive_hint": "destructiveHint",
    "idempotent_hint": "idempotentHint",
    "open_world_hint": "openWorldHint",
    "title": "title",
}


def extract_rust(
    root: Path, files: list[Path], warnings: list[str], sources: dict[Path, bytes]
) -> list[ToolDefinition]:
    parsed = parse_and_query(root, files, warnings, GRAMMAR, query(), SHAPES, sources)
    crate = Crate(declarations(parsed))
    tools = []
    for path, _, found in parsed:
        rel = relative(path, root)
        items = {}  # the items tool attributes stand before, each once, in source order
        for kind, attribute, _ in found:
            item = attributed(attribute) if kind == "tool_attribute" else None
            if item is not None and item.type in ("function_item", "struct_item"):
                items.setdefault((item.start_byte, item.end_byte), item)
        for item in sorted(items.values(), key=lambda n: (n.start_byte, -n.end_byte)):
            if (tool := _visit(crate, item, rel)) is not None:
                tools.append(tool)
    return tools


def _visit(crate: Crate, item: Node, rel: str) -> ToolDefinition | None:
    attributes, docs = preceding(item)
    macro = "tool" if item.type == "function_item" else "mcp_tool"  # rust-mcp-sdk: a struct is the tool
    options = next((arguments(a, crate) for a in attributes if attribute_name(a) == macro), None)
    if options is None or ("name" in options and options["name"] is None):
        return None  # not a tool, or one whose name cannot be read: left out
    return _tool(crate, item, options, docs, rel)


def _tool(crate: Crate, function: Node, options: dict[str, Any], docs: list[str], rel: str) -> ToolDefinition:
    complete = all(options.get(k) is not None for k in ("name", "description", "title") if k in options)
    name = options.get("name") if isinstance(options.get("name"), str) else text(function.child_by_field_name("name"))
    description = options.get("description")
    if "description" not in options and docs:
        description = "\n".join(docs)
    hints = options.get("annotations") if isinstance(options.get("annotations"), dict) else {}
    if function.type == "struct_item":  # rust-mcp-sdk writes the hints flat: #[mcp_tool(read_only_hint = true)]
        hints = {k: v for k, v in options.items() if k.endswith("_hint")}
    annotations = {_HINTS[k]: v for k, v in hints.items() if k in _HINTS and isinstance(v, bool | str)}
    complete &= len(annotations) == len(hints)
    if function.type == "struct_item":
        schema, known = struct_schema(crate, function, 0), True
    else:
        schema, known = _parameters(crate, function)
    return source_tool(
        name,
        title=options.get("title"),
        description=description,
        schema=schema,
        annotations=annotations,
        file=rel,
        line=line(function),
        complete=complete and known,
    )


def _parameters(crate: Crate, function: Node) -> tuple[dict[str, Any], bool]:
    """The input schema: one `Parameters<T>`/aggregated struct, or the `#[tool(param)]` arguments; a free function
    (mcp-core's `#[tool]`, outside any impl) takes every argument as a parameter."""
    params = function.child_by_field_name("parameters")
    free = function.parent is None or function.parent.type != "declaration_list"
    props: dict[str, Any] = {}
    required: list[str] = []
    known, pending = True, []
    for child in walk(params) if params is not None else []:
        if child.type == "attribute_item":
            pending.append(child)
        elif child.type == "parameter":
            kind = child.child_by_field_name("type")
            wrapper = text(kind.child_by_field_name("type")) if kind is not None else ""
            flags = next((arguments(a, crate) for a in pending if attribute_name(a) == "tool"), {})
            if wrapper.endswith("Parameters") or flags.get("aggr"):
                inner = kind.child_by_field_name("type_arguments") if wrapper.endswith("Parameters") else None
                target = inner.named_children[0] if inner is not None and inner.named_children else kind
                schema = rust_type(crate, target, 0)
                return (schema, True) if schema and schema.get("type") == "object" else (dict(EMPTY), False)
            if flags.get("param") or (free and child.child_by_field_name("pattern").type == "identifier"):
                key = text(child.child_by_field_name("pattern"))
                prop, optional = field_schema(crate, kind, pending)
                props[key] = prop
                known &= bool(prop)
                required += [] if optional else [key]
            pending = []
    return {"type": "object", "properties": props} | ({"required": required} if required else {}), known
