"""Helpers the JavaScript extraction tests share: the fixtures beside them, and the tools a tree declares by name."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract import extract
from tests.crawler.extract.support import scan_names
from tests.paths import JS_FIXTURES

FIXTURES = JS_FIXTURES

__all__ = ["FIXTURES", "by_name", "folder", "scan_names"]


def by_name(path: Path) -> dict[str, ToolDefinition]:
    return {t.name: t for t in extract(path).tools}


def folder(fixture: str) -> dict[str, ToolDefinition]:
    """The tools of the fixture folder ``fixture``, by name."""
    return by_name(FIXTURES / fixture)
