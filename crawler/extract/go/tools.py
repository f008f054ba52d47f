"""Go servers, with tree-sitter: mark3labs/mcp-go and the official go-sdk.

mcp-go: `mcp.NewTool("name", mcp.WithDescription(...), mcp.WithString("p", mcp.Required(), ...), ...)`, added
with `s.AddTool(tool, handler)` or inline. NewTool fills all four hints with the spec defaults at run time; only
the `With*HintAnnotation` options the author wrote are recorded (a default is not a declaration).
go-sdk: `&mcp.Tool{Name:, Description:, Annotations: &mcp.ToolAnnotations{...}}`, whose input schema comes from
the handler's typed arguments when added with `mcp.AddTool(server, tool, handler)`: a struct whose `json` tags
name the properties (`omitempty`/`omitzero`: optional) and whose `jsonschema` tags describe them.
"""

import json
import re
from pathlib import Path
from typing import Any

from tree_sitter import Node

from catalog.core.definition import ToolDefinition
from crawler.extract.go.schema import INVOPOP, handler_schema, object_schema
from crawler.extract.go.syntax import GRAMMAR, Shape, arguments, callee, file_shapes
from crawler.extract.go.values import UNRESOLVED, GoStruct, Package
from crawler.extract.limits import relative
from crawler.extract.treesitter import line, parse_all, source_tool, text

_HINTS = {"ReadOnlyHint": "readOnlyHint", "DestructiveHint": "destructiveHint", "IdempotentHint": "idempotentHint"}
_HINTS |= {"OpenWorldHint": "openWorldHint", "Title": "title"}
_TYPES = {"WithString": "string", "WithNumber": "number", "WithInteger": "integer", "WithBoolean": "boolean"}
_TYPES |= {"WithArray": "array", "WithObject": "object"}
_PROPERTY_KEYS = {"Description": "description", "Title": "title", "Pattern": "pattern", "Min": "minimum"}
_PROPERTY_KEYS |= {"Max": "maximum", "MinLength": "minLength", "MaxLength": "maxLength", "MinItems": "minItems"}
_PROPERTY_KEYS |= {"MaxItems": "maxItems", "MultipleOf": "multipleOf", "Items": "items", "Properties": "properties"}
_READ = {"WithDescription", "WithTitleAnnotation", "WithToolAnnotation", "WithInputSchema", "WithRawInputSchema"}
_READ |= set(_TYPES)
_ITEMS = {"WithStringItems": "string", "WithNumberItems": "number", "WithBooleanItems": "boolean"}


def extract_go(
    root: Path, files: list[Path], warnings: list[str], sources: dict[Path, bytes]
) -> list[ToolDefinition]:
    trees: dict[str, list[tuple[str, Node, list[Shape]]]] = {}  # a folder's files: relative path, root, shapes
    served = [p for p in files if not p.name.endswith("_test.go")]  # tests declare tools of their own
    for path, node in parse_all(root, served, GRAMMAR, warnings, sources=sources):  # parsed once, queried once
        rel = relative(path, root)
        trees.setdefault(rel.rpartition("/")[0].strip("."), []).append((rel, node, file_shapes(node)))
    packages: dict[str, Package] = {}
    for folder, parsed in trees.items():
        packages[folder] = Package([(node, found) for _, node, found in parsed], packages)
    tools: list[ToolDefinition] = []
    for folder, parsed in trees.items():
        for rel, _, found in parsed:
            tools += _file_tools(packages[folder], found, rel)
    return tools


