"""Python descriptions as the server makes them: a fastmcp tool's follows the fastmcp version the package runs on
(from version 3.2, a docstring's parameter sections are cut, from 4.1 any section; a package whose requirement keeps
fastmcp below 3.2 sends them), and texts passed through the standard library's text functions are what those
functions return."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.crawler.extract.support import by_name
from tests.paths import PYTHON_FIXTURES as FIXTURES


def _pantry(folder: Path, requirement: str) -> Path:
    shutil.copytree(FIXTURES / "py-docstrings", folder)
    (folder / "pyproject.toml").write_text(f'[project]\nname = "pantry"\ndependencies = ["{requirement}"]\n')
    return folder


def test_fastmcp_below_3_2_sends_the_whole_cleaned_docstring(tmp_path: Path) -> None:
    for requirement in ("fastmcp>=2.10,<3.0", "fastmcp>=3,<3.2"):  # 3.0 and 3.1 parse no docstring either
        tools = by_name(_pantry(tmp_path / requirement.replace(">=", "-").replace("<", "-"), requirement))
        assert tools["add_item"].description == (
            "Put an item in the pantry.\n\nArgs:\n    name: What to add.\n    count: How many.\n\n"
            "Returns:\n    The pantry line written."
        ), requirement


def test_fastmcp_from_3_on_cuts_the_parameter_sections(tmp_path: Path) -> None:
    for requirement in ("fastmcp>=2.10", "fastmcp>=3", "fastmcp"):  # a range that admits 3 installs today's
        tools = by_name(_pantry(tmp_path / requirement.replace(">=", "-"), requirement))
        assert tools["add_item"].description == "Put an item in the pantry.", requirement


COUNT, SHELF, RESTOCK = (
    "Count the items in the pantry.\n\nReturns:\n    How many there are.",
    "Empty one shelf.\n\nRules:\n    Only a shelf you own can be emptied.",
    "Restock from the usual shop.\n\nNote:\n    The shop opens at nine.",
)


def test_what_ends_the_description_follows_the_newest_fastmcp_the_requirement_admits(tmp_path: Path) -> None:
    # 3 to 4.0: only a parameter section; 4.1: any section griffe reads, an admonition under any heading included;
    # from 4.2: an admonition only under a heading Napoleon knows (`Note:`, not `Rules:`)
    expected = {
        "fastmcp>=2.10,<3.0": (COUNT, SHELF, RESTOCK),
        "fastmcp>=3,<4.1": (COUNT, SHELF, RESTOCK),
        "fastmcp==4.0.11": (COUNT, SHELF, RESTOCK),
        "fastmcp~=4.1.0": ("Count the items in the pantry.", "Empty one shelf.", "Restock from the usual shop."),
        "fastmcp>=2.3": ("Count the items in the pantry.", SHELF, "Restock from the usual shop."),
        "fastmcp": ("Count the items in the pantry.", SHELF, "Restock from the usual shop."),
    }
    for number, (requirement, (count, shelf, restock)) in enumerate(expected.items()):
        tools = by_name(_pantry(tmp_path / str(number), requirement))
        found = (tools["count_items"].description, tools["clear_shelf"].description, tools["restock"].description)
        assert found == (count, shelf, restock), requirement


def test_the_fastmcp_of_the_day_the_package_was_published(tmp_path: Path) -> None:
    # an open requirement resolves, for a package installed as it was released, to the newest fastmcp out by then:
    # 2.x before 3.0 came out (the whole docstring), 4.1 before 4.2 did (any section ends it)
    expected = {
        datetime(2025, 11, 3, tzinfo=UTC): (COUNT, SHELF, RESTOCK),
        datetime(2026, 5, 1, tzinfo=UTC): (COUNT, SHELF, RESTOCK),
        datetime(2026, 10, 22, tzinfo=UTC): ("Count the items in the pantry.", "Empty one shelf.",
                                             "Restock from the usual shop."),
        datetime(2026, 12, 1, tzinfo=UTC): ("Count the items in the pantry.", SHELF, "Restock from the usual shop."),
    }
    folder = _pantry(tmp_path / "pantry", "fastmcp>=2.3,<5")
    for released, (count, shelf, restock) in expected.items():
        tools = by_name(folder, released=released)
        found = (tools["count_items"].description, tools["clear_shelf"].description, tools["restock"].description)
        assert found == (count, shelf, restock), released
    assert by_name(folder)["count_items"].description == "Count the items in the pantry."  # no date: today's
    two = by_name(folder, released=datetime(2026, 1, 5, tzinfo=UTC))
    assert two["add_item"].description.endswith("Returns:\n    The pantry line written.")


def test_descriptions_built_with_the_standard_librarys_text_functions(tmp_path: Path) -> None:
    (tmp_path / "weather.py").write_text(
        "import textwrap as tw\n"
        "from inspect import cleandoc\n"
        "from textwrap import dedent\n"
        "import mcp.types as types\n"
        "from mcp.server import Server\n\n"
        "from .helpers import shout\n\n"
        'HEAD = "Forecast for a city."\n'
        'server = Server("weather")\n\n\n'
        "@server.list_tools()\n"
        "async def tools() -> list[types.Tool]:\n"
        "    return [\n"
        '        types.Tool(name="forecast", description=dedent("""\n'
        "            Forecast for a city.\n"
        "              Three days ahead.\n"
        '            """), inputSchema={"type": "object"}),\n'
        '        types.Tool(name="alerts", description=tw.dedent(HEAD + "\\n    Alerts too.").strip(),'
        ' inputSchema={"type": "object"}),\n'
        '        types.Tool(name="radar", description=cleandoc("""Radar image.\n\n            Every hour."""),'
        ' inputSchema={"type": "object"}),\n'
        '        types.Tool(name="archive", description="\\n".join(["Past weather.", "Since 1950."]),'
        ' inputSchema={"type": "object"}),\n'
        '        types.Tool(name="warn", description=shout("storm warnings"), inputSchema={"type": "object"}),\n'
        "    ]\n"
    )
    (tmp_path / "helpers.py").write_text("def shout(text):\n    return text.upper()\n")
    tools = by_name(tmp_path)
    # the very functions, run on the known text: Python's own textwrap.dedent, inspect.cleandoc, str.strip and join
    assert tools["forecast"].description == "\nForecast for a city.\n  Three days ahead.\n"
    assert tools["alerts"].description == "Forecast for a city.\n    Alerts too."
    assert tools["radar"].description == "Radar image.\n\nEvery hour."
    assert tools["archive"].description == "Past weather.\nSince 1950."
    assert tools["warn"].description is None  # a project's own function is not run, nor guessed


