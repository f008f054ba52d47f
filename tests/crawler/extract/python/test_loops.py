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


ALMANAC = '''from dataclasses import dataclass
from typing import Callable

from mcp.server import Server
from mcp.server.fastmcp import FastMCP
from mcp.types import Tool

mcp = FastMCP("almanac")


@dataclass
class ToolDef:
    name: str
    description: str
    handler: Callable


def sunrise(city: str) -> str:
    """Sunrise time for a city."""
    return city


def sunset(city: str, utc: bool = False) -> str:
    return city


TOOL_DEFS = [
    ToolDef(name="sun_rise", description="When the sun rises in a city", handler=sunrise),
    ToolDef(name="sun_set", description="When the sun sets in a city", handler=sunset),
]
for spec in TOOL_DEFS:
    mcp.add_tool(spec.handler, name=spec.name, description=spec.description)

low = Server("almanac-moon")
PHASE = {"name": "moon_phase", "description": "Phase of the moon on a date",
         "schema": {"type": "object", "properties": {"date": {"type": "string"}}}}
SPECS = [PHASE, {"name": "moon_rise", "description": "When the moon rises", "schema": {"type": "object"}}]


@low.list_tools()
async def list_tools() -> list[Tool]:
    return [Tool(name=s["name"], description=s["description"], inputSchema=s["schema"]) for s in SPECS]
'''


def test_tools_kept_as_data_records_and_dicts_read_in_loops_and_comprehensions(tmp_path: Path) -> None:
    (tmp_path / "almanac").mkdir()
    (tmp_path / "almanac" / "server.py").write_text(ALMANAC)
    tools = by_name(tmp_path)
    assert set(tools) == {"sun_rise", "sun_set", "moon_phase", "moon_rise"}
    rise = tools["sun_rise"]  # a record's fields: the handler's parameters, the record's name and description
    assert (rise.description, rise.line) == ("When the sun rises in a city", 32)
    assert tools["sun_set"].input_schema == {
        "type": "object",
        "properties": {"city": {"type": "string", "title": "City"},
                       "utc": {"type": "boolean", "default": False, "title": "Utc"}},
        "required": ["city"],
    }
    phase = tools["moon_phase"]  # a comprehension over dicts, one kept under its own name
    assert phase.description == "Phase of the moon on a date"
    assert phase.input_schema == {"type": "object", "properties": {"date": {"type": "string"}}}
    assert tools["moon_rise"].description == "When the moon rises"


HANDLERS = '''from .storage import fetch_port


def tide_times(port: str) -> str:
    """High and low tide times at a port."""
    return fetch_port(port)


async def equinox(year: int) -> str:
    """Dates of the equinoxes in a year."""
    return str(year)


def _cache_key(port: str) -> str:
    return port
'''

REGISTRY = '''import inspect

from mcp.server.fastmcp import FastMCP

from . import handlers

mcp = FastMCP("almanac-tides")
for name, fn in inspect.getmembers(handlers, inspect.isfunction):
    if not name.startswith("_"):
        mcp.tool(name=f"almanac_{name}")(fn)
'''


def test_tools_registered_over_a_modules_functions(tmp_path: Path) -> None:
    (tmp_path / "almanac").mkdir()
    (tmp_path / "almanac" / "handlers.py").write_text(HANDLERS)
    (tmp_path / "almanac" / "storage.py").write_text("def fetch_port(port: str) -> str:\n    return port\n")
    (tmp_path / "almanac" / "server.py").write_text(REGISTRY)
    tools = by_name(tmp_path)  # the module's own functions (not fetch_port, which it imports), `_` ones skipped
    assert set(tools) == {"almanac_equinox", "almanac_tide_times"}
    assert tools["almanac_tide_times"].description == "High and low tide times at a port."
    assert tools["almanac_equinox"].input_schema == {
        "type": "object", "properties": {"year": {"type": "integer", "title": "Year"}}, "required": ["year"]}


_SPREAD = '''
from typing import Any

import mcp.types as types
from mcp.server.lowlevel import Server

server = Server("atlas")

BASE_TOOLS = [{"name": "find_place", "description": "Find a place on the map."}]
LOCAL_TOOLS: list[dict[str, Any]] = [
    {"name": "sign_in", "title": "Sign In", "description": "Sign in to the atlas.",
     "input_schema": {"type": "object", "properties": {}}},
    {"name": "sign_out", "description": "Forget the stored session."},
]


def fetch_catalogue() -> dict[str, Any]:
    return {}


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    entries = [SPREAD]
    return [
        types.Tool(name=t["name"], title=t.get("title"), description=t.get("description"),
                   inputSchema=t.get("input_schema", {"type": "object"}))
        for t in entries
    ]
'''


