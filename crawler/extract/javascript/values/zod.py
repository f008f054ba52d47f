"""zod schemas in source (`z.object({...})`, `z.string().describe("…").optional()`) as the JSON Schema the
MCP SDK would send, including in compiled output (`zod_1.z.string()`, `import_zod.z.string()`), and in bundles that
hoist zod 3 into the file (`const stringType = ZodString.create;` … `stringType().describe("…")`)."""

import re
from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, Zod, text

_CONVERTERS = (b"zodToJsonSchema", b"toJSONSchema")  # zod-to-json-schema, and zod 4's own `z.toJSONSchema`
_BASE = {
    "string": "string",
    "number": "number",
    "boolean": "boolean",
    "bigint": "integer",
    "date": "string",
    "any": None,
    "unknown": None,
    "object": "object",
    "array": "array",
    "enum": "string",
    "literal": None,
    "record": "object",
    "union": None,
    "discriminatedUnion": None,
    "nativeEnum": None,
    "tuple": "array",
}


# zod 3's builders as a scope-hoisting bundler (rollup, rspack, esbuild) leaves them: `const stringType =
# ZodString.create;`, possibly renamed (`stringType2`); the class says which builder it is
_HOISTED = re.compile(rb"(?<![\w$.])([A-Za-z_$][\w$]*)\s*=\s*Zod(String|Number|Boolean|BigInt|Date|Any|Unknown|Object|"
                      rb"Array|Enum|Literal|Record|Union|NativeEnum|Tuple)\.create\b")


def _hoisted(module: Evaluator, name: str) -> str | None:
    """The zod method a bundle's hoisted builder ``name`` stands for (`stringType` -> `string`), if the file has it;
    the file's builders are read once, with one regular expression, and kept on its module."""
    builders: dict[str, str] | None = getattr(module, "_zod_builders", None)
    if builders is None:
        source = module.root.text or b""
        found = _HOISTED.findall(source) if b"Zod" in source else []
        builders = {n.decode(): {"BigInt": "bigint"}.get(k.decode(), k.decode()[0].lower() + k.decode()[1:])
                    for n, k in found}
        setattr(module, "_zod_builders", builders)  # noqa: B010 - a cache the Evaluator protocol does not declare
    return builders.get(name)


def _is_z(node: Node) -> bool:
    """`z`, `zod`, `zod_1.z`, `import_zod.z`, `zod.z`: the namespace zod's builders hang from."""
    name = node.text or b""  # bytes, not decoded: the object of a zod chain is the rest of the chain
    return name in (b"z", b"zod") or (node.type == "member_expression" and name.endswith((b".z", b".zod")))


def plain(schema: Zod) -> dict[str, Any]:
    """The JSON Schema of a zod schema, without the shape it was built from."""
    return {k: v for k, v in schema.items() if k != "x-shape"}


def member(schema: Zod, name: str) -> Any:
    """`.shape`, `.value` of a literal, `.options` of an enum: zod's own properties of a schema."""
    if name == "shape":
        return schema.get("x-shape", UNRESOLVED)
    if name == "value" and "const" in schema:
        return schema["const"]
    if name == "options" and "enum" in schema:
        return schema["enum"]
    return UNRESOLVED


def shape_schema(module: Evaluator, shape: dict[str, Any]) -> dict[str, Any] | Any:
    """A zod raw shape ``{a: z.string(), …}`` as an object schema; UNRESOLVED unless every entry is zod."""
    if not isinstance(shape, dict) or not all(isinstance(v, Zod) for v in shape.values()):
        return UNRESOLVED
    props = {name: plain(schema) for name, schema in shape.items()}
    required = [name for name, schema in shape.items() if not schema.optional]
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        out["required"] = required
    return out