def test_python_docstrings_as_each_framework_sends_them() -> None:
    tools = by_name(FIXTURES / "py-docstrings")
    # the MCP SDK's FastMCP sends `fn.__doc__` as written; the standalone fastmcp package cleans it
    assert tools["find_recipe"].description == (
        "Find recipes that use an ingredient.\n\n    Results are sorted by rating.\n    "
    )
    assert tools["list_pantry"].description == "List what is in the pantry.\n\nExpired items are left out."
    # with a parameter section (Google, NumPy or Sphinx style), fastmcp sends only the text before the sections
    assert tools["add_item"].description == "Put an item in the pantry."


def test_a_library_imported_inside_a_function_decides_as_one_imported_at_the_top() -> None:
    # `from mcp.server.fastmcp import FastMCP` in a factory (a clear message when it is missing) is still the SDK's
    # FastMCP, which sends the docstring as written
    tools = by_name(FIXTURES / "py-docstrings")
    assert tools["plan_menu"].description == "Plan a menu for some days.\n\n        Leftovers are used first.\n        "


def test_a_module_importing_no_server_library_follows_the_packages_requirement() -> None:
    # tools registered on a server passed in: the docstring is sent as the package's library sends it;
    # chuk-mcp-server, like the SDK's FastMCP, sends `fn.__doc__` untouched, and `Execute NAME` without one
    chuk = by_name(FIXTURES / "py-library-by-requirement" / "chuk")
    assert chuk["list_decks"].description == (
        "\n        List the slide decks.\n\n        Returns:\n            The deck names\n        "
    )
    assert chuk["ping"].description == "Execute ping"
    sdk = by_name(FIXTURES / "py-library-by-requirement" / "sdk")
    assert sdk["find_place"].description == (
        "Find a place by name.\n\n        Several matches come back nearest first.\n        "
    )


