"""The MCP Java SDK: McpSchema.Tool builders and constructors; and the Java fixtures as `mcprisk scan` sees them."""

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


def test_java_scan() -> None:
    assert scan_names(FIXTURES / "java-sdk") == {"read_file", "delete_file", "list_dir"}
    assert scan_names(FIXTURES / "java-quarkus") == {"addTodo", "purge_done"}
