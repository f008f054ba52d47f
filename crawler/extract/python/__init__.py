"""Python: FastMCP and the low-level SDK, read with the standard library's own parser."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.contract import Context
from crawler.extract.python.appended import append_run_time_text
from crawler.extract.python.delegation import declared_requirements, python_delegates
from crawler.extract.python.entries import entry_reaches
from crawler.extract.python.tools import extract_python
from crawler.extract.python.transforms import transform_tools
from crawler.extract.python.values import Project


class PythonExtractor:
    suffixes = (".py",)

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        project = Project(root, files, context.sources)
        context.entries.update(entry_reaches(project, context.files))
        requirements = declared_requirements(root, context.files)
        tools = extract_python(project, files, requirements, context.released)
        append_run_time_text(project, files, tools)
        return tools + transform_tools(project, files, context.libraries)

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return python_delegates(root, context.files)


EXTRACTOR = PythonExtractor()