def test_a_packages_own_registry_sends_the_docstring_as_it_reads_it(tmp_path: Path) -> None:
    # a hand-written registry on the low-level server (`Tool(...)` built from the function, `inspect.getdoc`):
    # the tools' modules import no server library, and the package requires the SDK, which would send it as written
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "ledger"\ndependencies = ["mcp>=1.2"]\n')
    (tmp_path / "registry.py").write_text(
        "import inspect\nfrom mcp.types import Tool\n\n"
        "class Registry:\n"
        "    def __init__(self):\n"
        "        self.tools = []\n\n"
        "    def tool(self, name=None, description=None):\n"
        "        def decorator(func):\n"
        "            doc = description or inspect.getdoc(func) or ''\n"
        "            self.tools.append(Tool(name=name or func.__name__, description=doc, inputSchema={}))\n"
        "            return func\n"
        "        return decorator\n"
    )
    (tmp_path / "entries.py").write_text(
        "from mcp.types import ToolAnnotations\n\n"
        "def register_entries(registry):\n"
        "    @registry.tool(annotations=ToolAnnotations(readOnlyHint=True))\n"
        "    def list_entries(month: str) -> list:\n"
        '        """List the entries of a month.\n\n'
        "        Months are written 2026-01.\n"
        '        """\n'
        "        return []\n"
    )
    tools = by_name(tmp_path)
    assert tools["list_entries"].description == "List the entries of a month.\n\nMonths are written 2026-01."


def test_a_packages_own_registry_reading_the_raw_docstring_keeps_its_indentation(tmp_path: Path) -> None:
    # a JSON-RPC loop of the package's own, no server library required: its `tool` decorator stores
    # `func.__doc__.strip()`, so the lines after the first keep the indentation they have in the source
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "greenhouse"\ndependencies = ["pyyaml"]\n')
    (tmp_path / "server.py").write_text(
        "import json\n\n"
        "class Greenhouse:\n"
        "    def __init__(self):\n"
        "        self.tools = {}\n"
        "        self._register()\n\n"
        "    def tool(self, name):\n"
        "        def decorator(func):\n"
        '            self.tools[name] = {"function": func,\n'
        '                                "description": func.__doc__.strip() if func.__doc__ else name}\n'
        "            return func\n"
        "        return decorator\n\n"
        "    def _register(self):\n"
        '        @self.tool("water_bed")\n'
        "        def water_bed(bed: str, litres: float) -> dict:\n"
        '            """Water one bed of the greenhouse.\n\n'
        "            Beds are named by row and column.\n"
        '            """\n'
        "            return {}\n\n"
        "    def serve(self):\n"
        '        return json.dumps([{"name": n, "description": t["description"]} for n, t in self.tools.items()])\n'
    )
    tools = by_name(tmp_path)
    assert tools["water_bed"].description == (
        "Water one bed of the greenhouse.\n\n            Beds are named by row and column."
    )


AQUARIUM = '''import functools
import inspect
import json

from mcp.server.fastmcp import FastMCP


def as_json(fn):
    """Send the result as one JSON text."""

    @functools.wraps(fn)
    async def run(*args, **kwargs):
        return json.dumps(await fn(*args, **kwargs))

    run.__doc__ = inspect.cleandoc(fn.__doc__ or "")
    return run


async def tank_levels(tank: str) -> dict:
    """Read a tank's water levels.

    Levels are in centimetres.
    """
    return {}


def create_server() -> FastMCP:
    mcp = FastMCP("aquarium")

    def tool(fn):
        fn.__doc__ = inspect.cleandoc(fn.__doc__ or "")
        return mcp.tool()(fn)

    @tool
    def feed_fish(tank: str) -> str:
        """Feed the fish of one tank.

        Once a day is enough.
        """
        return tank

    @mcp.tool()
    def tank_temperature(tank: str) -> str:
        """Read a tank's temperature.

        In degrees Celsius.
        """
        return tank

    mcp.add_tool(as_json(tank_levels))
    return mcp
'''


def test_a_package_cleaning_the_docstring_on_the_way_sends_it_cleaned(tmp_path: Path) -> None:
    # the SDK sends `__doc__` as written; a package's own `tool` decorator or a wrapper around the function setting
    # `__doc__ = inspect.cleandoc(fn.__doc__)` sends it without its indentation (a shape of several real servers)
    (tmp_path / "aquarium").mkdir()
    (tmp_path / "aquarium" / "server.py").write_text(AQUARIUM)
    tools = by_name(tmp_path)
    assert tools["feed_fish"].description == "Feed the fish of one tank.\n\nOnce a day is enough."
    assert tools["tank_levels"].description == "Read a tank's water levels.\n\nLevels are in centimetres."
    assert tools["tank_temperature"].description == (
        "Read a tank's temperature.\n\n        In degrees Celsius.\n        "
    )


