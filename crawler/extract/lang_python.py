"""Python servers: FastMCP's ``@mcp.tool`` (any instance name, with or without arguments), ``add_tool``, and
the low-level server's ``Tool(name=..., inputSchema=...)``, parsed with Python's own ``ast``.

Parameters come from type hints the way FastMCP builds its schema: defaults make a parameter optional,
``Annotated[..., Field(description=...)]`` describes it, ``Literal`` and Enum classes give enums. Text is
taken only from literals and module constants; what cannot be resolved is left out and lowers confidence.
"""

import ast
import inspect
from pathlib import Path
from typing import Any

from catalog.definition import ToolDefinition

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
_SKIP_PARAMS = {"self", "cls", "ctx", "context"}


class _Module:
    """One parsed file: its constants and functions, for resolving names the tool declarations use."""

    def __init__(self, tree: ast.Module) -> None:
        self.constants: dict[str, ast.expr] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.enums: dict[str, list[Any]] = {}
        self.enum_members: dict[tuple[str, str], Any] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.constants[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self.constants[node.target.id] = node.value
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef) and any(_dotted(b).endswith("Enum") for b in node.bases):
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                        value = self.value(stmt.value)
                        if value is not None:
                            self.enum_members[(node.name, stmt.targets[0].id)] = value
                self.enums[node.name] = [v for (cls, _), v in self.enum_members.items() if cls == node.name]

    def value(self, node: ast.expr | None, depth: int = 0) -> Any:
        """A literal value, following module constants, f-strings of constants and `+` of strings; else None."""
        if node is None or depth > 10:
            return None
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.value(self.constants[node.id], depth + 1)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.value(node.left, depth + 1), self.value(node.right, depth + 1)
            return left + right if isinstance(left, str) and isinstance(right, str) else None
        if isinstance(node, ast.JoinedStr):
            parts = []
            for piece in node.values:
                text = self.value(piece.value if isinstance(piece, ast.FormattedValue) else piece, depth + 1)
                if not isinstance(text, str | int | float):
                    return None
                parts.append(str(text))
            return "".join(parts)
        if isinstance(node, ast.Dict):
            keys = [self.value(k, depth + 1) if k is not None else None for k in node.keys]
            values = [self.value(v, depth + 1) for v in node.values]
            return dict(zip(keys, values, strict=True)) if all(isinstance(k, str) for k in keys) else None
        if isinstance(node, ast.List | ast.Tuple):
            return [self.value(e, depth + 1) for e in node.elts]
        if isinstance(node, ast.Call) and _dotted(node.func).split(".")[-1] in ("ToolAnnotations", "dict"):
            return {kw.arg: self.value(kw.value, depth + 1) for kw in node.keywords if kw.arg}
        if isinstance(node, ast.Attribute):  # Enum.MEMBER or Enum.MEMBER.value
            member = node.value if node.attr == "value" else node
            if isinstance(member, ast.Attribute) and isinstance(member.value, ast.Name):
                return self.enum_members.get((member.value.id, member.attr))
        return None


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func)
    return ""


def extract_python(root: Path, files: list[Path]) -> list[ToolDefinition]:
    tools: list[ToolDefinition] = []
    for path in files:
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # the framework reports unparsable files; a syntax error costs this file only
        module = _Module(tree)
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    if _dotted(decorator).split(".")[-1] == "tool":
                        kwargs = decorator.keywords if isinstance(decorator, ast.Call) else []
                        tools.append(_from_function(node, kwargs, module, rel, decorator.lineno))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_tool":
                target = node.args[0] if node.args else None
                if isinstance(target, ast.Name) and target.id in module.functions:
                    tools.append(_from_function(module.functions[target.id], node.keywords, module, rel, node.lineno))
            elif isinstance(node, ast.Call) and _dotted(node.func).split(".")[-1] == "Tool":
                tool = _from_tool_call(node, module, rel)
                if tool is not None:
                    tools.append(tool)
    return tools


def _from_function(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, keywords: list[ast.keyword], module: _Module, rel: str, line: int
) -> ToolDefinition:
    options = {kw.arg: kw.value for kw in keywords if kw.arg}
    name = module.value(options.get("name")) or fn.name
    description = module.value(options.get("description"))
    if description is None and (doc := ast.get_docstring(fn, clean=False)):
        description = inspect.cleandoc(doc)
    annotations = module.value(options.get("annotations")) if "annotations" in options else None
    schema, complete = _schema(fn, module)
    unresolved = "description" in options and description is None
    return ToolDefinition(
        name=str(name),
        title=module.value(options.get("title")),
        description=description,
        input_schema=schema,
        annotations={k: v for k, v in annotations.items() if v is not None} if isinstance(annotations, dict) else None,
        origin="source",
        file=rel,
        line=line,
        confidence=0.9 if complete and not unresolved else 0.6,
    )


def _schema(fn: ast.FunctionDef | ast.AsyncFunctionDef, module: _Module) -> tuple[dict[str, Any], bool]:
    props: dict[str, Any] = {}
    required: list[str] = []
    complete = True
    positional = fn.args.posonlyargs + fn.args.args
    defaults = [None] * (len(positional) - len(fn.args.defaults)) + list(fn.args.defaults)
    params = list(zip(positional, defaults, strict=True)) + list(
        zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True)
    )
    for arg, default in params:
        if arg.arg in _SKIP_PARAMS or (arg.annotation is not None and _dotted(arg.annotation).endswith("Context")):
            continue
        prop, known = _type(arg.annotation, module)
        complete &= known
        if default is None:
            required.append(arg.arg)
        else:
            value = module.value(default)
            if isinstance(default, ast.Call) and _dotted(default.func).endswith("Field"):
                field = {kw.arg: module.value(kw.value) for kw in default.keywords if kw.arg}
                if isinstance(field.get("description"), str):
                    prop["description"] = field["description"]
                if "default" in field and field["default"] is not None:
                    prop["default"] = field["default"]
                elif not any(kw.arg == "default" for kw in default.keywords):
                    required.append(arg.arg)
            elif value is not None or isinstance(default, ast.Constant):
                prop["default"] = value
        prop.setdefault("title", arg.arg.replace("_", " ").title())
        props[arg.arg] = prop
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema, complete


def _type(node: ast.expr | None, module: _Module) -> tuple[dict[str, Any], bool]:
    """A JSON Schema for a type hint, and whether it was fully understood."""
    if node is None:
        return {}, True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
        parts = [p for p in (node.left, node.right) if not (isinstance(p, ast.Constant) and p.value is None)]
        return _type(parts[0], module) if len(parts) == 1 else ({}, False)
    if isinstance(node, ast.Subscript):
        base = _dotted(node.value).split(".")[-1]
        inner = node.slice
        if base == "Optional":
            return _type(inner, module)
        if base == "Literal":
            values = [module.value(e) for e in (inner.elts if isinstance(inner, ast.Tuple) else [inner])]
            return {"enum": values, "type": _json_type(values[0]) if values else None}, True
        if base == "Annotated" and isinstance(inner, ast.Tuple) and inner.elts:
            prop, known = _type(inner.elts[0], module)
            for extra in inner.elts[1:]:
                if isinstance(extra, ast.Call) and _dotted(extra.func).endswith("Field"):
                    for kw in extra.keywords:
                        if kw.arg == "description" and isinstance(text := module.value(kw.value), str):
                            prop["description"] = text
            return prop, known
        if base in ("list", "List", "Sequence", "set", "tuple"):
            items, known = _type(inner if not isinstance(inner, ast.Tuple) else inner.elts[0], module)
            return {"type": "array", "items": items}, known
        if base in ("dict", "Dict", "Mapping"):
            return {"type": "object"}, True
        return {}, False
    name = _dotted(node).split(".")[-1]
    if name in module.enums:
        values = module.enums[name]
        return {"enum": values, "type": _json_type(values[0]) if values else None}, True
    if name in _TYPES:
        kind = _TYPES[name]
        return ({"type": kind} if kind else {}), True
    return {}, False


def _json_type(value: Any) -> str | None:
    return {str: "string", bool: "boolean", int: "integer", float: "number"}.get(type(value))


def _from_tool_call(node: ast.Call, module: _Module, rel: str) -> ToolDefinition | None:
    options = {kw.arg: kw.value for kw in node.keywords if kw.arg}
    name = module.value(options.get("name"))
    if not isinstance(name, str):
        return None
    schema = module.value(options.get("inputSchema"))
    annotations = module.value(options.get("annotations"))
    description = module.value(options.get("description"))
    return ToolDefinition(
        name=name,
        title=module.value(options.get("title")),
        description=description,
        input_schema=schema if isinstance(schema, dict) else None,
        annotations={k: v for k, v in annotations.items() if v is not None} if isinstance(annotations, dict) else None,
        origin="source",
        file=rel,
        line=node.lineno,
        confidence=0.9
        if isinstance(schema, dict) and (description is not None or "description" not in options)
        else 0.5,
    )
