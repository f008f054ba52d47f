"""The official go-sdk: &mcp.Tool{...} literals, tool slices, and schemas from the handler's typed arguments."""

from tests.crawler.extract.support import by_name
from tests.paths import GO_FIXTURES as FIXTURES

GO = FIXTURES / "go-server"


def test_go_sdk_tool_literals_and_typed_arguments() -> None:
    tools = by_name(GO)
    search = tools["search"]
    assert search.description == "Search the knowledge base" and search.file == "sdkserver/server.go"
    assert search.annotations == {"readOnlyHint": True, "openWorldHint": False}
    assert search.input_schema == {
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "words to look for"},
            "limit": {"type": "integer", "description": "how many results"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "cursor": {"type": "string", "description": "where the last page ended"},  # embedded struct
        },
        "required": ["query"],
    }
    purge = tools["purge_collection"]  # the literal is a local variable; the handler a function literal
    assert (purge.title, purge.description) == ("Purge collection", "Remove every document of a collection")
    assert purge.annotations == {"destructiveHint": True, "idempotentHint": True}
    assert purge.input_schema == {
        "type": "object",
        "properties": {"collection": {"type": "string", "description": "collection to empty"}},
        "required": ["collection"],
    }
    echo = tools["raw_echo"]
    assert echo.input_schema == {
        "type": "object",
        "properties": {"text": {"type": "string"}},
        "required": ["text"],
    }
    assert echo.annotations is None and echo.confidence == 0.9


def test_go_sdk_schema_literals_local_variables_and_tool_slices() -> None:
    tools = by_name(GO)
    record = tools["get_record"]  # an element of []*mcp.Tool{...}; a local variable inside t(KEY, default)
    assert record.description == "Read one record by its id"
    assert record.input_schema == {  # jsonschema.Schema field names become JSON's; map keys stay as written
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "Record id"},
            "fields": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id"],
    }
    assert record.confidence == 0.9
    listing = tools["list_records"]  # a local schema the function changes later: what was read, less certain
    assert listing.input_schema == {"type": "object", "properties": {}} and listing.confidence == 0.5
