"""A Python tool's description from its docstring, as the framework the file uses sends it.

- The MCP SDK's own FastMCP (``from mcp.server.fastmcp import FastMCP``, ``mcp.server.mcpserver``) sends
  ``fn.__doc__`` untouched: indentation and trailing blanks included.
- The standalone fastmcp package (``from fastmcp import …``) cleans it (``inspect.getdoc``) and, from version 3
  on, when a Google, NumPy or Sphinx parameter section is found, sends only the text before the sections; it
  parses with griffe, which is what is used here too, so the split falls exactly where fastmcp's does. A package
  whose requirement keeps fastmcp below 3 gets the whole cleaned docstring, as the version it installs sends it.
- Anything else: the cleaned docstring.
"""

import ast
import inspect
import logging

from griffe import Docstring, DocstringSectionKind, Parser
from packaging.requirements import Requirement

logging.getLogger("griffe").setLevel(logging.ERROR)  # griffe warns about every untyped parameter in a docstring
_PARSERS = (Parser.google, Parser.numpy, Parser.sphinx)
_MODERN = ("3.0.0", "3.99.0", "4.0.0", "4.99.0", "5.0.0", "9.0.0")  # fastmcp versions that cut parameter sections


def framework(tree: ast.Module) -> str:
    """``sdk``, ``fastmcp`` or ``""``: which server library the file imports (``fastmcp2`` is told by the
    package's requirement, ``before_sections``)."""
    modules = [n.module or "" for n in tree.body if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names]
    if any(m.startswith("mcp.server") for m in modules):
        return "sdk"
    if any(m == "fastmcp" or m.startswith("fastmcp.") for m in modules):
        return "fastmcp"
    return ""


def before_sections(requirements: list[Requirement]) -> bool:
    """Whether the package's fastmcp requirement admits no version from 3 on (where parameter sections are cut)."""
    wanted = [r.specifier for r in requirements if r.name.lower() == "fastmcp"]
    return bool(wanted) and not any(v in spec for spec in wanted for v in _MODERN)


def description(raw: str, library: str) -> str | None:
    """The description the library derives from the docstring ``raw`` (as written in the source)."""
    if library == "sdk":
        return raw
    doc = inspect.cleandoc(raw)
    if library != "fastmcp":  # "fastmcp2": a version before the sections were cut
        return doc
    for parser in _PARSERS:
        sections = Docstring(doc, lineno=1, parser=parser).parse()
        if any(s.kind == DocstringSectionKind.parameters and s.value for s in sections):
            return next((s.value for s in sections if s.kind == DocstringSectionKind.text), None)
    return doc
