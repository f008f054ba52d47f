"""JSON Schema from Go types, read statically: what the go-sdk (google/jsonschema-go) and mcp-go
(invopop/jsonschema) generate by reflection from a tool's argument struct.

Both name a property by its `json` tag (`-` drops it) and make it optional with `omitempty`/`omitzero`; embedded
structs lend their fields. They differ in the `jsonschema` tag: for the go-sdk it is the description itself, for
invopop a list (`description=...,enum=a,enum=b,required`), with `jsonschema_description` as an alternative.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.go.values import Package, go_string, tag_value
from crawler.extract.treesitter import text

GO_SDK, INVOPOP = "go-sdk", "invopop"
MAX_DEPTH = 8
_SCALARS = {"string": "string", "bool": "boolean", "float32": "number", "float64": "number", "any": None}
_SCALARS |= {t: "integer" for t in ("int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32")}
_SCALARS |= {"uint64": "integer", "interface{}": None, "json.RawMessage": None}


def handler_schema(package: Package, handler: Node) -> dict[str, Any] | None:
    """The input schema go-sdk derives from a typed handler's third parameter (`args T` or `*CallToolParamsFor[T]`)."""
    function = package.function(handler)
    params = function.child_by_field_name("parameters") if function is not None else None
    declared = [p for p in (params.named_children if params is not None else []) if p.type == "parameter_declaration"]
    slots = [p for p in declared for _ in (p.children_by_field_name("name") or [p])]
    if len(slots) < 3:
        return None
    kind = slots[2].child_by_field_name("type")
    while kind is not None and kind.type in ("pointer_type", "generic_type"):
        if kind.type == "generic_type":
            arguments = kind.child_by_field_name("type_arguments")
            kind = arguments.named_children[0] if arguments is not None and arguments.named_children else None
            kind = kind.named_children[0] if kind is not None and kind.type == "type_elem" else kind
        else:
            kind = kind.named_children[0] if kind.named_children else None
    return object_schema(package, kind, GO_SDK)


def object_schema(package: Package, kind: Node | None, dialect: str) -> dict[str, Any] | None:
    schema = type_schema(package, kind, 0, dialect)
    return schema if schema is not None and schema.get("type") == "object" else None


def type_schema(package: Package, kind: Node | None, depth: int, dialect: str) -> dict[str, Any] | None:
    if kind is None or depth > MAX_DEPTH:
        return None
    if kind.type == "pointer_type":
        return type_schema(package, kind.named_children[0] if kind.named_children else None, depth + 1, dialect)
    if kind.type in ("slice_type", "array_type"):
        items = type_schema(package, kind.child_by_field_name("element"), depth + 1, dialect)
        return {"type": "array"} | ({"items": items} if items else {})
    if kind.type == "map_type":
        return {"type": "object"}
    if kind.type == "struct_type":
        return _struct(package, kind, depth, dialect)
    name = text(kind)
    if name in _SCALARS:
        return {"type": _SCALARS[name]} if _SCALARS[name] else {}
    if name in package.structs:
        return _struct(package, package.structs[name], depth, dialect)
    return None


def _struct(package: Package, struct: Node, depth: int, dialect: str) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    fields = next((c for c in struct.named_children if c.type == "field_declaration_list"), None)
    for field in (f for f in (fields.named_children if fields else []) if f.type == "field_declaration"):
        tag_node = field.child_by_field_name("tag")
        tag = go_string(tag_node) if tag_node is not None else ""
        json_tag = (tag_value(tag, "json") or "").split(",")
        kind = field.child_by_field_name("type")
        names = [text(n) for n in field.children_by_field_name("name")]
        if not names:  # an embedded struct: its fields are the parent's
            embedded = type_schema(package, kind, depth + 1, dialect) or {}
            props.update(embedded.get("properties", {}))
            required += embedded.get("required", [])
            continue
        for go_name in names:
            if not go_name[:1].isupper() or json_tag[0] == "-":
                continue
            key = json_tag[0] or go_name
            prop = dict(type_schema(package, kind, depth + 1, dialect) or {})
            forced = _describe(prop, tag, dialect)
            props[key] = prop
            if forced or not {"omitempty", "omitzero"} & set(json_tag[1:]):
                required.append(key)
    return {"type": "object", "properties": props} | ({"required": required} if required else {})


def _describe(prop: dict[str, Any], tag: str, dialect: str) -> bool:
    """Put the `jsonschema` tag's description (and, for invopop, enum) on ``prop``; True when it says required."""
    value = tag_value(tag, "jsonschema")
    if dialect == GO_SDK:
        if value:
            prop["description"] = value
        return False
    if description := tag_value(tag, "jsonschema_description"):
        prop["description"] = description
    required, enum = False, []
    for item in (value or "").split(","):
        key, _, setting = item.partition("=")
        if key == "description" and setting:
            prop["description"] = setting
        elif key == "enum" and setting:
            enum.append(int(setting) if prop.get("type") == "integer" and setting.lstrip("-").isdigit() else setting)
        required |= key == "required"
    if enum:
        prop["enum"] = enum
    return required
