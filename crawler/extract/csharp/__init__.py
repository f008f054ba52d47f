"""C#: the official ModelContextProtocol SDK."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.contract import Context
from crawler.extract.csharp.tools import extract_csharp


class CSharpExtractor:
    suffixes = (".cs",)

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        return extract_csharp(root, files, context.warnings)

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return None  # a compiled server ships its own code


EXTRACTOR = CSharpExtractor()
