"""fastmcp tools the server hides (tag and name filters, `enabled=False`) are kept, each with its condition in
words, so the catalogue holds the definition and a comparison with the listed tools can leave them out."""

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
    assert _conditions(by_name(FIXTURES / "py-hidden-tools" / "guarded")) == {
        "read_note": None,
        "write_note": "registered only when `not READ_ONLY`",
        "explain_read_only": "registered only when `not READ_ONLY` is false",
        "delete_note": "registered only when `allow_delete`",
    }
