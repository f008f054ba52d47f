"""The one contract every language's extraction meets, and what a whole extraction hands back.

A language package exports an ``Extractor``: the file suffixes it reads, ``extract`` for the tools those files
declare, and ``delegates`` for the dependency a package hands over to when it declares none itself. The table in
``crawler.extract.languages`` lists them; nothing else needs to know which languages exist.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from catalog.core.definition import ToolDefinition

# Recorded with every artifact the crawler reads, and bumped whenever extraction would find other tools in the same
# artifact: the next crawl then reads every package and repository again rather than skipping them as read.
VERSION = "21"

# The request a hand-written JSON-RPC server answers with its tools, quoted in any language: a branch testing for it
# (`if (method === "tools/list")`) is where the list is answered, not a condition on whether a tool is listed.
LISTING = re.compile(r"""["'`]tools/list["'`]""")

# A constant naming the toolsets a server enables by default, in any language (DEFAULT_TOOLSETS,
# DEFAULT_ENABLED_TOOL_GROUPS, defaultToolsets, a private _DEFAULT_TOOLSETS): its name says what it is. Not a bare
# GROUPS (user groups, option groups).
TOOLSET_GROUPS = r"(TOOLSETS?|TOOL_?GROUPS)"
DEFAULT_TOOLSETS = re.compile(rf"_?DEFAULT_?(ENABLED_?)?{TOOLSET_GROUPS}", re.I)


@dataclass
class ExtractionResult:
    tools: list[ToolDefinition] = field(default_factory=list)
    delegates_to: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_scanned: int = 0


@dataclass
class Context:
    """One extraction of one tree: every file walked (manifests and requirements live among them), the warnings
    every extractor adds to, the bytes of the files already read (an extractor takes those of its files out, so
    that each file is read once), a place where an extractor keeps what it parsed for its own ``delegates``, and
    the package's entry points with the files each runs (``entries``), and when the version read was published
    (``released``): a library the package requires resolves, on the day it is installed as released, to the newest
    version published before it, whose behaviour may differ from today's (python.docstrings).

    A package may ship several servers, one entry point each (console scripts, bins): a client starts one and is
    answered by the tools its code registers, not its siblings'. An extractor that reads the package's entry
    points fills ``entries``, each keyed as the command starting it ends (a console script's name, a bin's path
    in the package), and extraction names with each tool the entry points that run its file."""

    root: Path
    files: list[Path]
    warnings: list[str] = field(default_factory=list)
    sources: dict[Path, bytes] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    entries: dict[str, set[Path]] = field(default_factory=dict)
    released: datetime | None = None  # when the package's registry says this version was published, when known
    libraries: Path | None = None  # where the package's requirements are installed, when read installed (a venv's
    # site-packages): tools a library makes at run time are read there (python.transforms)


class Extractor(Protocol):
    suffixes: tuple[str, ...]

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        """Every tool ``files`` (this language's text files of the tree, in walk order) declare."""
        ...

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        """The dependencies a package that declares no tool hands over to; None when the package is not of this
        language (the next extractor in the table is asked)."""
        ...


@dataclass(frozen=True)
class CompiledExtractor:
    """A compiled language's extractor: the tools its files declare, and never a hand-over to a dependency (such a
    server ships its own code). ``read`` gets the root, the files, the warnings to add to and the files' bytes
    already read (``Context.sources``)."""

    suffixes: tuple[str, ...]
    read: Callable[[Path, list[Path], list[str], dict[Path, bytes]], list[ToolDefinition]]

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        return self.read(root, files, context.warnings, context.sources)

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return None
