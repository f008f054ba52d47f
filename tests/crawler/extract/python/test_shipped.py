"""Descriptions a Python server reads from files it ships (python.shipped): read from the tree, never from outside
it, nor through a link."""

from pathlib import Path

from tests.crawler.extract.support import by_name

_SERVER = '''
import os
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("lighthouse")
TEXTS = Path(__file__).resolve().parent / "texts"


def _text(name: str) -> str:
    """Read a tool's text; it is shipped with the package."""
    path = TEXTS / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise RuntimeError(f"missing {path}") from None


def _plain(name):
    return Path(os.path.join(os.path.dirname(__file__), "texts", name + ".md")).read_text()


@mcp.tool(description=_text("light_lamp"))
def light_lamp() -> str:
    return "lit"


@mcp.tool(description=_plain("dim_lamp"))
def dim_lamp() -> str:
    return "dim"


@mcp.tool(description=_text("../../outside"))
def outside() -> str:
    return ""


@mcp.tool(description=_text("linked"))
def linked() -> str:
    return ""
'''


def test_a_description_read_from_a_shipped_file_is_the_files_text(tmp_path: Path) -> None:
    package = tmp_path / "tree" / "lighthouse"
    (package / "texts").mkdir(parents=True)
    (package / "server.py").write_text(_SERVER)
    (package / "texts" / "light_lamp.md").write_text("Light the lamp.\n\nOnly after dusk.\n")
    (package / "texts" / "dim_lamp.md").write_text("Dim the lamp.\n")
    (tmp_path / "outside.md").write_text("Text from outside the package.")
    (package / "texts" / "linked.md").symlink_to(tmp_path / "outside.md")
    tools = by_name(tmp_path / "tree")
    assert tools["light_lamp"].description == "Light the lamp.\n\nOnly after dusk."
    assert tools["dim_lamp"].description == "Dim the lamp.\n"  # as read: no strip asked
    assert tools["outside"].description is None  # outside the tree: not read
    assert tools["linked"].description is None  # a link: not followed
