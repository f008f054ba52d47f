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
from crawler.extract.treesitter import extract_with, find, line, source_tool, text, walk

_HINTS = {
    "read_only_hint": "readOnlyHint",
    "destructive_hint": "destructiveHint",
    "idempotent_hint": "idempotentHint",
    "open_world_hint": "openWorldHint",
    "title": "title",
}
_SCALARS = {"String": "string", "str": "string", "bool": "boolean", "f32": "number", "f64": "number", "char": "string"}
_SCALARS |= {t: "integer" for t in ("i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "usize")}
_ARRAYS = {"Vec", "VecDeque", "HashSet", "BTreeSet"}
_MAPS = {"HashMap", "BTreeMap", "Map", "Value"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def rust_string(node: Node) -> str | None:
    if node.type == "raw_string_literal":
        return "".join(text(c) for c in node.named_children if c.type == "string_content")
    if node.type != "string_literal":
        return None
    parts = []
    for child in node.named_children:
        raw = text(child)
        if child.type != "escape_sequence":
            parts.append(raw)
        elif raw.startswith("\\u{"):
            parts.append(chr(int(raw[3:-1], 16)))
        elif raw.startswith("\\\n"):
            continue  # a line continuation swallows the newline and the indentation after it
        else:
            parts.append(_ESCAPES.get(raw[1:], raw))
    return "".join(parts)


class Crate:
    """Structs and string constants of every Rust file, by name: a derive's struct may live anywhere."""

    def __init__(self, roots: list[Node]) -> None:
        self.structs: dict[str, Node] = {}
        self.constants: dict[str, Node] = {}
        for root in roots:
            for node in find(root, "rust", "struct_item", "const_item", "static_item"):
                if node.type == "struct_item" and (name := node.child_by_field_name("name")) is not None:
                    self.structs.setdefault(text(name), node)
                elif node.type in ("const_item", "static_item") and (value := node.child_by_field_name("value")):
                    self.constants.setdefault(text(node.child_by_field_name("name")), value)

    def value(self, node: Node | None) -> Any:
        if node is None:
            return None
        if node.type in ("string_literal", "raw_string_literal"):
            return rust_string(node)
        if node.type == "boolean_literal":
            return text(node) == "true"
        if node.type == "identifier" and text(node) in self.constants:
            return self.value(self.constants[text(node)])
        return None


def extract_rust(root: Path, files: list[Path], warnings: list[str]) -> list[ToolDefinition]:
    return extract_with(root, files, warnings, "rust", Crate, ("function_item", "struct_item"), _visit)


def _visit(crate: Crate, item: Node, rel: str) -> ToolDefinition | None:
    attributes, docs = _preceding(item)
    macro = "tool" if item.type == "function_item" else "mcp_tool"  # rust-mcp-sdk: a struct is the tool
    options = next((_arguments(a, crate) for a in attributes if _attribute_name(a) == macro), None)
    if options is None or ("name" in options and options["name"] is None):
        return None  # not a tool, or one whose name cannot be read: left out
    return _tool(crate, item, options, docs, rel)


def _preceding(node: Node) -> tuple[list[Node], list[str]]:
    """The attributes and doc-comment lines written just before an item."""
    attributes, docs = [], []
    sibling = node.prev_named_sibling
    while sibling is not None and sibling.type in ("attribute_item", "line_comment", "block_comment"):
        if sibling.type == "attribute_item":
            attributes.append(sibling)
        elif (doc := sibling.child_by_field_name("doc")) is not None:
            docs.insert(0, text(doc).strip())
        sibling = sibling.prev_named_sibling
    return attributes, docs


def _attribute_name(item: Node) -> str:
    attribute = next((c for c in item.named_children if c.type == "attribute"), None)
    path = attribute.named_children[0] if attribute is not None and attribute.named_children else None
    return text(path).rsplit("::", 1)[-1] if path is not None else ""


def _arguments(item: Node, crate: Crate) -> dict[str, Any]:
    """`#[x(a = "s", flag, nested(b = true))]` as {"a": "s", "flag": True, "nested": {"b": True}}."""
    attribute = next((c for c in item.named_children if c.type == "attribute"), None)
    tree = attribute.child_by_field_name("arguments") if attribute is not None else None
    return _token_tree(tree, crate) if tree is not None else {}


def _token_tree(tree: Node, crate: Crate, depth: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if depth > 8:  # attributes nest a level or two; deeper is hostile
        return out
    tokens = [c for c in tree.children if c.type not in ("(", ")", "[", "]", "{", "}")]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "identifier" or (not token.is_named and token.type.isidentifier()):  # `default` too
            key = text(token)
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is not None and following.type == "=" and i + 2 < len(tokens):
                out[key] = crate.value(tokens[i + 2])  # None when not a literal or a known constant
                i += 3
                continue
            if following is not None and following.type == "token_tree":
                out[key] = _token_tree(following, crate, depth + 1)
                i += 2
                continue
            out[key] = True
        i += 1
    return out


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
        schema, known = _struct(crate, function, 0), True
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
            flags = next((_arguments(a, crate) for a in pending if _attribute_name(a) == "tool"), {})
            if wrapper.endswith("Parameters") or flags.get("aggr"):
                inner = kind.child_by_field_name("type_arguments") if wrapper.endswith("Parameters") else None
                target = inner.named_children[0] if inner is not None and inner.named_children else kind
                schema = _type(crate, target, 0)
                return (schema, True) if schema and schema.get("type") == "object" else (dict(_EMPTY), False)
            if flags.get("param") or (free and child.child_by_field_name("pattern").type == "identifier"):
                key = text(child.child_by_field_name("pattern"))
                prop, optional = _field(crate, kind, pending)
                props[key] = prop
                known &= bool(prop)
                required += [] if optional else [key]
            pending = []
    return {"type": "object", "properties": props} | ({"required": required} if required else {}), known


_EMPTY: dict[str, Any] = {"type": "object", "properties": {}}


def _schemars_doc(docs: list[str] | tuple[str, ...]) -> str | None:
    """A doc comment as schemars makes it a description: lines of a paragraph joined by spaces, paragraphs kept."""
    paragraphs = (" ".join(p.split("\n")).strip() for p in "\n".join(docs).strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p) or None


def _field(
    crate: Crate, kind: Node | None, attributes: list[Node], docs: list[str] = (), depth: int = 0
) -> tuple[dict, bool]:
    """A field's (or argument's) schema, and whether it may be left out."""
    optional = kind is not None and text(kind.child_by_field_name("type") or kind) == "Option"
    prop = dict(_type(crate, kind, depth) or {})
    description = _schemars_doc(docs)
    for attribute in attributes:
        args = _arguments(attribute, crate)
        if _attribute_name(attribute) == "schemars" and isinstance(args.get("description"), str):
            description = args["description"]
        elif _attribute_name(attribute) == "serde" and "default" in args:
            optional = True
    if description:
        prop["description"] = description
    return prop, optional


def _type(crate: Crate, kind: Node | None, depth: int) -> dict[str, Any] | None:
    if kind is None or depth > 8:
        return None
    if kind.type == "reference_type":
        return _type(crate, kind.child_by_field_name("type"), depth + 1)
    base = text(kind.child_by_field_name("type") if kind.type == "generic_type" else kind).rsplit("::", 1)[-1]
    arguments = kind.child_by_field_name("type_arguments") if kind.type == "generic_type" else None
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    if base in _SCALARS:
        return {"type": _SCALARS[base]}
    if base in ("Option", "Box"):
        return _type(crate, first, depth + 1)
    if base in _ARRAYS:
        items = _type(crate, first, depth + 1)
        return {"type": "array"} | ({"items": items} if items else {})
    if base in _MAPS:
        return {"type": "object"}
    if base in crate.structs:
        return _struct(crate, crate.structs[base], depth)
    return None


def _struct(crate: Crate, struct: Node, depth: int) -> dict[str, Any]:
    attributes, _ = _preceding(struct)
    serde = [_arguments(a, crate) for a in attributes if _attribute_name(a) == "serde"]
    rename_all = next((s["rename_all"] for s in serde if "rename_all" in s), None)
    body = struct.child_by_field_name("body")
    props: dict[str, Any] = {}
    required: list[str] = []
    for field in (c for c in (body.named_children if body is not None else []) if c.type == "field_declaration"):
        field_attributes, docs = _preceding(field)
        key = text(field.child_by_field_name("name"))
        renames = [_arguments(a, crate).get("rename") for a in field_attributes if _attribute_name(a) == "serde"]
        key = next((r for r in renames if isinstance(r, str)), _renamed(key, rename_all))
        prop, optional = _field(crate, field.child_by_field_name("type"), field_attributes, docs, depth + 1)
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
