"""A fastmcp tool's description follows the fastmcp version the package runs on: from version 3, a docstring's
parameter sections are cut; a package whose requirement keeps fastmcp below 3 sends them."""

import shutil
from pathlib import Path

from tests.extract_support import FIXTURES, by_name


def _pantry(folder: Path, requirement: str) -> Path:
    shutil.copytree(FIXTURES / "py-docstrings", folder)
    (folder / "pyproject.toml").write_text(f'[project]\nname = "pantry"\ndependencies = ["{requirement}"]\n')
    return folder


def test_fastmcp_below_3_sends_the_whole_cleaned_docstring(tmp_path: Path) -> None:
    tools = by_name(_pantry(tmp_path / "two", "fastmcp>=2.10,<3.0"))
    assert tools["add_item"].description == (
        "Put an item in the pantry.\n\nArgs:\n    name: What to add.\n    count: How many.\n\n"
        "Returns:\n    The pantry line written."
    )


def test_fastmcp_from_3_on_cuts_the_parameter_sections(tmp_path: Path) -> None:
    for requirement in ("fastmcp>=2.10", "fastmcp>=3", "fastmcp"):  # a range that admits 3 installs today's
        tools = by_name(_pantry(tmp_path / requirement.replace(">=", "-"), requirement))
        assert tools["add_item"].description == "Put an item in the pantry.", requirement
