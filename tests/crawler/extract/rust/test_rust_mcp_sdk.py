"""rust-mcp-sdk's #[mcp_tool] structs and mcp-core's free #[tool] functions."""

from pathlib import Path

from tests.crawler.extract.support import by_name

FIXTURES = Path(__file__).parent / "fixtures"

RUST = FIXTURES / "rust-server"


def test_rust_mcp_sdk_tool_structs_and_mcp_core_free_functions() -> None:
    tools = by_name(RUST)
    note = tools["write_note"]  # rust-mcp-sdk: #[mcp_tool] on the struct that is the input schema
    assert (note.title, note.description) == ("Write note", "Create or overwrite a note")
    assert note.annotations == {"destructiveHint": True, "readOnlyHint": False}
    assert note.input_schema == {
        "type": "object",
        "properties": {
            "path": {"type": "string", "description": "Where the note goes."},
            "content": {"type": "string", "description": "Its text."},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["path", "content"],
    }
    search = tools["web_search"]  # mcp-core: a free function's arguments are the parameters
    assert search.annotations == {"readOnlyHint": True, "openWorldHint": True}
    assert search.input_schema == {
        "type": "object",
        "properties": {"query": {"type": "string"}, "limit": {"type": "integer"}},
        "required": ["query"],
    }
