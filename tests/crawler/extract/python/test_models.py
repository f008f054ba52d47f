"""Python servers whose schemas are pydantic models: `Tool(inputSchema=Model.model_json_schema())` in the
low-level API, and FastMCP parameters typed with a model, resolved across the package's own modules."""

from tests.crawler.extract.support import by_name, scan_names
from tests.paths import PYTHON_FIXTURES as FIXTURES

PYDANTIC = FIXTURES / "py-pydantic"
PLACE = {
    "latitude": {"type": "number", "description": "Degrees north", "title": "Latitude"},
    "longitude": {"type": "number", "description": "Degrees east", "title": "Longitude"},
}


def test_low_level_tool_with_model_json_schema() -> None:
    tools = by_name(PYDANTIC)
    forecast = tools["forecast"]  # description: a constant imported from .texts; the model from .models
    assert forecast.description == "Forecast for a place, day by day"
    assert forecast.input_schema == {
        "type": "object",
        "title": "ForecastArgs",
        "properties": PLACE  # inherited from Place first; private, ClassVar and model_config left out
        | {
            "days": {"type": "integer", "description": "How many days", "default": 3, "title": "Days"},
            "units": {"enum": ["metric", "imperial"], "type": "string", "default": "metric", "title": "Units"},
            "hours": {"type": "array", "items": {"type": "integer"}, "title": "Hours"},
            "station": {"type": "string", "default": None, "title": "Station"},
        },
        "required": ["latitude", "longitude"],
    }
    assert forecast.confidence == 0.9
    unknown = tools["stations"]  # a model nowhere in the package: no schema is made up
    assert unknown.input_schema is None and unknown.confidence == 0.5


def test_fastmcp_parameters_typed_with_models() -> None:
    tools = by_name(PYDANTIC)
    alerts = tools["subscribe_alerts"]  # `models.Alert` through `from weather_server import models`
    assert alerts.input_schema == {
        "type": "object",
        "properties": {
            "alert": {
                "type": "object",
                "title": "Alert",
                "properties": {
                    "region": {"type": "string", "title": "Region"},
                    "severity": {
                        "enum": ["minor", "severe"],
                        "type": "string",
                        "description": "Lowest severity shown",
                        "default": "minor",
                        "title": "Severity",
                    },
                    "feed": {  # pydantic's own schema for its URL type
                        "type": "string",
                        "format": "uri",
                        "minLength": 1,
                        "description": "Where alerts come from",
                        "default": None,
                        "title": "Feed",
                    },
                },
                "required": ["region"],
            },
            "email": {"type": "string", "title": "Email"},
        },
        "required": ["alert", "email"],
    }
    sunrise = tools["sunrise"]  # `from weather_server.models import Place`; the class docstring describes it
    assert sunrise.annotations == {"readOnlyHint": True}
    assert sunrise.input_schema["properties"]["place"] == {
        "type": "object",
        "title": "Place",
        "description": "A point on the map.",
        "properties": PLACE,
        "required": ["latitude", "longitude"],
    }
    assert sunrise.input_schema["required"] == ["place"]


def test_written_out_schema_with_an_unreadable_value() -> None:
    nearby = by_name(PYDANTIC)["nearby_stations"]  # a module constant; one f-string cannot be resolved
    assert nearby.input_schema == {"type": "object", "properties": {"radius": {"type": "number"}}}  # left out
    assert nearby.confidence == 0.5


def test_model_with_a_field_of_unknown_type() -> None:
    subscribe = by_name(PYDANTIC)["subscribe"]
    assert subscribe.input_schema == {
        "type": "object",
        "title": "Subscription",
        "properties": {"region": {"type": "string", "title": "Region"}, "window": {"title": "Window"}},
        "required": ["region", "window"],
    }
    assert subscribe.confidence == 0.5  # the library type's schema is unknown, not guessed


def test_pydantic_scan() -> None:
    expected = {"forecast", "stations", "subscribe_alerts", "sunrise", "nearby_stations", "subscribe"}
    assert scan_names(PYDANTIC) == expected
