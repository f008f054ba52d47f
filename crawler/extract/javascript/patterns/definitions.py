"""What a tool declared in JavaScript becomes: a ToolDefinition holding only text that was resolved (confidence
0.9 when all of it was, else 0.5), its input schema as JSON Schema whether written with zod or as plain data."""

from typing import Any

from catalog.core.definition import ToolDefinition
from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, Zod
from crawler.extract.javascript.values.zod import plain, shape_schema

_HINT_KEYS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint", "title")


def arguments(module: Evaluator, value: Any) -> bool:
    """An object schema, or a zod shape `{arg: z…}` (some entries may be beyond reach, built by a helper)."""
    if (
        isinstance(value, dict)
        and not isinstance(value, Zod)
        and (not value or any(isinstance(v, Zod) for v in value.values()))
    ):
        return True
    schema = json_schema(module, value)
    return isinstance(schema, dict) and schema.get("type") == "object"


def tool(module: Evaluator, name: str, config: dict[str, Any], rel: str, line: int, schema_key: str) -> ToolDefinition:
    complete = not config.get("unresolved")
    schema = json_schema(module, config.get(schema_key, config.get("input_schema")))
    if schema is UNRESOLVED:
        complete, schema = False, None
    output = json_schema(module, config.get("outputSchema")) if "outputSchema" in config else None
    description = config.get("description")
    if "description" in config and not isinstance(description, str):
        complete, description = False, None
    annotations = config.get("annotations")
    if isinstance(annotations, dict):
        annotations = {k: v for k, v in annotations.items() if k in _HINT_KEYS and v is not UNRESOLVED}
    title = config.get("title") if isinstance(config.get("title"), str) else None
    return ToolDefinition(
        name=name,
        title=title,
        description=description,
        input_schema=schema if isinstance(schema, dict) else {"type": "object", "properties": {}},
        output_schema=output if isinstance(output, dict) else None,
        annotations=annotations if isinstance(annotations, dict) and annotations else None,
        origin="source",
        file=rel,
        line=line,
        confidence=0.9 if complete else 0.5,
    )


def json_schema(module: Evaluator, value: Any) -> Any:
    """A zod object, a raw zod shape, or plain JSON Schema: as JSON Schema."""
    if value is None:
        return None
    if value == {}:  # an empty zod shape: a tool without parameters
        return {"type": "object", "properties": {}}
    if isinstance(value, Zod):
        return plain(value)
    if isinstance(value, dict) and value and all(isinstance(v, Zod) for v in value.values()):
        return shape_schema(module, value)
    if isinstance(value, dict) and _plain(value):
        return value
    return UNRESOLVED


def _plain(value: Any) -> bool:
    """JSON data with nothing unresolved inside (an unresolved piece would be invented text)."""
    if value is UNRESOLVED:
        return False
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return True
