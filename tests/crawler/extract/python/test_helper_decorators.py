"""A helper package's registering decorator, `@dial_tool(mcp, "show_dial", description=...)`: its code lives in
another distribution, so it is read by its shape (a `…_tool` call given the server and the tool's name)."""

from tests.crawler.extract.support import by_name
from tests.paths import PYTHON_FIXTURES as FIXTURES


def test_a_helper_packages_decorator_given_the_server_and_a_name_registers_a_tool() -> None:
    tools = by_name(FIXTURES / "py-helper-decorators")
    assert set(tools) == {"show_dial", "show_table"}  # not `@cached_tool("not a server", …)`
    assert tools["show_dial"].description == "Show one reading on a dial."
    assert tools["show_dial"].input_schema is not None
    assert set(tools["show_dial"].input_schema["properties"]) == {"value", "label"}
    assert tools["show_table"].description == "Show rows as a table.\n\nRows are comma-separated."
