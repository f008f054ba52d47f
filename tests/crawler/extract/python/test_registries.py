"""A package's own decorator filling a module-level registry that the server registers in a loop (a shape several
published servers share: tool modules imported for their side effect)."""

from crawler.extract import extract
from tests.crawler.extract.support import by_name
from tests.paths import PYTHON_FIXTURES as FIXTURES

GREENHOUSE = FIXTURES / "py-decorator-registry" / "greenhouse"


def test_a_registry_filled_by_the_packages_own_decorator_yields_each_function() -> None:
    tools = by_name(GREENHOUSE)
    assert set(tools) == {"water_bed", "mist_seedlings", "check_traps", "valve_state", "count_aphids"}
    water = tools["water_bed"]
    assert water.title == "Water a bed"  # the decorator's argument, bound where it is used
    assert water.description == "Water one raised bed.\n\n    Beds are numbered from the door.\n    "  # the SDK's
    assert water.file == "server.py"  # where it is registered, as for every `add_tool`
    assert water.input_schema == {
        "type": "object",
        "properties": {
            "bed": {"type": "string", "title": "Bed"},
            "litres": {"type": "number", "description": "How much water.", "default": 1.5, "title": "Litres"},
        },
        "required": ["bed"],
    }
    assert (tools["mist_seedlings"].title, tools["check_traps"].title) == ("Mist seedlings", "Check traps")
    assert tools["valve_state"].description == "Whether a valve is open."  # named by the decorator's argument
    assert tools["count_aphids"].input_schema["required"] == ["leaf"]  # a bare decorator, a list of functions
    assert len(extract(GREENHOUSE).tools) == 5  # the loops' own bodies, read as written, register nothing more
