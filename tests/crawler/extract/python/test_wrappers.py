"""A package's own decorators around FastMCP's tool (a pattern met in real published servers)."""

from pathlib import Path

from crawler.extract import extract
from tests.paths import PYTHON_FIXTURES as FIXTURES


def by_name(folder: str) -> dict:
    return {t.name: t for t in extract(FIXTURES / folder).tools}


def test_a_packages_own_decorators_around_fastmcp_tool() -> None:
    tools = by_name("py-tool-registry")
    assert set(tools) == {
        "count_items",
        "move_item",
        "ping",
        "shelf_audit",
        "restock_item",
        "shelf_labels",
        "shelf_stock",
    }
    count = tools["count_items"]
    assert (count.description, count.file, count.line) == (
        "Count the items on a shelf.\n\nShelves are named A1 to Z9.",
        "inventory/items.py",
        7,
    )
    assert count.input_schema == {
        "type": "object",
        "properties": {"shelf": {"type": "string", "title": "Shelf"}},
        "required": ["shelf"],
    }
    assert tools["move_item"].description == "Move an item to another shelf."
    # fastmcp's direct forms: add_tool(Tool.from_function(fn, name=…)), and a decorator naming what it registers
    audit, restock = tools["shelf_audit"], tools["restock_item"]
    assert (audit.description, audit.file, audit.line) == ("Audit one shelf.", "inventory/direct.py", 21)
    assert restock.description == "Order more of an item from the supplier."
    assert restock.input_schema == {
        "type": "object",
        "properties": {
            "item": {"type": "string", "title": "Item"},
            "count": {"type": "integer", "default": 1, "title": "Count"},
        },
        "required": ["item"],
    }
    assert tools["shelf_labels"].description == "Print the labels of a shelf."  # not `print_labels`
    stock = tools["shelf_stock"]  # a method of an instance, imported from another module of the package
    assert stock.description == "Report the stock of a shelf."
    assert stock.input_schema == {
        "type": "object",
        "properties": {
            "shelf": {"type": "string", "title": "Shelf"},
            "limit": {"type": "integer", "default": 10, "title": "Limit"},
        },
        "required": ["shelf"],
    }
    # the package folder itself, as a wheel installs it: `inventory.reports` still resolves
    assert {t.name for t in extract(FIXTURES / "py-tool-registry" / "inventory").tools} == set(tools)


GUARDED = '''import functools

from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.exceptions import ToolError

mcp = FastMCP("shelves")


def _tool(title: str):
    """Register the function as a tool whose failures reach the client as one clear error."""

    def register(fn):
        @functools.wraps(fn)
        def guarded(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except KeyError as e:
                raise ToolError(f"no such shelf: {e}") from e

        mcp.tool(title=title)(guarded)
        return guarded

    return register


@_tool("Empty a shelf")
def shelf_empty(shelf: str) -> str:
    """Take every item off a shelf."""
    return shelf
'''


def test_a_decorators_wrapper_made_with_functools_wraps_is_no_tool_of_its_own(tmp_path) -> None:
    (tmp_path / "shelves").mkdir()
    (tmp_path / "shelves" / "server.py").write_text(GUARDED)
    tools = {t.name: t for t in extract(tmp_path).tools}
    assert set(tools) == {"shelf_empty"}  # not `guarded`: it runs under the name of what it wraps
    assert tools["shelf_empty"].description == "Take every item off a shelf."


def test_a_packages_own_catalogue_decorator_is_not_a_servers(tmp_path: Path) -> None:
    # meta-tool servers: `@tool(name=…)` of the package's own keeps data functions in a catalogue that
    # `find_tool`/`run_tool` search and call; the client lists only the meta-tools. A `tool` of the package's that
    # hands FastMCP's own decorator through still registers.
    package = tmp_path / "atlas_mcp"
    (package / "catalogue").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "catalogue" / "__init__.py").write_text("\n".join([
        "CATALOGUE = {}",
        "def tool(*, name, summary):",
        "    def keep(fn):",
        "        CATALOGUE[name] = (summary, fn)",
        "        return fn",
        "    return keep",
    ]))
    (package / "catalogue" / "rivers.py").write_text("\n".join([
        "from . import tool",
        '@tool(name="river_length", summary="Length of a river in km.")',
        "async def river_length(river: str) -> float: ...",
    ]))
    (package / "server.py").write_text("\n".join([
        "from mcp.server.fastmcp import FastMCP",
        'mcp = FastMCP("atlas")',
        "def tool(**options):",
        "    return mcp.tool(**options)",
        '@mcp.tool(description="Find catalogue tools by words.")',
        "def find_tool(words: str) -> list: ...",
        '@tool(description="Run a catalogue tool by name.")',
        "def run_tool(name: str, arguments: dict) -> dict: ...",
    ]))
    tools = {t.name: t for t in extract(tmp_path).tools}
    assert set(tools) == {"find_tool", "run_tool"}
    assert tools["run_tool"].description == "Run a catalogue tool by name."


