"""C# servers on the ModelContextProtocol SDK: `[McpServerTool]` methods, `[Description]`, hints, parameters."""

from pathlib import Path

from tests.crawler.extract.support import by_name, scan_names

FIXTURES = Path(__file__).parent / "fixtures"

CSHARP = FIXTURES / "csharp-server"


def test_csharp_named_tools_constants_and_hints() -> None:
    tools = by_name(CSHARP)
    alerts = tools["get_alerts"]
    assert alerts.description == "Active weather alerts for a US state."  # Class.Const of another file
    assert alerts.title == "Weather alerts"
    assert alerts.annotations == {"readOnlyHint": True, "openWorldHint": True, "title": "Weather alerts"}
    assert alerts.input_schema == {  # HttpClient and the CancellationToken are bound by the SDK
        "type": "object",
        "properties": {"state": {"type": "string", "description": "Two-letter state code, e.g. NY"}},
        "required": ["state"],
    }
    assert (alerts.file, alerts.line, alerts.confidence) == ("Tools/WeatherTools.cs", 20, 0.9)
    forecast = tools["get_forecast"]  # Name = a const of the class; verbatim string description
    assert forecast.description == 'Forecast for a point. Uses "api.weather.gov".'
    assert forecast.annotations == {"idempotentHint": True}
    assert forecast.input_schema == {
        "type": "object",
        "properties": {
            "latitude": {"type": "number", "description": "Latitude"},
            "longitude": {"type": "number", "description": "Longitude"},
            "days": {"type": "integer", "default": 3},
            "units": {"type": "string", "enum": ["Metric", "Imperial"]},
            "fields": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["latitude", "longitude"],
    }


def test_csharp_names_derived_like_the_sdk() -> None:
    tools = by_name(CSHARP)
    assert set(tools) == {
        "get_alerts",
        "get_forecast",
        "clear_saved_locations",
        "get_http_status",
        "list_stations",
        "station_count",
        "lookup_order",
        "ping_service",
    }
    clear = tools["clear_saved_locations"]  # ClearSavedLocationsAsync: async, so "Async" goes; snake_case
    assert clear.annotations == {"destructiveHint": True, "readOnlyHint": False}
    assert clear.input_schema == {
        "type": "object",
        "properties": {"confirm": {"type": "boolean"}},
        "required": ["confirm"],
    }
    status = tools["get_http_status"]  # GetHTTPStatus
    assert status.description is None and status.annotations is None
    assert status.input_schema["properties"] == {"hosts": {"type": "array", "items": {"type": "string"}}}


def test_csharp_xml_docs_of_partial_methods() -> None:
    tools = by_name(CSHARP)
    stations = tools["list_stations"]  # what the SDK's generator makes of the /// comment: summary, then remarks
    assert stations.description == "List the weather stations of a -aware network.\nSorted by name."
    assert stations.input_schema == {
        "type": "object",
        "properties": {
            "state": {"type": "string", "description": "Two-letter state code"},
            "limit": {"type": "integer", "description": "At most this many", "default": 50},  # the attribute wins
        },
        "required": ["state"],
    }
    assert tools["station_count"].description is None  # not partial: the comment is not sent


def test_csharp_tools_created_with_options() -> None:
    tools = by_name(CSHARP)
    lookup = tools["lookup_order"]  # McpServerTool.Create(lambda, new McpServerToolCreateOptions { ... })
    assert (lookup.description, lookup.annotations) == ("Look up an order", {"readOnlyHint": True})
    assert lookup.input_schema == {
        "type": "object",
        "properties": {
            "order": {"type": "string", "description": "Order number"},
            "days": {"type": "integer", "default": 7},
        },
        "required": ["order"],
    }
    ping = tools["ping_service"]  # a method group: its name and [Description] under the options' hints
    assert (ping.description, ping.annotations) == ("Ping the service", {"openWorldHint": True})
    assert not any(
        t.file == "Registrations.cs" and t.name not in ("lookup_order", "ping_service") for t in tools.values()
    )


def test_csharp_scan() -> None:
    expected = {"get_alerts", "get_forecast", "clear_saved_locations", "get_http_status"}
    assert scan_names(CSHARP) == expected | {"list_stations", "station_count", "lookup_order", "ping_service"}
