"""Java: the MCP Java SDK, Spring AI and Quarkus."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.contract import Context
from crawler.extract.java.tools import extract_java


class JavaExtractor:
    suffixes = (".java",)

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        return extract_java(root, files, context.warnings)

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return None  # a compiled server ships its own code


EXTRACTOR = JavaExtractor()