def test_a_name_bound_to_the_tool_decorator(tmp_path: Path) -> None:
    # `register = app.tool()` in the method that registers, then `@register`; a module-level `_tool = mcp.tool()`
    # with a no-op fallback when fastmcp is missing; `named = mcp.tool`, then `@named(name=...)`
    (tmp_path / "shell.py").write_text(
        "from mcp.server.fastmcp import FastMCP\n\n"
        "class Shell:\n"
        "    def __init__(self):\n"
        "        self.app = FastMCP('shell')\n\n"
        "    def register(self):\n"
        "        run_tool = self.app.tool()\n\n"
        "        @run_tool  # kept in a name for the linter\n"
        "        async def run_command(command: str) -> str:\n"
        '            """Run one command."""\n'
        "            return command\n\n"
        "        listing = self.app.tool(name='list_allowed')\n\n"
        "        @listing\n"
        "        def allowed() -> list[str]:\n"
        '            """The commands allowed."""\n'
        "            return []\n"
    )
    (tmp_path / "genes.py").write_text(
        "try:\n"
        "    import fastmcp\n"
        "    mcp = fastmcp.FastMCP('genes')\n"
        "    _tool = mcp.tool()\n"
        "except ImportError:\n"
        "    def _tool(fn=None, **_):\n"
        "        return fn\n\n"
        "named = mcp.tool\n\n"
        "@_tool\n"
        "def gene_lookup(symbol: str) -> dict:\n"
        '    """Look a gene up."""\n'
        "    return {}\n\n"
        "@named(name='variant_lookup')\n"
        "def variant(rsid: str) -> dict:\n"
        '    """Look a variant up."""\n'
        "    return {}\n\n"
        "def helper(fn):\n"
        "    return fn\n\n"
        "@helper\n"
        "def not_a_tool() -> None:\n"
        '    """No tool."""\n'
    )
    tools = {t.name: t for t in extract(tmp_path).tools}
    assert set(tools) == {"run_command", "list_allowed", "gene_lookup", "variant_lookup"}
    assert (tools["run_command"].description, tools["run_command"].line) == ("Run one command.", 10)
    assert tools["variant_lookup"].description == "Look a variant up."


def test_a_registrar_called_on_the_function_it_registers(tmp_path: Path) -> None:
    # `register_tool(mcp, fn)`: the package's helper applies `mcp.tool(...)` to its parameter, through a wrapper of
    # its own made with functools.wraps; modules call it once per tool, on a module function or a nested one
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "orchard"\ndependencies = ["mcp>=1.9"]\n')
    package = tmp_path / "orchard"
    (package / "tools").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "registration.py").write_text(
        "import functools\nfrom mcp.types import ToolAnnotations\n\n"
        "def audited(fn):\n"
        "    @functools.wraps(fn)\n"
        "    def run(*args, **kwargs):\n"
        "        return fn(*args, **kwargs)\n"
        "    return run\n\n"
        "def register_tool(mcp, fn, *, closed: bool = False) -> None:\n"
        "    mcp.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=not closed))(audited(fn))\n"
    )
    (package / "tools" / "__init__.py").write_text("")
    (package / "tools" / "trees.py").write_text(
        "from ..registration import register_tool\n\n"
        "def count_trees(row: int) -> int:\n"
        '    """Count the trees of one row."""\n'
        "    return 0\n\n"
        "def register(mcp) -> None:\n"
        "    register_tool(mcp, count_trees, closed=True)\n\n"
        "    def pick_row(row: int) -> str:\n"
        '        """Send the pickers to one row."""\n'
        '        return ""\n\n'
        "    register_tool(mcp, fn=pick_row)\n"
    )
    (package / "server.py").write_text(
        "from mcp.server.fastmcp import FastMCP\nfrom .tools import trees\n\n"
        'mcp = FastMCP("orchard")\n'
        "for module in (trees,):\n"
        "    module.register(mcp)\n"
    )
    tools = {t.name: t for t in extract(tmp_path).tools}
    assert set(tools) == {"count_trees", "pick_row"}
    assert (tools["count_trees"].description, tools["count_trees"].file) == (
        "Count the trees of one row.", "orchard/tools/trees.py"
    )
    assert tools["pick_row"].input_schema == {
        "type": "object", "properties": {"row": {"type": "integer", "title": "Row"}}, "required": ["row"]
    }


def test_a_decorator_factory_returning_the_servers_decorator(tmp_path: Path) -> None:
    # `def _tool(name): return mcp.tool(name=name, annotations=...)`, then `@_tool(name="...")` on every tool so
    # that none ships without its annotations; a factory returning the decorator only under a condition (a no-op
    # otherwise) registers nothing the code can tell
    (tmp_path / "kiln.py").write_text(
        "import shutil\n"
        "from typing import Any\n"
        "from mcp.server import MCPServer\n"
        "from mcp.types import ToolAnnotations\n\n"
        'mcp = MCPServer("kiln")\n'
        '_READ_ONLY = {"kiln_temperature"}\n\n'
        "def _annotations_for(name: str) -> ToolAnnotations:\n"
        "    return ToolAnnotations(read_only_hint=name in _READ_ONLY)\n\n"
        "def _tool(name: str, **kwargs: Any):\n"
        '    """Every tool registers through this."""\n'
        "    return mcp.tool(name=name, annotations=_annotations_for(name), **kwargs)\n\n"
        "def _if_installed(binary: str):\n"
        "    if shutil.which(binary):\n"
        "        return mcp.tool()\n"
        "    return lambda fn: fn\n\n"
        '@_tool(name="kiln_temperature")\n'
        "def temperature() -> float:\n"
        '    """Read the kiln\'s temperature.\n\n    In degrees Celsius.\n    """\n'
        "    return 0.0\n\n"
        '@_tool("kiln_fire")\n'
        "async def fire(cone: int) -> str:\n"
        '    """Fire the kiln to a cone."""\n'
        '    return ""\n\n'
        '@_if_installed("glazecalc")\n'
        "def glaze(recipe: str) -> str:\n"
        '    """Compute a glaze."""\n'
        "    return recipe\n"
    )
    tools = {t.name: t for t in extract(tmp_path).tools}
    assert set(tools) == {"kiln_temperature", "kiln_fire"}
    assert tools["kiln_temperature"].description == "Read the kiln's temperature.\n\n    In degrees Celsius.\n    "
    assert tools["kiln_fire"].input_schema == {
        "type": "object", "properties": {"cone": {"type": "integer", "title": "Cone"}}, "required": ["cone"]
    }
