"""A low-level Python server that lists its tools in a loop over a literal collection, with names from an Enum
imported from a sibling module (a shape met on a real server added unseen)."""

from pathlib import Path

from tests.crawler.extract.support import by_name

ENUMS = """from enum import StrEnum


class Kind(StrEnum):
    BOOKS = "search_books"
    FILMS = "search_films"
    MUSIC = "search_music"
"""

SERVER = """from mcp.server import Server
from mcp.types import Tool
from pydantic import BaseModel

from .enums import Kind


class Query(BaseModel):
    q: str


class Lookup(BaseModel):
    id: int


SEARCHES = {Kind.BOOKS: Query, Kind.FILMS: Query, Kind.MUSIC: Lookup}
EXTRA = [("random_pick", "Pick something at random"), ("top_ten", "The ten most read")]
server = Server("library")


@server.list_tools()
async def list_tools() -> list[Tool]:
    tools = []
    for kind, model in SEARCHES.items():
        tools.append(Tool(name=kind.value, description="Search the catalogue", inputSchema=model.model_json_schema()))
    for name, text in EXTRA:
        tools.append(Tool(name=name, description=text, inputSchema={"type": "object", "properties": {}}))
    for item in load_more():  # not a literal collection: nothing is read from it
        tools.append(Tool(name=item.name, description=item.text, inputSchema={}))
    tools.append(Tool(name=Kind.BOOKS + "_count", description="Count books", inputSchema={"type": "object"}))
    return tools
"""


def test_tools_listed_in_a_loop_over_a_literal_collection(tmp_path: Path) -> None:
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "enums.py").write_text(ENUMS)
    (tmp_path / "library" / "server.py").write_text(SERVER)
    tools = by_name(tmp_path)
    names = {"search_books", "search_films", "search_music", "random_pick", "top_ten", "search_books_count"}
    assert set(tools) == names  # a StrEnum member is a str: `Kind.BOOKS + "_count"` too
    assert tools["search_music"].description == "Search the catalogue"
    assert tools["search_music"].input_schema["properties"] == {"id": {"type": "integer", "title": "Id"}}
    assert tools["search_books"].input_schema["properties"] == {"q": {"type": "string", "title": "Q"}}
    assert tools["top_ten"].description == "The ten most read"
