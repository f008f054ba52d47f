"""rmcp: #[tool(...)] methods of a #[tool_router] impl; and the whole Rust fixture as `mcprisk scan` sees it."""

from pathlib import Path

from tests.crawler.extract.support import by_name, scan_names

FIXTURES = Path(__file__).parent / "fixtures"

RUST = FIXTURES / "rust-server"


def test_rmcp_tools_with_parameter_structs() -> None:
    tools = by_name(RUST)
    assert set(tools) == {"get", "put_value", "flush_all", "sum", "write_note", "web_search"}  # not `helper`
    get = tools["get"]  # no `name =`: the function's name
    assert get.description == "Read a value by key"
    assert get.annotations == {"readOnlyHint": True, "title": "Get value"}
    assert get.input_schema == {  # a struct of another module, serde rename_all, Option and #[serde(default)]
        "type": "object",
        "properties": {
            "keyName": {"type": "string", "description": "The key to read."},
            "nameSpace": {"type": "string", "description": 'Namespace, default "main"'},
            "includeMeta": {"type": "boolean"},
        },
        "required": ["keyName"],
    }
    assert (get.file, get.line, get.confidence) == ("src/server.rs", 13, 0.9)
    put = tools["put_value"]  # the description is the doc comment
    assert put.description == "Store a value under a key.\n\nOverwrites what was there."
    assert put.annotations == {"destructiveHint": False, "idempotentHint": True}
    assert put.input_schema == {
        "type": "object",
        "properties": {
            "key": {"type": "string"},
            "value": {"type": "string", "description": "Value to store."},
            "ttl": {
                "type": "integer",
                "description": "Seconds to keep it, counted from now.\n\nNone keeps it forever.",
            },
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["key", "value", "tags"],
    }


def test_rmcp_constants_titles_and_param_arguments() -> None:
    tools = by_name(RUST)
    flush = tools["flush_all"]
    assert (flush.title, flush.description) == ("Flush", "Remove every key. Cannot be undone.")  # a const
    assert flush.annotations == {"destructiveHint": True, "openWorldHint": False}
    assert flush.input_schema == {"type": "object", "properties": {}}
    total = tools["sum"]  # the older #[tool(tool_box)] style with #[tool(param)] arguments
    assert total.annotations is None and total.description == "Add two numbers"
    assert total.input_schema == {
        "type": "object",
        "properties": {
            "a": {"type": "integer", "description": "left operand"},
            "b": {"type": "number", "description": "right operand"},
        },
        "required": ["a"],
    }


def test_rust_scan() -> None:
    assert scan_names(RUST) == {"get", "put_value", "flush_all", "sum", "write_note", "web_search"}
