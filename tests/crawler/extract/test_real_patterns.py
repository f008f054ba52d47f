"""Patterns met in real published servers (measured by benchmarks/extract_vs_real.py), each on a fixture
written for it: texts that depend on the default environment, tool-definition frameworks, class-based tools,
entry points that hand over to dependencies through local modules, and Python FastMCP variants."""

from crawler.extract import extract
from tests.paths import EXTRACT_FIXTURES

FIXTURES = EXTRACT_FIXTURES


def by_name(folder: str) -> dict:
    return {t.name: t for t in extract(FIXTURES / folder).tools}


def test_texts_are_read_as_the_default_environment_makes_them() -> None:
    tools = by_name("js-default-environment")
    assert set(tools) == {"weather_forecast", "weather_alerts", "weather_radar", "weather_archive"}
    forecast = tools["weather_forecast"]
    assert forecast.description == "Forecast for a city \u2014 next 3 days, in metric units."
    assert forecast.input_schema == {
        "type": "object",
        "properties": {"city": {"type": "string", "description": 'City name, e.g. "Lyon"'}},
        "required": ["city"],
    }
    assert forecast.confidence == 0.9
    assert tools["weather_alerts"].description == "Live severe-weather alerts \U0001f300 for a region."
    radar = tools["weather_radar"]  # a function's result is never guessed
    assert (radar.description, radar.confidence) == (None, 0.5)
    archive = tools["weather_archive"]  # the SDK's experimental tasks API
    assert archive.description == "Build a climate archive for a city; runs as a task."
    assert archive.input_schema == {
        "type": "object",
        "properties": {"city": {"type": "string"}, "years": {"type": "integer", "default": 10}},
        "required": ["city"],
    }


def test_tool_definition_framework_objects_with_a_schema_and_a_handler() -> None:
    tools = by_name("js-tool-definitions")
    # an option, a form field, a CLI command and a function offered to a language model are not MCP tools
    assert set(tools) == {"list_tabs", "close_tab", "scroll_tab"}
    tabs = tools["list_tabs"]
    assert (tabs.description, tabs.annotations) == ("List the open tabs.", {"readOnlyHint": True})
    assert tabs.input_schema == {"type": "object", "properties": {}}
    close = tools["close_tab"]
    assert close.description is None and close.confidence == 0.5  # depends on the factory's argument
    assert close.annotations == {"destructiveHint": True}
    assert close.input_schema == {
        "type": "object",
        "properties": {
            "page": {"type": "number", "description": "Which page to act on."},
            "force": {"type": "boolean", "description": "Close even if the page asks to stay."},
            "reason": {"type": "string", "enum": ["done", "error"], "default": "done"},
        },
        "required": ["page"],
    }
    assert (close.file, close.line) == ("build/tools/pages.js", 15)
    scroll = tools["scroll_tab"]  # a parameter built by a helper: the tool is kept, its schema is not guessed
    assert (scroll.description, scroll.confidence) == ("Scroll the tab by some pixels.", 0.5)
    assert scroll.input_schema == {"type": "object", "properties": {}}


def test_tools_written_as_classes_in_source_and_in_compiled_output() -> None:
    tools = by_name("js-class-tools")
    assert set(tools) == {"ledger_transfer", "ledger_balance", "ledger_statement", "ledger_export"}  # no settings
    transfer = tools["ledger_transfer"]
    assert (transfer.description, transfer.file, transfer.line) == (
        "Move money between two accounts. Irreversible once booked.",
        "src/tools.ts",
        10,
    )
    assert transfer.annotations == {"destructiveHint": True, "idempotentHint": False}
    assert transfer.input_schema == {
        "type": "object",
        "properties": {
            "from": {"type": "string", "description": "Account to debit."},
            "to": {"type": "string", "description": "Account to credit."},
            "cents": {"type": "integer", "description": "Amount in cents."},
        },
        "required": ["from", "to", "cents"],
    }
    balance = tools["ledger_balance"]  # constructor fields, a getter method, a static assigned after the class
    assert (balance.description, balance.annotations, balance.confidence) == (
        "Read an account's balance.",
        {"readOnlyHint": True},
        0.9,
    )
    assert balance.input_schema == {
        "type": "object",
        "properties": {
            "account": {"type": "string", "description": "Account number."},
            "asOf": {"type": "string", "description": "Date, YYYY-MM-DD."},
        },
        "required": ["account"],
    }
    export = tools["ledger_export"]  # a schema chosen at run time: the tool is declared, its schema not guessed
    assert (export.description, export.input_schema, export.confidence) == (
        "Export the ledger.",
        {"type": "object", "properties": {}},
        0.5,
    )
    statement = tools["ledger_statement"]
    assert statement.description == "Monthly statement \u2014 PDF."
    assert statement.input_schema == {
        "type": "object",
        "properties": {"month": {"type": "string"}},
        "required": ["month"],
    }


