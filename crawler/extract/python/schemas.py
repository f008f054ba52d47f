"""Python type hints and pydantic models as the JSON Schema FastMCP and pydantic build from them, read statically.

`Literal` and Enum classes give enums, `Annotated[..., Field(description=...)]` describes, pydantic's URL, date
and UUID types give their formats, a `BaseModel` subclass is an object whose fields (inherited first) carry their
`Field(description=..., default=...)`, required unless given a default. Names, constants and model classes are
resolved by the module that holds the hint, through the Evaluator interface (syntax.py; values.PyModule implements
it, and calls back here for `Model.model_json_schema()`); each schema comes with whether it was fully understood,
so the caller lowers its confidence instead of guessing.
"""

import ast
import inspect
from typing import Any

from crawler.extract.python.syntax import MAX_DEPTH, Evaluator, dotted

_TYPES = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "dict": "object",
    "list": "array",
    "tuple": "array",
    "set": "array",
    "bytes": "string",
    "Any": None,
}
_URL = {"type": "string", "format": "uri", "minLength": 1}  # pydantic's schema for its URL types
_FORMATS: dict[str, dict[str, Any]] = {
    "AnyUrl": _URL,
    "HttpUrl": _URL | {"maxLength": 2083},
    "AnyHttpUrl": _URL,
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "time": {"type": "string", "format": "time"},
    "UUID": {"type": "string", "format": "uuid"},
    "Path": {"type": "string", "format": "path"},
    "EmailStr": {"type": "string", "format": "email"},
}


def type_schema(module: Evaluator, node: ast.expr | None, depth: int = 0) -> tuple[dict[str, Any], bool]:
    """A JSON Schema for a type hint, and whether it was fully understood."""
    if node is None or depth > MAX_DEPTH:
        return {}, node is None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
        parts = [p for p in (node.left, node.right) if not (isinstance(p, ast.Constant) and p.value is None)]
        return type_schema(module, parts[0], depth + 1) if len(parts) == 1 else ({}, False)
    if isinstance(node, ast.Subscript):
        return _generic(module, node, depth)
    name = dotted(node)
    short = name.split(".")[-1]
    if short in module.enums:
        values = module.enums[short]
        return {"enum": values, "type": json_type(values[0]) if values else None}, True
    if short in _TYPES:
        kind = _TYPES[short]
        return ({"type": kind} if kind else {}), True
    if short in _FORMATS:
        return dict(_FORMATS[short]), True
    if (found := module.model(name)) is not None:
        return model_schema(*found, depth + 1)
    return {}, False


def _generic(module: Evaluator, node: ast.Subscript, depth: int) -> tuple[dict[str, Any], bool]:
    base = dotted(node.value).split(".")[-1]
    inner = node.slice
    if base == "Optional":
        return type_schema(module, inner, depth + 1)
    if base == "Literal":
        values = [module.value(e) for e in (inner.elts if isinstance(inner, ast.Tuple) else [inner])]
        return {"enum": values, "type": json_type(values[0]) if values else None}, True
    if base == "Annotated" and isinstance(inner, ast.Tuple) and inner.elts:
        prop, known = type_schema(module, inner.elts[0], depth + 1)
        for extra in inner.elts[1:]:
            if isinstance(extra, ast.Call) and dotted(extra.func).endswith("Field"):
                for kw in extra.keywords:
                    if kw.arg == "description" and isinstance(text := module.value(kw.value), str):
                        prop["description"] = text
        return prop, known
    if base in ("list", "List", "Sequence", "set", "tuple"):
        items, known = type_schema(module, inner if not isinstance(inner, ast.Tuple) else inner.elts[0], depth + 1)
        return {"type": "array", "items": items}, known
    if base in ("dict", "Dict", "Mapping"):
        return {"type": "object"}, True
    return {}, False


def json_type(value: Any) -> str | None:
    return {str: "string", bool: "boolean", int: "integer", float: "number"}.get(type(value))


def model_schema(module: Evaluator, cls: ast.ClassDef, depth: int = 0) -> tuple[dict[str, Any], bool]:
    """What pydantic's `model_json_schema()` says of a model: fields (inherited first), titles, required; and
    whether every field's type and text could be read."""
    props: dict[str, Any] = {}
    required: list[str] = []
    complete = True
    for base in cls.bases:
        if depth < MAX_DEPTH and (parent := module.model(dotted(base))) is not None:
            inherited, known = model_schema(*parent, depth + 1)
            props.update(inherited["properties"])
            required += inherited.get("required", [])
            complete &= known
    for stmt in cls.body:
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        name = stmt.target.id
        hint = stmt.annotation.value if isinstance(stmt.annotation, ast.Subscript) else stmt.annotation
        if name.startswith("_") or name == "model_config" or dotted(hint).endswith("ClassVar"):
            continue
        prop, known = type_schema(module, stmt.annotation, depth + 1)
        prop, complete = dict(prop), complete and known
        optional = stmt.value is not None
        if isinstance(stmt.value, ast.Call) and dotted(stmt.value.func).endswith("Field"):
            options = {kw.arg: kw.value for kw in stmt.value.keywords if kw.arg}
            first = stmt.value.args[0] if stmt.value.args else options.get("default")
            if isinstance(description := module.value(options.get("description")), str):
                prop["description"] = description
            complete &= "description" not in options or isinstance(description, str)
            optional = "default_factory" in options or (first is not None and not _ellipsis(first))
            if first is not None and not _ellipsis(first):
                prop["default"] = module.value(first)
        elif stmt.value is not None:
            prop["default"] = module.value(stmt.value)
        prop.setdefault("title", name.replace("_", " ").title())
        props[name] = prop
        if not optional:
            required.append(name)
    schema: dict[str, Any] = {"type": "object", "properties": props, "title": cls.name}
    if doc := ast.get_docstring(cls, clean=False):
        schema["description"] = inspect.cleandoc(doc)
    return schema | ({"required": required} if required else {}), complete


def _ellipsis(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis
