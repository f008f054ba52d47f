"""A tool found in Python source made a ToolDefinition: a decorated function (its parameters' type hints make the
schema the way FastMCP builds it), a low-level ``Tool(...)`` call, or the dict ``tools/list`` sends."""

import ast
from typing import Any

from catalog.core.definition import ToolDefinition
from crawler.extract.python.docstrings import description as docstring_description
from crawler.extract.python.schemas import type_schema
from crawler.extract.python.syntax import Evaluator, dotted

_SKIP_PARAMS = {"self", "cls", "ctx", "context"}


def from_function(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    keywords: list[ast.keyword],
    module: Evaluator,
    rel: str,
    line: int,
    library: str = "",
    doc: str | None = None,
) -> ToolDefinition:
    """``doc``: the docstring as the server reads it, when the package's own decorators rewrite it."""
    options = {kw.arg: kw.value for kw in keywords if kw.arg}
    name = module.value(options.get("name")) or fn.name
    description = module.value(options.get("description"))
    if description is None and (doc := doc or ast.get_docstring(fn, clean=False)):
        description = docstring_description(doc, library)
    elif description is None and library == "chuk" and "description" not in options:
        description = f"Execute {name}"  # chuk-mcp-server's text for a function without a docstring
    elif description is None and library == "zeromcp" and "description" not in options:
        description = f"Call {name}"  # zeromcp's
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


def _schema(fn: ast.FunctionDef | ast.AsyncFunctionDef, module: Evaluator) -> tuple[dict[str, Any], bool]:
    props: dict[str, Any] = {}
    required: list[str] = []
    complete = True
    positional = fn.args.posonlyargs + fn.args.args
    defaults = [None] * (len(positional) - len(fn.args.defaults)) + list(fn.args.defaults)
    params = list(zip(positional, defaults, strict=True)) + list(
        zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True)
    )
    for arg, default in params:
        if arg.arg in _SKIP_PARAMS or (arg.annotation is not None and dotted(arg.annotation).endswith("Context")):
            continue
        prop, known = type_schema(module, arg.annotation)
        complete &= known
        if default is None:
            required.append(arg.arg)
        else:
            value = module.value(default)
            if isinstance(default, ast.Call) and dotted(default.func).endswith("Field"):
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


def from_tool_dict(node: ast.Dict, module: Evaluator, rel: str) -> list[ToolDefinition]:
    """A tool written as the dict `tools/list` sends (a server answering JSON-RPC itself, or one handing its dicts
    to the SDK): the keys `name` and `inputSchema` say so. Data, not a registration: a little less sure."""
    keys = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if "name" not in keys or "inputSchema" not in keys:
        return []
    call = ast.Call(func=ast.Name("Tool"), args=[], keywords=[ast.keyword(k, v) for k, v in keys.items()],
                    lineno=node.lineno)
    tool = from_tool_call(call, module, rel)
    if tool is None:
        return []
    tool.confidence = min(tool.confidence, 0.85)
    return [tool]


def from_tool_call(node: ast.Call, module: Evaluator, rel: str) -> ToolDefinition | None:
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
        if isinstance(schema, dict)
        and module.complete(options.get("inputSchema"))
        and (description is not None or "description" not in options)
        else 0.5,
    )
