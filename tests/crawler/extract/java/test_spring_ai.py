"""Spring AI: @McpTool and @Tool methods with their parameter annotations."""

from pathlib import Path

from tests.crawler.extract.support import by_name

FIXTURES = Path(__file__).parent / "fixtures"


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
