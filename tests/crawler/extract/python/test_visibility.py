"""fastmcp tools the server hides (tag and name filters, `enabled=False`) are kept, each with its condition in
words, so the catalogue holds the definition and a comparison with the listed tools can leave them out."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from tests.crawler.extract.support import by_name
from tests.paths import PYTHON_FIXTURES as FIXTURES


def _conditions(tools: dict[str, ToolDefinition]) -> dict[str, str | None]:
    return {name: tool.extra.get("condition") for name, tool in tools.items()}


def test_tags_and_names_disabled_on_the_server_hide_tools_registered_in_other_modules() -> None:
    assert _conditions(by_name(FIXTURES / "py-hidden-tools" / "tagged")) == {
        "water": None,
        "list_beds": None,
        "move_bed": "hidden: tagged 'unfinished', which the server disables",
        "harvest": "hidden: disabled by name",
    }


def test_fastmcp_2_tag_filters_and_enabled_false() -> None:
    assert _conditions(by_name(FIXTURES / "py-hidden-tools" / "filtered")) == {
        "count_trees": None,
        "survey": "hidden: tagged 'slow', which the server disables",
        "prune": "hidden: not tagged 'public', the only tags the server enables",
        "fell": "hidden: registered with enabled=False",
    }


def test_a_tool_registered_under_a_condition_carries_it_as_written() -> None:
    # READ_ONLY is read from an environment variable a default start leaves unset: `not READ_ONLY` holds then, and
    # only the other branch's tool is conditional
    assert _conditions(by_name(FIXTURES / "py-hidden-tools" / "guarded")) == {
        "read_note": None,
        "write_note": None,
        "explain_read_only": "registered only when `not READ_ONLY` is false",
        "delete_note": "registered only when `allow_delete`",
    }


def test_a_tool_registered_after_an_early_return_carries_its_condition() -> None:
    # a register function returning early unless an option allows the group: what follows is conditional, what
    # comes before it (and a raise, which is no choice of the user's) is not
    condition = "registered only when `not options.allows('firing')` is false"
    assert _conditions(by_name(FIXTURES / "py-hidden-tools" / "returned")) == {
        "list_glazes": None,
        "kiln_temperature": None,
        "start_firing": condition,
        "stop_firing": condition,
    }


def test_a_hand_written_servers_tools_list_branch_is_no_condition(tmp_path: Path) -> None:
    # a server answering JSON-RPC itself: the branch of its dispatch answering tools/list is the list, not an option
    (tmp_path / "ferry.py").write_text(
        "import json, sys\n\n"
        "def answer(request: dict) -> dict:\n    method = request.get('method')\n"
        "    if method == 'initialize':\n        return {'protocolVersion': '2025-06-18'}\n"
        "    elif method == \"tools/list\":\n"
        "        return {'tools': [{'name': 'list_sailings', 'description': 'List the sailings.',\n"
        "                           'inputSchema': {'type': 'object', 'properties': {}}}]}\n"
        "    return {}\n"
    )
    assert _conditions(by_name(tmp_path)) == {"list_sailings": None}


def test_tools_of_toolsets_off_by_default_carry_a_condition() -> None:
    # a table of tool names by toolset, the default toolsets built from a table of toolsets marked `default=True`;
    # a tool also named in a default toolset, or in no toolset, is listed
    on = "(default: berths)"
    assert _conditions(by_name(FIXTURES / "py-hidden-tools" / "toolsets")) == {
        "list_berths": None,
        "book_berth": None,
        "book_pilot": f"registered only when toolset pilots is enabled {on}",
        "file_declaration": f"registered only when toolset customs is enabled {on}",
        "port_code": None,
    }


def test_a_literal_default_toolset_list(tmp_path: Path) -> None:
    (tmp_path / "server.py").write_text(
        "from fastmcp import FastMCP\n\nmcp = FastMCP('docks')\n"
        "DEFAULT_TOOL_GROUPS = ['read']\n"
        "GROUPS = {'read': ['list_docks'], 'write': ['close_dock']}\n\n"
        "@mcp.tool()\ndef list_docks() -> list:\n    '''List docks.'''\n    return []\n\n"
        "@mcp.tool()\ndef close_dock(dock: str) -> str:\n    '''Close a dock.'''\n    return dock\n"
    )
    assert _conditions(by_name(tmp_path)) == {
        "list_docks": None,
        "close_dock": "registered only when toolset write is enabled (default: read)",
    }


def test_tools_of_a_register_function_called_only_under_a_condition_carry_it() -> None:
    # a register function called under an `if` in another module (imported at the top, through a package's
    # `__init__`, or lazily under the same `if`): its tools carry the call's condition; an environment variable's
    # default decides a condition a default start meets (none) or misses (kept). A module imported only under a
    # condition a default start misses holds tools under it (a shape of several real servers)
    assert _conditions(by_name(FIXTURES / "py-hidden-tools" / "called")) == {
        "list_orders": None,
        "find_recipe": None,
        "oven_temperature": "registered only when `MODE in ('kitchen', 'all')`",
        "preheat": "registered only when `MODE in ('kitchen', 'all')`",
        "old_recipes": "registered only when `os.getenv('BAKERY_ARCHIVE')`",
        "opening_hours": None,
        "staff_rota": None,
        "bulk_quote": "registered only when `MODE == 'wholesale'`",  # its module imported only then
        "market_stall": None,  # a command line's choice: no default start tells
    }
