"""Java servers: the MCP Java SDK (Tool builder and constructor), Spring AI (`@McpTool`, `@Tool`) and Quarkus."""

from pathlib import Path

from tests.crawler.extract.support import by_name, scan_names

FIXTURES = Path(__file__).parent / "fixtures"

PATH_SCHEMA = {
    "type": "object",
    "properties": {"path": {"type": "string", "description": "File path"}},
    "required": ["path"],
}


def test_java_sdk_builder_and_constructor() -> None:
    tools = by_name(FIXTURES / "java-sdk")
    assert set(tools) == {"read_file", "delete_file", "list_dir"}
    read = tools["read_file"]  # constants of this class and of another (a text block)
    assert (read.title, read.description) == ("Read file", "Read a file. Returns its text.")
    assert read.input_schema == PATH_SCHEMA
    assert read.annotations == {"title": "Read file", "readOnlyHint": True, "destructiveHint": False}  # nulls unset
    assert (read.file, read.line, read.confidence) == ("src/main/java/com/acme/files/FilesServer.java", 10, 0.9)
    delete = tools["delete_file"]  # ToolAnnotations.builder()
    assert delete.annotations == {"destructiveHint": True, "idempotentHint": True}
    assert delete.input_schema == PATH_SCHEMA
    listing = tools["list_dir"]  # new McpSchema.Tool(name, description, json)
    assert listing.description == "List a directory\twith details"
    assert listing.input_schema == {
        "type": "object",
        "properties": {"path": {"type": "string"}, "hidden": {"type": "boolean", "default": False}},
    }
    assert listing.annotations is None


def test_spring_ai_mcp_tool_and_tool_annotations() -> None:
    tools = by_name(FIXTURES / "java-spring")
    assert set(tools) == {"books_search", "lend", "return_book", "countBooks"}
    search = tools["books_search"]  # name = PREFIX + "search"
    assert search.description == "Search the catalogue by title or author"
    assert search.annotations == {"title": "Search books", "readOnlyHint": True, "openWorldHint": False}
    assert search.input_schema == {  # the exchange is bound by the framework
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "Words to look for"},
            "genre": {"type": "string", "enum": ["FICTION", "HISTORY", "SCIENCE"], "description": "Genre filter"},
            "limit": {"type": "integer", "description": "Page size"},
        },
        "required": ["query"],
    }
    assert tools["lend"].input_schema["required"] == ["bookId", "memberId"]  # required unless said otherwise
    back = tools["return_book"]
    assert back.description == "Record that a book came back" and back.annotations is None
    assert back.input_schema == {
        "type": "object",
        "properties": {
            "bookId": {"type": "integer", "description": "Book id"},
            "notes": {"type": "string", "description": "Condition notes"},
        },
        "required": ["bookId"],
    }
    count = tools["countBooks"]  # no name: the method's; Optional is not required
    assert count.input_schema["required"] == ["tags"]
    assert count.input_schema["properties"]["tags"] == {"type": "array", "items": {"type": "string"}}


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


def test_java_scan() -> None:
    assert scan_names(FIXTURES / "java-sdk") == {"read_file", "delete_file", "list_dir"}
    assert scan_names(FIXTURES / "java-quarkus") == {"addTodo", "purge_done"}
