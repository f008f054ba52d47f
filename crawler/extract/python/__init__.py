"""Python: FastMCP and the low-level SDK, read with the standard library's own parser."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.contract import Context
from crawler.extract.python.delegation import declared_requirements, python_delegates
from crawler.extract.python.tools import extract_python


class PythonExtractor:
    suffixes = (".py",)

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        return extract_python(root, files, declared_requirements(root, context.files), context.sources)

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return python_delegates(root, context.files)


EXTRACTOR = PythonExtractor()