def _file_tools(package: Package, found: list[Shape], rel: str) -> list[ToolDefinition]:
    handlers: dict[int, Node] = {}  # a go-sdk Tool literal's start byte -> the handler it is added with
    for kind, node, _ in found:
        if kind == "add_tool" and len(args := arguments(node)) == 3:
            name = text(args[1]) if args[1].type == "identifier" else ""  # `tool := &mcp.Tool{...}` first
            target = (package.local_binding(args[1], name) if name else None) or package.bindings.get(name) or args[1]
            handlers[_unwrap(target).start_byte] = args[2]
    tools = []
    for kind, node, captures in found:
        if kind == "new_tool":
            tool = _mcp_go(package, node, rel)
        elif kind == "tool_literal":
            tool = _go_sdk(package, node, rel, handlers.get(node.start_byte))
        elif kind == "slice_tool" and _tool_type(captures["element"][0]):  # `[]*mcp.Tool{{Name: ...}, ...}`
            tool = _go_sdk(package, node, rel, None)
        else:
            continue
        if tool is not None:
            tools.append(tool)
    return tools


def _tool_type(element: Node) -> bool:
    """Whether a slice's element type is `Tool` (`*mcp.Tool`, `mcp.Tool`, `Tool`)."""
    return text(element).lstrip("*").split(".")[-1] == "Tool"


def _unwrap(node: Node) -> Node:
    while node.type == "unary_expression" and node.child_by_field_name("operand") is not None:
        node = node.child_by_field_name("operand")
    return node


def _mcp_go(package: Package, call: Node, rel: str) -> ToolDefinition | None:
    args = arguments(call)
    name = package.value(args[0]) if args else UNRESOLVED
    if not isinstance(name, str) or not name:
        return None
    complete, description, annotations = True, None, {}
    props: dict[str, Any] = {}
    required: list[str] = []
    schema: Any = None
    made_by = callee(call)
    if made_by == "NewToolWithRawSchema" and len(args) == 3:
        description, schema = package.value(args[1]), _json(package.value(args[2]))
        complete = isinstance(description, str) and isinstance(schema, dict)
    for option in args[1:] if made_by == "NewTool" else []:
        kind = callee(option) if option.type == "call_expression" else ""
        given = arguments(option) if kind else []
        # only an option's first argument is read here (a property's own options, by _property): not the rest
        values = [package.value(given[0])] if given else []
        if kind == "WithDescription" and values and isinstance(values[0], str):
            description = values[0]
        elif kind == "WithTitleAnnotation" and values and isinstance(values[0], str):
            annotations["title"] = values[0]
        elif kind.endswith("HintAnnotation") and values and isinstance(values[0], bool):
            annotations[kind[4].lower() + kind[5 : -len("Annotation")]] = values[0]
        elif kind == "WithToolAnnotation" and values and isinstance(values[0], dict):
            annotations.update(_annotations(values[0]))
        elif kind in _TYPES and values and isinstance(values[0], str):
            prop, is_required, known = _property(package, _TYPES[kind], given[1:])
            props[values[0]] = prop
            required += [values[0]] if is_required else []
            complete &= known
        elif kind == "WithInputSchema" and (typed := _type_argument(option)) is not None:
            schema = object_schema(package, typed, INVOPOP)  # mcp-go's WithInputSchema[T](): T's fields
            complete &= schema is not None
        elif kind == "WithRawInputSchema" and values and isinstance(raw := _json(values[0]), dict):
            schema = raw
        elif kind in _READ or kind.endswith("HintAnnotation") or not kind:
            complete = False  # an option we read but whose value we cannot: the tool stands, less certain
    if schema is None:
        schema = {"type": "object", "properties": props} | ({"required": required} if required else {})
    return source_tool(
        name,
        description=description,
        schema=schema,
        annotations=annotations,
        file=rel,
        line=line(call),
        complete=complete,
    )


def _type_argument(call: Node) -> Node | None:
    """T in `mcp.WithInputSchema[T]()`."""
    function = call.child_by_field_name("function")
    return (
        function.child_by_field_name("index") if function is not None and function.type == "index_expression" else None
    )