def test_delegation_is_found_through_the_entry_points_own_modules() -> None:
    result = extract(FIXTURES / "js-delegating-cli")
    assert result.delegates_to == ["ledger-config", "ledger-tools"]  # not the SDK, not an unused dependency
    assert [(t.name, t.origin) for t in result.tools] == [("ledger_transfer", "readme")]


def test_tools_registered_in_loops_over_literal_lists() -> None:
    tools = by_name("js-loop-tools")
    assert set(tools) == {"report_sales", "report_churn", "export_csv", "export_xlsx"}  # not the plugins
    sales, churn = tools["report_sales"], tools["report_churn"]
    assert sales.description == "Monthly sales by region.\nFigures are in cents."
    assert sales.annotations == {"title": "Report: sales", "readOnlyHint": True}  # the destructuring default
    assert (churn.description, churn.annotations) == (
        "Customers lost per month.",
        {"title": "Report: churn", "readOnlyHint": False},
    )
    for report in (sales, churn):  # a shape built at run time is not an empty one
        assert (report.input_schema, report.confidence, report.line) == ({"type": "object", "properties": {}}, 0.5, 19)
    export = tools["export_xlsx"]
    assert (export.description, export.title, export.confidence) == ("Export a report as xlsx.", None, 0.9)
    assert export.input_schema == {
        "type": "object",
        "properties": {"report": {"type": "string", "enum": ["sales", "churn"]}},
        "required": ["report"],
    }


def test_zod_objects_describing_tools_and_json_schema_converters() -> None:
    tools = by_name("js-zod-described-tools")
    assert set(tools) == {"tab_open", "tab_arrange"}
    tab = tools["tab_open"]  # z.literal(…).value, zodToJsonSchema(X.shape.arguments)
    assert (tab.description, tab.confidence) == ("Open a new tab at an address", 0.85)  # data, not a registration
    assert tab.input_schema == {
        "type": "object",
        "properties": {
            "url": {"type": "string", "description": "Address to open"},
            "layout": {"type": "string", "enum": ["window", "tab"]},
        },
        "required": ["url"],
    }
    arrange = tools["tab_arrange"]  # z.toJSONSchema, and an enum's .options
    assert arrange.input_schema == {
        "type": "object",
        "properties": {"layout": {"type": "string", "enum": ["grid", "stack"]}},
        "required": ["layout"],
    }


def test_helpers_that_register_a_tool_are_read_once_per_call() -> None:
    tools = by_name("js-helper-registrations")
    # the plugin helper is passed around, so its calls are not all known: nothing is guessed from it
    assert set(tools) == {"page_fetch", "page_crawl", "web_search", "news_search", "audit_log", "purge_log"}
    fetch, crawl = tools["page_fetch"], tools["page_crawl"]
    assert (fetch.description, crawl.description) == (
        "Fetch a page as markdown.",
        "Fetch a page as markdown (kept for older clients).",
    )
    assert (
        fetch.input_schema
        == crawl.input_schema
        == {
            "type": "object",
            "properties": {"url": {"type": "string", "description": "Page address."}},
            "required": ["url"],
        }
    )
    assert (fetch.annotations, fetch.line, fetch.confidence) == ({"readOnlyHint": True}, 6, 0.9)
    assert tools["web_search"].description == "Search the web index."  # the parameter's default
    assert tools["news_search"].description == "Search the news index."
    audit = tools["audit_log"]  # a helper building tool objects from its arguments, one per call
    assert (audit.description, audit.line) == ("Read the audit log.", 32)
    assert (audit.input_schema, audit.confidence) == ({"type": "object", "properties": {}}, 0.5)  # not guessed
    assert tools["purge_log"].description == "Purge the audit log."


def test_descriptions_wrapped_by_the_packages_own_small_functions() -> None:
    tools = by_name("js-wrapped-descriptions")
    assert set(tools) == {"build_status", "build_logs"}
    status = tools["build_status"]  # the registration, not the data object it was built from
    assert status.description == "[build] Status of the latest build.\n\nNOTE: this server is read-only."
    assert (status.file, status.line, status.confidence) == ("dist/index.js", 13, 0.9)
    assert status.annotations == {"readOnlyHint": True}
    assert status.input_schema == {
        "type": "object",
        "properties": {
            "params": {"type": "object", "properties": {"branch": {"type": "string"}}, "required": ["branch"]}
        },
    }
    logs = tools["build_logs"]  # the branch of the `if` that reads completely: the one without annotations
    assert (logs.line, logs.annotations, logs.confidence) == (15, None, 0.9)
    assert logs.description == "[build] Logs of a failed build.\n\nNOTE: this server is read-only."
