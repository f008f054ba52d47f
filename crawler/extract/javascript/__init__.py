"""JavaScript and TypeScript: source, and the compiled or bundled JavaScript npm packages ship.

Inside, dependencies run one way: ``syntax`` (parse, grammar, queries, sentinels, the evaluator's interface) <-
``values`` (the evaluator and its helpers) <- ``reach`` (which code runs) <- ``patterns`` (how tools are declared)
<- this module.
"""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.contract import Context
from crawler.extract.javascript.patterns.tools import QUERIES, extract_js
from crawler.extract.javascript.reach.bins import bin_reaches
from crawler.extract.javascript.reach.delegation import npm_delegates
from crawler.extract.javascript.syntax import SUFFIXES
from crawler.extract.javascript.values.module import Loader


class JavaScriptExtractor:
    suffixes = SUFFIXES

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        # Each module parsed and queried once, and kept for ``delegates`` only while no tool is found (a tree that
        # declares a tool is never asked what it hands over to): syntax trees kept alive while the other languages
        # are read made those languages' parses slower (6% for C# and Go), in memory that could not be reused.
        loader = Loader(root, files, QUERIES, context.sources)
        tools = extract_js(loader, files)
        if tools:
            context.entries.update(bin_reaches(root, loader))
        else:
            context.state["javascript"] = loader
        return tools

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return npm_delegates(root, context.state.get("javascript") or Loader(root, []))


EXTRACTOR = JavaScriptExtractor()