def _property(package: Package, kind: str, options: list[Node]) -> tuple[dict[str, Any], bool, bool]:
    """One `mcp.WithString("p", ...)` property: its schema, whether it is required, whether all was read."""
    prop: dict[str, Any] = {"type": kind} | ({"properties": {}} if kind == "object" else {})
    required, known = False, True
    for option in options:
        name = callee(option) if option.type == "call_expression" else ""
        values = [package.value(a) for a in arguments(option)] if name else []
        if name == "Required":
            required = True
        elif name == "Enum" and values and all(isinstance(v, str) for v in values):
            prop["enum"] = values
        elif name.startswith("Default") and len(values) == 1 and values[0] is not UNRESOLVED:
            prop["default"] = values[0]
        elif name in _PROPERTY_KEYS and len(values) == 1 and _plain(values[0]):
            prop[_PROPERTY_KEYS[name]] = values[0]
        elif name in _ITEMS:
            prop["items"] = {"type": _ITEMS[name]}
        elif name == "WithStringEnumItems" and values and isinstance(values[0], list):
            prop["items"] = {"type": "string", "enum": values[0]}
        else:
            known = False
    return prop, required, known


def _go_sdk(package: Package, node: Node, rel: str, handler: Node | None) -> ToolDefinition | None:
    fields = package.value(node)
    if not isinstance(fields, dict) or not isinstance(fields.get("Name"), str) or not fields["Name"]:
        return None
    complete = all(v is not UNRESOLVED for k, v in fields.items() if k in ("Description", "Title", "Annotations"))
    description = fields.get("Description") if isinstance(fields.get("Description"), str) else None
    schema = _json(fields.get("InputSchema")) if "InputSchema" in fields else None
    if "InputSchema" in fields and (not isinstance(schema, dict) or _changed_later(node, "InputSchema")):
        complete = False  # unreadable, or a variable the code goes on to change (`schema.Properties[...] = `)
        schema = schema if isinstance(schema, dict) else None
    if schema is None and handler is not None:
        schema = handler_schema(package, handler)
        complete &= schema is not None
    annotations = _annotations(fields["Annotations"]) if isinstance(fields.get("Annotations"), dict) else {}
    title = fields.get("Title") if isinstance(fields.get("Title"), str) else None
    return source_tool(
        fields["Name"],
        title=title,
        description=description,
        schema=schema,
        annotations=annotations,
        file=rel,
        line=line(node),
        complete=complete,
    )


def _changed_later(literal: Node, field: str) -> bool:
    """Whether a field is set from a local variable the function mentions again (and so may change)."""
    body = literal.child_by_field_name("body") if literal.type == "composite_literal" else literal
    for element in body.named_children if body is not None else []:
        key = element.named_children[0] if element.type == "keyed_element" and element.named_children else None
        if key is not None and text(key) == field:
            value = element.named_children[-1]
            value = value.named_children[0] if value.type == "literal_element" and value.named_children else value
            if value.type != "identifier":
                return False
            scope = value.parent
            while scope is not None and scope.type not in ("function_declaration", "method_declaration"):
                scope = scope.parent
            uses = re.findall(rb"\b%s\b" % re.escape(value.text or b""), scope.text or b"") if scope else []
            return len(uses) > 2  # counted in the source text: a mention in a comment only makes it more careful
    return False


def _annotations(fields: dict[str, Any]) -> dict[str, Any]:
    return {_HINTS[k]: v for k, v in fields.items() if k in _HINTS and isinstance(v, bool | str)}


def _json(value: Any) -> Any:
    """A schema written as JSON text (`json.RawMessage(...)`), or as Go struct literals (`&jsonschema.Schema{
    Type: "object", ...}`) whose field names become JSON's (`Type` -> `type`), map keys kept as written."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return UNRESOLVED
    return _json_keys(value) if _plain(value) else UNRESOLVED


def _json_keys(value: Any) -> Any:
    if isinstance(value, GoStruct):
        return {k[:1].lower() + k[1:]: _json_keys(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {k: _json_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_keys(v) for v in value]
    return value


def _plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is not UNRESOLVED