def zod_schema(module: Evaluator, node: Node, depth: int) -> Any:
    callee = node.child_by_field_name("function")
    args_node = node.child_by_field_name("arguments")
    # `zodToJsonSchema(x)`, and as bundlers call an import: `(0, ns.zodToJsonSchema)(x)`
    # compared as bytes (ASCII names: what decoding would give): a zod chain's callee is the whole chain
    converter = callee is not None and (callee.text or b"").rstrip(b") ").split(b".")[-1] in _CONVERTERS
    if converter and args_node is not None:
        converted = module.value(args_node.named_children[0], depth + 1) if args_node.named_children else None
        return plain(converted) if isinstance(converted, Zod) else UNRESOLVED
    if callee is not None and callee.type == "identifier" and (method := _hoisted(module, text(callee))):
        args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
        return _base(module, method, args, depth)
    if callee is None or callee.type != "member_expression":
        return UNRESOLVED
    obj, prop = callee.child_by_field_name("object"), callee.child_by_field_name("property")
    if obj is None or prop is None:
        return UNRESOLVED
    method = text(prop)
    args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
    if _is_z(obj):
        return _base(module, method, args, depth)
    inner = module.value(obj, depth + 1)
    if not isinstance(inner, Zod):
        return UNRESOLVED
    schema = Zod(inner)
    schema.optional = inner.optional
    first = module.value(args[0], depth + 1) if args else UNRESOLVED
    if method == "describe" and isinstance(first, str):
        schema["description"] = first
    elif method in ("optional", "nullish"):
        schema.optional = True
    elif method == "default":
        schema.optional = True
        if first is not UNRESOLVED and not callable(first):
            schema["default"] = first
    elif method == "int":
        schema["type"] = "integer"
    elif method in ("url", "email", "uuid", "datetime"):
        schema["format"] = {"url": "uri", "datetime": "date-time"}.get(method, method)
    elif method == "min" and isinstance(first, int | float):
        schema["minLength" if schema.get("type") == "string" else "minimum"] = first
    elif method == "max" and isinstance(first, int | float):
        schema["maxLength" if schema.get("type") == "string" else "maximum"] = first
    return schema


_PRIMITIVES = ("string", "number", "integer", "boolean", "null")


def _union(members: list[dict[str, Any]], discriminated: bool) -> dict[str, Any]:
    """A union as zod-to-json-schema (which the SDK uses) writes it: bare primitives as one list of types, literals
    as an enum, anything else (and every discriminated union: objects told apart by one key) as ``anyOf``."""
    if not discriminated and all(set(m) == {"type"} and m["type"] in _PRIMITIVES for m in members):
        types = list(dict.fromkeys(m["type"] for m in members))
        return {"type": types if len(types) > 1 else types[0]}
    if not discriminated and all(set(m) == {"const"} and isinstance(m["const"], str) for m in members):
        return {"type": "string", "enum": [m["const"] for m in members]}
    return {"anyOf": members}


def _base(module: Evaluator, method: str, args: list[Node], depth: int) -> Any:
    if method not in _BASE:
        return UNRESOLVED
    schema = Zod()
    if _BASE[method]:
        schema["type"] = _BASE[method]
    first = module.value(args[0], depth + 1) if args else UNRESOLVED
    if method == "date":
        schema["format"] = "date-time"
    elif method == "enum" and isinstance(first, list) and all(isinstance(v, str) for v in first):
        schema["enum"] = first
    elif method == "literal" and first is not UNRESOLVED:
        schema["const"] = first
    elif method == "array" and isinstance(first, Zod):
        schema["items"] = plain(first)
    elif method in ("union", "discriminatedUnion"):
        members = module.value(args[-1], depth + 1) if args else UNRESOLVED
        if not isinstance(members, list) or not members or not all(isinstance(m, Zod) for m in members):
            return UNRESOLVED
        schema.update(_union([plain(m) for m in members], discriminated=method == "discriminatedUnion"))
    elif method == "object" and args:
        resolved = shape_schema(module, first)  # a shape built at run time is not an empty one
        if resolved is UNRESOLVED:
            return UNRESOLVED
        schema.update(resolved)
        schema["x-shape"] = first
    return schema