def test_a_list_the_function_spreads_from_literal_ones_is_read_through(tmp_path: Path) -> None:
    # `.get` keys read through as well (a left-out key is the default given)
    (tmp_path / "atlas.py").write_text(_SPREAD.replace("SPREAD", "*BASE_TOOLS, *LOCAL_TOOLS"))
    tools = by_name(tmp_path)
    assert {name: (t.title, t.description, t.input_schema) for name, t in tools.items()} == {
        "find_place": (None, "Find a place on the map.", {"type": "object"}),
        "sign_in": ("Sign In", "Sign in to the atlas.", {"type": "object", "properties": {}}),
        "sign_out": (None, "Forget the stored session.", {"type": "object"}),
    }


def test_a_list_spreading_tools_fetched_at_run_time_is_not_known(tmp_path: Path) -> None:
    # the fetched part is the server's (or its dependency's) alone: the list is not read in part, so a package
    # declaring nothing else still hands over to the dependency that declares them
    (tmp_path / "atlas.py").write_text(_SPREAD.replace("SPREAD", '*fetch_catalogue().get("tools", []), *LOCAL_TOOLS'))
    assert by_name(tmp_path) == {}


def test_a_comprehension_over_a_list_of_records_imported_from_a_sibling_module(tmp_path: Path) -> None:
    # the low-level server's list_tools reads `TOOLS`, written as records in a module of their own
    package = tmp_path / "harbour"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "specs.py").write_text(
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Spec:\n    name: str\n    description: str\n"
        "    schema: dict\n\n\nTOOLS: list[Spec] = [\n"
        "    Spec(name='list_berths', description=('List the berths ' 'of the harbour.'),\n"
        "         schema={'type': 'object', 'properties': {}}),\n"
        "    Spec(name='book_berth', description='Book a berth.', schema={'type': 'object'}),\n]\n"
    )
    (package / "server.py").write_text(
        "import mcp.types as types\nfrom mcp.server.lowlevel import Server\n\nfrom .specs import TOOLS\n\n"
        "app = Server('harbour')\n\n\n@app.list_tools()\nasync def list_tools() -> list[types.Tool]:\n"
        "    return [types.Tool(name=t.name, description=t.description, inputSchema=t.schema) for t in TOOLS]\n"
    )
    tools = by_name(tmp_path)
    assert {name: t.description for name, t in tools.items()} == {
        "list_berths": "List the berths of the harbour.",
        "book_berth": "Book a berth.",
    }


GARDEN = '''from fastmcp import FastMCP
from fastmcp.tools import Tool
from mcp.types import ToolAnnotations

mcp = FastMCP("garden")


def list_beds() -> str:
    """List the raised beds."""
    return ""


def soil_report(bed: str) -> str:
    """Report a bed's soil."""
    return bed


def dig_bed(bed: str) -> str:
    """Dig a bed over."""
    return bed


def plant_seeds(bed: str, seed: str) -> str:
    """Plant seeds in a bed."""
    return seed


def register(allow_digging: bool = False) -> None:
    readers = [list_beds, soil_report]
    for function in readers:
        tool = Tool.from_function(function, annotations=ToolAnnotations(readOnlyHint=True))
        mcp.add_tool(tool)
    if allow_digging:
        for function in [dig_bed]:
            tool = Tool.from_function(function, annotations=ToolAnnotations(destructiveHint=True))
            mcp.add_tool(tool)
    planting = Tool.from_function(plant_seeds, name="plant")
    mcp.add_tool(planting)
'''


def test_tools_built_from_functions_under_a_name_then_added(tmp_path: Path) -> None:
    """`tool = Tool.from_function(fn, ...)` then `mcp.add_tool(tool)`, in a loop over the functions or once: the
    tool is the one built (a shape of several real fastmcp servers registering in tiers)."""
    (tmp_path / "garden").mkdir()
    (tmp_path / "garden" / "server.py").write_text(GARDEN)
    tools = by_name(tmp_path)
    assert set(tools) == {"list_beds", "soil_report", "dig_bed", "plant"}
    assert tools["soil_report"].description == "Report a bed's soil."
    assert tools["soil_report"].annotations == {"readOnlyHint": True}
    assert tools["dig_bed"].extra["condition"] == "registered only when `allow_digging`"
    assert "condition" not in tools["list_beds"].extra
    assert tools["plant"].description == "Plant seeds in a bed."
