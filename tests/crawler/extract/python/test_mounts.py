"""FastMCP servers mounted into another under a prefix (a pattern met in real published servers)."""

from crawler.extract import extract
from tests.paths import PYTHON_FIXTURES as FIXTURES


def by_name(folder: str) -> dict:
    return {t.name: t for t in extract(FIXTURES / folder).tools}


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
