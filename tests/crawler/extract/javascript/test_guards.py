"""A JavaScript tool registered only under a condition (an option, an environment variable) carries it as written;
an `if` whose branches both register the tool, and a main guard, are no condition."""

from tests.crawler.extract.javascript.support import folder


def test_a_tool_registered_under_an_if_carries_its_condition() -> None:
    conditions = {name: tool.extra.get("condition") for name, tool in folder("js-guarded-tools").items()}
    assert conditions == {
        "list_entries": None,
        "add_entry": "registered only when `!readOnly`",
        "explain_read_only": "registered only when `!readOnly` is false",
        "purge_ledger": "registered only when `process.env.LEDGER_ADMIN`",
        "balance": None,
        "ping": None,
    }


def test_a_tool_whose_registering_function_is_only_called_under_an_if_carries_that_condition() -> None:
    conditions = {name: tool.extra.get("condition") for name, tool in folder("js-guarded-helpers").items()}
    assert conditions == {
        "wind_now": 'registered only when `enabled.includes("wind_now")`',
        "wind_forecast": 'registered only when `enabled.includes("wind_forecast")`',
        "list_spots": None,  # its function is called in both branches of one `if`
        # one helper, each call under an `if` of its own or none: each tool carries its call's
        "gust_now": 'registered only when `enabled.includes("gust_now")`',
        "gusts": 'registered only when `enabled.includes("gusts")`',
        "gust_report": None,
        "tide_height": None,  # one call under an `if`, another under none
    }
