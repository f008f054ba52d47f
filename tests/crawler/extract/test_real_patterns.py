"""Patterns met in real published Python servers (measured by benchmarks/extract_vs_real.py), each on a fixture
written for it: FastMCP variants and low-level handler classes. (The JavaScript ones are in javascript/.)"""

from crawler.extract import extract
from tests.paths import EXTRACT_FIXTURES

FIXTURES = EXTRACT_FIXTURES


def by_name(folder: str) -> dict:
    return {t.name: t for t in extract(FIXTURES / folder).tools}


def test_python_docstrings_as_each_framework_sends_them() -> None:
    tools = by_name("py-docstrings")
    # the MCP SDK's FastMCP sends `fn.__doc__` as written; the standalone fastmcp package cleans it
    assert tools["find_recipe"].description == (
        "Find recipes that use an ingredient.\n\n    Results are sorted by rating.\n    "
    )
    assert tools["list_pantry"].description == "List what is in the pantry.\n\nExpired items are left out."
    # with a parameter section (Google, NumPy or Sphinx style), fastmcp sends only the text before the sections
    assert tools["add_item"].description == "Put an item in the pantry."


def test_fastmcp_servers_mounted_under_a_prefix() -> None:
    tools = by_name("py-mounted-servers")
    assert set(tools) == {"status", "tickets_get_ticket", "tickets_close", "reports_weekly_report"}
    ticket = tools["tickets_get_ticket"]
    assert (ticket.description, ticket.annotations, ticket.file) == (
        "Read one ticket.",
        {"readOnlyHint": True},
        "helpdesk/servers/tickets.py",
    )
    assert ticket.input_schema == {
        "type": "object",
        "properties": {"ticket_id": {"type": "string", "title": "Ticket Id"}},
        "required": ["ticket_id"],
    }
    assert tools["reports_weekly_report"].description == "Tickets opened and closed this week."


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


def test_low_level_handler_classes_naming_their_tool_through_self() -> None:
    tools = by_name("py-handler-classes")
    # a plugin's name is given at run time: that handler is left out, not guessed
    assert set(tools) == {"vault_search", "vault_delete", "vault_export", "vault_archive", "vault_restore"}
    search = tools["vault_search"]
    assert (search.description, search.file, search.line, search.confidence) == (
        "Search the vault for a phrase.",
        "vault_server/handlers.py",
        21,
        0.9,
    )
    assert search.input_schema == {
        "type": "object",
        "properties": {"phrase": {"type": "string"}},
        "required": ["phrase"],
    }
    assert tools["vault_delete"].description == "Delete a note."  # super().__init__ with keywords
    assert tools["vault_export"].description == "Export the vault."  # a class attribute
    # the base class in a sibling module, imported under another name or through its module
    assert (tools["vault_archive"].description, tools["vault_archive"].file) == (
        "Archive old notes.",
        "vault_server/tools/archive.py",
    )
    assert tools["vault_restore"].description == "Restore archived notes."
