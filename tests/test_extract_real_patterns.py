"""Patterns met in real published servers (measured by benchmarks/extract_vs_real.py), each on a fixture
written for it: texts that depend on the default environment, tool-definition frameworks, class-based tools,
entry points that hand over to dependencies through local modules, and Python FastMCP variants."""

from pathlib import Path

from crawler.extract import extract

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def by_name(folder: str) -> dict:
    return {t.name: t for t in extract(FIXTURES / folder).tools}


def test_texts_are_read_as_the_default_environment_makes_them() -> None:
    tools = by_name("js-default-environment")
    assert set(tools) == {"weather_forecast", "weather_alerts", "weather_radar"}
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


def test_tool_definition_framework_objects_with_a_schema_and_a_handler() -> None:
    tools = by_name("js-tool-definitions")
    assert set(tools) == {"list_tabs", "close_tab"}  # an option and a form field are not tools
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
