"""JSON Schema of a Rust tool's parameters as schemars derives it: struct fields (serde renames, `Option`,
`#[serde(default)]`), scalar and collection types, descriptions from `#[schemars(description)]` or doc comments."""

from typing import Any

from tree_sitter import Node

from crawler.extract.rust.syntax import attribute_name, preceding
from crawler.extract.rust.values import Crate, arguments
from crawler.extract.treesitter import text

_SCALARS = {"String": "string", "str": "string", "bool": "boolean", "f32": "number", "f64": "number", "char": "string"}
_SCALARS |= {t: "integer" for t in ("i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "usize")}
_ARRAYS = {"Vec", "VecDeque", "HashSet", "BTreeSet"}
_MAPS = {"HashMap", "BTreeMap", "Map", "Value"}

EMPTY: dict[str, Any] = {"type": "object", "properties": {}}


def schemars_doc(docs: list[str] | tuple[str, ...]) -> str | None:
    """A doc comment as schemars makes it a description: lines of a paragraph joined by spaces, paragraphs kept."""
    paragraphs = (" ".join(p.split("\n")).strip() for p in "\n".join(docs).strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p) or None


def field_schema(
    crate: Crate, kind: Node | None, attributes: list[Node], docs: list[str] = (), depth: int = 0
) -> tuple[dict, bool]:
    """A field's (or argument's) schema, and whether it may be left out."""
    optional = kind is not None and text(kind.child_by_field_name("type") or kind) == "Option"
    prop = dict(rust_type(crate, kind, depth) or {})
    description = schemars_doc(docs)
    for attribute in attributes:
        args = arguments(attribute, crate)
        if attribute_name(attribute) == "schemars" and isinstance(args.get("description"), str):
            description = args["description"]
        elif attribute_name(attribute) == "serde" and "default" in args:
            optional = True
    if description:
        prop["description"] = description
    return prop, optional


def rust_type(crate: Crate, kind: Node | None, depth: int) -> dict[str, Any] | None:
    if kind is None or depth > 8:
        return None
    if kind.type == "reference_type":
        return rust_type(crate, kind.child_by_field_name("type"), depth + 1)
    base = text(kind.child_by_field_name("type") if kind.type == "generic_type" else kind).rsplit("::", 1)[-1]
    arguments = kind.child_by_field_name("type_arguments") if kind.type == "generic_type" else None
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    if base in _SCALARS:
        return {"type": _SCALARS[base]}
    if base in ("Option", "Box"):
        return rust_type(crate, first, depth + 1)
    if base in _ARRAYS:
        items = rust_type(crate, first, depth + 1)
        return {"type": "array"} | ({"items": items} if items else {})
    if base in _MAPS:
        return {"type": "object"}
    if base in crate.structs:
        return struct_schema(crate, crate.structs[base], depth)
    return None


def struct_schema(crate: Crate, struct: Node, depth: int) -> dict[str, Any]:
    attributes, _ = preceding(struct)
    serde = [arguments(a, crate) for a in attributes if attribute_name(a) == "serde"]
    rename_all = next((s["rename_all"] for s in serde if "rename_all" in s), None)
    body = struct.child_by_field_name("body")
    props: dict[str, Any] = {}
    required: list[str] = []
    for field in (c for c in (body.named_children if body is not None else []) if c.type == "field_declaration"):
        field_attributes, docs = preceding(field)
        key = text(field.child_by_field_name("name"))
        renames = [arguments(a, crate).get("rename") for a in field_attributes if attribute_name(a) == "serde"]
        key = next((r for r in renames if isinstance(r, str)), _renamed(key, rename_all))
        prop, optional = field_schema(crate, field.child_by_field_name("type"), field_attributes, docs, depth + 1)
        props[key] = prop
        required += [] if optional else [key]
    return {"type": "object", "properties": props} | ({"required": required} if required else {})


def _renamed(name: str, rule: Any) -> str:
    words = name.split("_")
    if rule == "camelCase":
        return words[0] + "".join(w.title() for w in words[1:])
    if rule == "PascalCase":
        return "".join(w.title() for w in words)
    if rule == "kebab-case":
        return "-".join(words)
    return name
