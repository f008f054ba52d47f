"""A low-level Python server that builds each `Tool(...)` with a small function of its own (python.factories)."""

from pathlib import Path

from tests.crawler.extract.support import by_name

SERVER = '''from mcp.server import Server
from mcp.types import Tool

server = Server("fx")
READ_ONLY = {"readOnlyHint": True}


def _tool(name: str, description: str, props: dict, annotations: dict | None = None) -> Tool:
    return Tool(name=name, description=description, inputSchema={"type": "object", "properties": props},
                annotations=annotations)


def _named(tool: str) -> str:
    if not tool:
        return "unnamed"
    return tool.lower()


TOOLS = [
    _tool("fx_rate", "Exchange rate between two currencies", {"base": {"type": "string"}}, annotations=READ_ONLY),
    _tool(description="Rates over the last days", props={"days": {"type": "integer"}}, name="fx_history"),
]
for code, label in [("fx_convert", "Convert an amount"), ("fx_alert", "Alert on a rate")]:
    TOOLS.append(_tool(code, label, {}))
LABEL = _named("FX")


@server.list_tools()
async def list_tools() -> list[Tool]:
    return TOOLS
'''


def test_tools_built_by_a_function_of_the_module(tmp_path: Path) -> None:
    (tmp_path / "fx").mkdir()
    (tmp_path / "fx" / "server.py").write_text(SERVER)
    tools = by_name(tmp_path)
    assert set(tools) == {"fx_rate", "fx_history", "fx_convert", "fx_alert"}
    rate = tools["fx_rate"]  # positional arguments, a keyword one, where the tool is made
    assert (rate.description, rate.line, rate.annotations) == ("Exchange rate between two currencies", 20,
                                                               {"readOnlyHint": True})
    assert rate.input_schema == {"type": "object", "properties": {"base": {"type": "string"}}}
    history = tools["fx_history"]  # keywords in any order, a default left out
    assert (history.description, history.annotations) == ("Rates over the last days", None)
    assert tools["fx_alert"].description == "Alert on a rate"  # called in a loop over a literal list
