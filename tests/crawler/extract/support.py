"""Helpers the extraction tests share: extract a fixture by tool name, and run `mcprisk scan` on it."""

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from catalog.core.definition import ToolDefinition
from crawler.extract import extract
from mcprisk.cli import app
from tests.paths import EXTRACT_FIXTURES

FIXTURES = EXTRACT_FIXTURES


def by_name(path: Path, **options: Any) -> dict[str, ToolDefinition]:
    """The tools ``extract(path, **options)`` finds, by name."""
    return {t.name: t for t in extract(path, **options).tools}


def scan_names(path: Path) -> set[str]:
    """The tool names `mcprisk scan PATH --json` prints; the command must succeed."""
    result = CliRunner().invoke(app, ["scan", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return {tool["name"] for tool in json.loads(result.stdout)["tools"]}
