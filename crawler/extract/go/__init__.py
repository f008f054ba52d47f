"""Go: mark3labs/mcp-go and the official go-sdk."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.contract import Context
from crawler.extract.go.tools import extract_go


class GoExtractor:
    suffixes = (".go",)

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        return extract_go(root, files, context.warnings)

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return None  # a compiled server ships its own code


EXTRACTOR = GoExtractor()
