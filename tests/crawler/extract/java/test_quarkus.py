"""Quarkus: @Tool methods with @ToolArg parameters."""

from pathlib import Path

from tests.crawler.extract.support import by_name

FIXTURES = Path(__file__).parent / "fixtures"


def test_quarkus_tool_and_tool_arg() -> None:
    tools = by_name(FIXTURES / "java-quarkus")
    assert set(tools) == {"addTodo", "purge_done"}
    add = tools["addTodo"]
    assert add.description == "Add a todo item" and add.annotations is None
    assert add.input_schema == {
        "type": "object",
        "properties": {
            "text": {"type": "string", "description": "What to do"},
            "priority": {"type": "integer", "description": "Priority from 1 to 5", "default": 3},
        },
        "required": ["text"],
    }
    purge = tools["purge_done"]
    assert purge.annotations == {"destructiveHint": True, "idempotentHint": True}
    assert purge.input_schema == {"type": "object", "properties": {}}
