"""FastMCP's decorators and the low-level server's Tool(...) lists, on the reference Python fixture."""

from pathlib import Path

from tests.crawler.extract.support import by_name
from tests.paths import PYTHON_FIXTURES as FIXTURES


def test_python_fastmcp_and_low_level() -> None:
    tools = by_name(FIXTURES / "py-server")
    assert set(tools) == {"list_notes", "add_note", "tag-note", "delete_note", "archive_note", "export_notes"}
    # the SDK's FastMCP sends the docstring as written (fn.__doc__), indentation included
    assert tools["list_notes"].description == "List notes in a folder.\n\n    Newest first.\n    "
    assert tools["list_notes"].input_schema["properties"]["limit"] == {
        "type": "integer",
        "default": 20,
        "title": "Limit",
    }
    assert "required" not in tools["list_notes"].input_schema
    add = tools["add_note"]
    assert add.input_schema["required"] == ["title", "body"] and "ctx" not in add.input_schema["properties"]
    assert add.input_schema["properties"]["body"]["description"] == "Markdown body"
    tag = tools["tag-note"]
    assert tag.description == "Tag a note with a colour"
    assert tag.annotations == {"readOnlyHint": True, "openWorldHint": False}  # a module constant
    assert tag.input_schema["properties"]["colour"]["enum"] == ["red", "blue"]
    assert tag.input_schema["properties"]["mode"]["enum"] == ["add", "remove"]
    assert tools["delete_note"].annotations == {"destructiveHint": True}
    assert tools["archive_note"].description == "Archive a note so it leaves the inbox"
    assert tools["export_notes"].input_schema["properties"]["format"]["enum"] == ["zip", "tar"]


def test_texts_built_from_a_sibling_modules_constants(tmp_path: Path) -> None:
    # `from . import limits` (or `import pkg.limits as limits`), then `limits.MAX_ROWS` in an f-string: the
    # attribute is the sibling module's constant, as Python reads it
    package = tmp_path / "ledger_mcp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "limits.py").write_text('MAX_ROWS = 500\nUNIT = "cents"\n')
    server = (
        "from mcp.server.fastmcp import FastMCP\nfrom . import limits\nimport ledger_mcp.limits as caps\n"
        'mcp = FastMCP("ledger")\n\n'
        '@mcp.tool(description=f"List entries, at most {limits.MAX_ROWS} at a time. " + "Amounts in " + caps.UNIT)\n'
        "def list_entries() -> list: ...\n"
    )
    (package / "server.py").write_text(server)
    assert by_name(tmp_path)["list_entries"].description == "List entries, at most 500 at a time. Amounts in cents"
