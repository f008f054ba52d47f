"""A package's own decorator filling a module-level registry that the server registers in a loop (a shape several
published servers share: tool modules imported for their side effect)."""

from pathlib import Path

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


KILN_SPECS = '''from dataclasses import dataclass
from typing import Any, Awaitable, Callable


@dataclass(frozen=True)
class Spec:
    description: str
    input_schema: dict[str, Any]
    handler: Callable[..., Awaitable[Any]]


REGISTRY: dict[str, Spec] = {}


def _tool(name: str, *, description: str, input_schema: dict[str, Any], hidden: bool = False):
    """Keep the function as a tool of the kiln server."""

    def decorator(fn):
        REGISTRY[name] = Spec(description=description, input_schema=input_schema, handler=fn)
        return fn

    return decorator


@_tool(
    "fire_kiln",
    description="Fire the kiln " "to a cone.",
    input_schema={"type": "object", "properties": {"cone": {"type": "integer"}}, "required": ["cone"]},
)
async def fire_kiln(cone: int) -> str:
    return str(cone)


@_tool("kiln_log", description="Read the firing log.", input_schema={"type": "object", "properties": {}})
async def kiln_log() -> str:
    return ""
'''

KILN_SERVER = '''from mcp.server import Server
from mcp.types import Tool

from kiln.specs import REGISTRY


def build() -> Server:
    server = Server("kiln")

    @server.list_tools()
    async def list_tools() -> list[Tool]:
        return [
            Tool(name=name, description=spec.description, inputSchema=spec.input_schema)
            for name, spec in REGISTRY.items()
        ]

    return server
'''


def test_a_registry_filled_by_a_decorator_factory_with_keyword_only_parameters(tmp_path: Path) -> None:
    # `def _tool(name, *, description, input_schema, hidden=False)`: the keywords of each use are the factory's
    # parameters too, bound into the record it keeps, which the low-level server's list reads back
    (tmp_path / "kiln").mkdir()
    (tmp_path / "kiln" / "specs.py").write_text(KILN_SPECS)
    (tmp_path / "kiln" / "server.py").write_text(KILN_SERVER)
    tools = by_name(tmp_path)
    assert set(tools) == {"fire_kiln", "kiln_log"}
    assert tools["fire_kiln"].description == "Fire the kiln to a cone."
    assert tools["fire_kiln"].input_schema["required"] == ["cone"]
    assert tools["kiln_log"].description == "Read the firing log."


LIGHTHOUSE = FIXTURES / "py-tool-instances" / "lighthouse"


def test_tool_instances_built_by_a_base_class_method_yield_each_subclass_tool() -> None:
    """`[tool.to_tool() for tool in TOOLS]` over instances of subclasses: the base class's `to_tool` returns
    `Tool(name=self.name, …)`, read with each subclass's properties (or class attribute) in place."""
    tools = by_name(LIGHTHOUSE)
    assert set(tools) == {"trim_wick", "log_ship"}
    assert tools["trim_wick"].description == "Trim the lamp's wick before dusk."
    assert tools["trim_wick"].input_schema["required"] == ["millimetres"]
    assert tools["log_ship"].description == "Write a passing ship into the log."  # `name` a class attribute
    assert len(extract(LIGHTHOUSE).tools) == 2
