"""Descriptions a Python server reads from files it ships (python.shipped): read from the tree, never from outside
it, nor through a link."""

import ast
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.extract.python import shipped
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


def _lighthouse(tmp_path: Path) -> Path:
    package = tmp_path / "tree" / "lighthouse"
    (package / "texts").mkdir(parents=True)
    (package / "server.py").write_text(_SERVER)
    (package / "texts" / "light_lamp.md").write_text("Light the lamp.\n\nOnly after dusk.\n")
    (package / "texts" / "dim_lamp.md").write_text("Dim the lamp.\n")
    (tmp_path / "outside.md").write_text("Text from outside the package.")
    (package / "texts" / "linked.md").symlink_to(tmp_path / "outside.md")
    return tmp_path / "tree"


def test_a_description_read_from_a_shipped_file_is_the_files_text(tmp_path: Path) -> None:
    tools = by_name(_lighthouse(tmp_path))
    assert tools["light_lamp"].description == "Light the lamp.\n\nOnly after dusk."
    assert tools["dim_lamp"].description == "Dim the lamp.\n"  # as read: no strip asked
    assert tools["outside"].description is None  # outside the tree: not read
    assert tools["linked"].description is None  # a link: not followed



def test_a_reader_function_is_walked_once_a_run_however_many_tools_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = _lighthouse(tmp_path)  # _text reads three tools' descriptions
    walk, walks = ast.walk, list[str]()

    def counted(node: ast.AST) -> Iterator[ast.AST]:
        if isinstance(node, ast.FunctionDef) and node.name == "_text":
            walks.append(node.name)  # not the node: the test would keep its tree
        return walk(node)

    monkeypatch.setattr(ast, "walk", counted)
    for run in (1, 2):
        assert by_name(tree)["light_lamp"].description == "Light the lamp.\n\nOnly after dusk."
        assert len(walks) == run  # once a run: a new run's tree is walked anew
    gc.collect()
    assert not shipped._reads  # nothing kept once the runs' trees are gone