def test_a_fastmcp_server_importing_pieces_of_the_sdks_server_sends_fastmcps_docstring(tmp_path: Path) -> None:
    # `FastMCP` comes from fastmcp; the SDK's SSE transport and auth context are imported besides: fastmcp cleans
    # the docstring and cuts its parameter section, as for any fastmcp server
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "aviary"\ndependencies = ["fastmcp>=3.2"]\n')
    (tmp_path / "aviary.py").write_text(
        "from fastmcp import FastMCP\n"
        "from mcp.server.auth.middleware.auth_context import get_access_token\n"
        "from mcp.server.sse import SseServerTransport\n\n"
        'mcp = FastMCP("aviary")\n'
        'sse = SseServerTransport("/messages/")\n\n'
        "@mcp.tool()\n"
        "def feed_birds(cage: str, grams: int = 20) -> str:\n"
        '    """\n    Feed the birds of one cage.\n\n    Seed is weighed before it goes in.\n\n'
        "    Args:\n        cage: The cage's label.\n        grams: How much seed.\n    \"\"\"\n"
        "    return cage\n"
    )
    tools = by_name(tmp_path)
    assert tools["feed_birds"].description == "Feed the birds of one cage.\n\nSeed is weighed before it goes in."


def test_zeromcp_sends_the_docstring_stripped(tmp_path: Path) -> None:
    # zeromcp's McpServer sends `(fn.__doc__ or f"Call {name}").strip()`: the lines after the first keep their
    # indentation
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "quarry"\ndependencies = ["zeromcp>=1.3"]\n')
    (tmp_path / "quarry.py").write_text(
        "from typing import Annotated\n"
        "from zeromcp import McpServer\n\n"
        'mcp = McpServer("quarry")\n\n'
        "@mcp.tool(read_only=True)\n"
        'def list_blocks(face: Annotated[str, "Which face"]) -> list[str]:\n'
        '    """\n    List the blocks cut from one face.\n\n    Blocks still drying are left out.\n    """\n'
        "    return []\n\n"
        "@mcp.tool\n"
        "def ping() -> str:\n"
        '    return "pong"\n'
    )
    tools = by_name(tmp_path)
    assert tools["list_blocks"].description == (
        "List the blocks cut from one face.\n\n    Blocks still drying are left out."
    )
    assert tools["ping"].description == "Call ping"


def test_a_docstring_rewritten_by_the_packages_own_decorator_below_the_servers(tmp_path: Path) -> None:
    # `run.__doc__ = f"{(fn.__doc__ or '').strip()}\n\n{CAVEAT}"` in a wrapper applied before `@mcp.tool()` reads
    # the docstring: the server sends the rewritten text, the SDK's FastMCP as it is (a function without a docstring
    # gets the caveat alone)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "lighthouse"\ndependencies = ["mcp>=1.9"]\n')
    package = tmp_path / "lighthouse"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "guards.py").write_text(
        "import functools\n\n"
        'CAVEAT = ("Caveat: lamp hours are logged once a day, "\n           "so today\'s are not counted yet.")\n\n'
        "def guarded(fn):\n"
        "    @functools.wraps(fn)\n"
        "    def run(*args, **kwargs):\n"
        "        return fn(*args, **kwargs)\n"
        "    run.__doc__ = f\"{(fn.__doc__ or '').strip()}\\n\\n{CAVEAT}\"\n"
        "    return run\n"
    )
    (package / "server.py").write_text(
        "from mcp.server.fastmcp import FastMCP\n"
        "from .guards import guarded\n\n"
        'mcp = FastMCP("lighthouse")\n\n'
        "@mcp.tool()\n"
        "@guarded\n"
        "def lamp_hours(tower: str) -> int:\n"
        '    """\n    Hours the lamp of a tower has burnt.\n\n    Towers are named after their cape.\n    """\n'
        "    return 0\n\n"
        "@mcp.tool()\n"
        "@guarded\n"
        "def ping() -> str:\n"
        '    return "pong"\n\n'
        "@mcp.tool()\n"
        "def lens_state(tower: str) -> str:\n"
        '    """The state of a tower\'s lens."""\n'
        '    return ""\n'
    )
    tools = by_name(tmp_path)
    caveat = "Caveat: lamp hours are logged once a day, so today's are not counted yet."
    assert tools["lamp_hours"].description == (
        f"Hours the lamp of a tower has burnt.\n\n    Towers are named after their cape.\n\n{caveat}"
    )
    assert tools["ping"].description == f"\n\n{caveat}"
    assert tools["lens_state"].description == "The state of a tower's lens."
