"""A Python tool's description from its docstring, as the framework the file uses sends it.

- The MCP SDK's own FastMCP (``from mcp.server.fastmcp import FastMCP``, ``mcp.server.mcpserver``) sends
  ``fn.__doc__`` untouched: indentation and trailing blanks included.
- The standalone fastmcp package (``from fastmcp import …``) cleans it (``inspect.getdoc``) and, when a Google,
  NumPy or Sphinx parameter section is found, sends only the text before the sections; it parses with griffe,
  which is what is used here too, so the split falls exactly where fastmcp's does.
- Anything else: the cleaned docstring.
"""

import ast
import inspect
import logging

from griffe import Docstring, DocstringSectionKind, Parser

logging.getLogger("griffe").setLevel(logging.ERROR)  # griffe warns about every untyped parameter in a docstring
_PARSERS = (Parser.google, Parser.numpy, Parser.sphinx)


def framework(tree: ast.Module) -> str:
    """``sdk``, ``fastmcp`` or ``""``: which server library the file imports."""
    modules = [n.module or "" for n in tree.body if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names]
    if any(m.startswith("mcp.server") for m in modules):
        return "sdk"
    if any(m == "fastmcp" or m.startswith("fastmcp.") for m in modules):
        return "fastmcp"
    return ""


def description(raw: str, library: str) -> str | None:
    """The description the library derives from the docstring ``raw`` (as written in the source)."""
    if library == "sdk":
        return raw
    doc = inspect.cleandoc(raw)
    if library != "fastmcp":
        return doc
    for parser in _PARSERS:
        sections = Docstring(doc, lineno=1, parser=parser).parse()
        if any(s.kind == DocstringSectionKind.parameters and s.value for s in sections):
            return next((s.value for s in sections if s.kind == DocstringSectionKind.text), None)
    return doc
