"""A Python tool's description from its docstring, as the framework the file uses sends it.

- The MCP SDK's own FastMCP (``from mcp.server.fastmcp import FastMCP``, ``mcp.server.mcpserver``) sends
  ``fn.__doc__`` untouched: indentation and trailing blanks included.
- The standalone fastmcp package (``from fastmcp import …``) cleans it (``inspect.getdoc``) and parses it with
  griffe (Google, NumPy, then Sphinx style), which is what is used here too, so the cut falls exactly where
  fastmcp's does. When a parser finds structure, only the text before the sections is sent; what counts as
  structure has grown with the versions (read in 2.14, 3.1, 3.2, 3.4, 4.0, 4.1 and 4.2):
  - before 3.2: nothing, the whole cleaned docstring is sent (3.0 and 3.1 parse no docstring either);
  - 3.2 to 4.0: a parameter section with entries;
  - 4.1: any section griffe knows (parameters, returns, raises, an admonition such as ``Rules:``…);
  - from 4.2: the same, but an admonition counts only under a heading Napoleon knows (``Note:``, ``Example:``…).
  The version is the newest the package's fastmcp requirement admits, as a fresh install gets it; when the registry
  says when the package was published, the newest it admits among those published by then, as its author (and an
  install capping its dependencies at its release, crawler.introspect.released) ran it: a server published in
  January 2026 requiring ``fastmcp>=2.11`` runs on 2.14, which sends the whole docstring.
- chuk-mcp-server (``from chuk_mcp_server import …``) sends ``fn.__doc__`` untouched too, and ``Execute NAME``
  for a function without one.
- zeromcp (``from zeromcp import McpServer``, the IDA Pro servers and others) sends ``fn.__doc__.strip()``: every
  line after the first keeps its indentation; ``Call NAME`` for a function without one.
- Anything else: the cleaned docstring.
A package passing the function through its own code that sets ``__doc__`` to ``inspect.cleandoc(fn.__doc__)`` on
the way (a wrapper around it, or its own ``tool`` decorator) sends it cleaned, whatever the library (``cleaning``).
A file that imports no server library (a module of tools registered on a server passed in) follows the package's
own registry when the package writes one: a ``tool`` decorator of its own that builds the definition itself (no
``….tool``/``add_tool`` of a library called), a common hand-written registry on the low-level server or on a
JSON-RPC loop of the package's own. One reading the docstring with ``inspect.getdoc`` (or ``cleandoc``) sends it
cleaned; one reading ``fn.__doc__.strip()`` sends it as written, only its ends trimmed: every line after the first
keeps its indentation. Else it follows the package's requirement: chuk-mcp-server, else fastmcp, else the MCP SDK.
"""

import ast
import inspect
import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from griffe import Docstring, DocstringSection, DocstringSectionKind, Parser
from packaging.requirements import Requirement
from packaging.version import InvalidVersion, Version

from crawler.extract.python.syntax import Index, doc_assignments, dotted

logging.getLogger("griffe").setLevel(logging.ERROR)  # griffe warns about every untyped parameter in a docstring
_PARSERS = (Parser.google, Parser.numpy, Parser.sphinx)
_SERVER_CLASSES = frozenset(("FastMCP", "MCPServer"))
# fastmcp's rules, newest first: the first version that has it, and versions that stand for every version after it
_RULES = (
    ("fastmcp", Version("4.2"), ("4.2.0", "4.2.99", "4.99.0", "5.0.0", "9.0.0")),
    ("fastmcp4.1", Version("4.1"), ("4.1.0", "4.1.99")),
    ("fastmcp3", Version("3.2"), ("3.2.0", "3.99.0", "4.0.0", "4.0.99")),
    ("fastmcp2", Version("0"), ("2.0.0", "2.99.0", "3.0.0", "3.1.99")),
)
# when the first release of each line a stand-in stands for was published (the registry's upload times); a line not
# out yet when a package was published is no version it ran on
_PUBLISHED = (
    (Version("4.2"), datetime(2026, 11, 20, tzinfo=UTC)),
    (Version("4.1"), datetime(2026, 10, 8, tzinfo=UTC)),
    (Version("4.0"), datetime(2026, 8, 31, tzinfo=UTC)),
    (Version("3.2"), datetime(2026, 3, 30, tzinfo=UTC)),
    (Version("3"), datetime(2026, 2, 18, tzinfo=UTC)),
)
_ADMONITIONS = frozenset(  # the headings fastmcp 4.2 counts as sections when griffe reads them as admonitions
    [
        "attention",
        "caution",
        "danger",
        "error",
        "example",
        "hint",
        "important",
        "note",
        "notes",
        "raise",
        "references",
        "return",
        "see-also",
        "tip",
        "todo",
        "warning",
        "yield",
    ]
)


def framework(tree: ast.Module, index: Index) -> str:
    """``sdk``, ``fastmcp``, ``chuk``, ``zeromcp`` or ``""``: which server library the file imports (the fastmcp
    version is told by the package's requirement, ``fastmcp_rule``). Imports at the top decide; a file without any
    asks those inside its functions: a factory importing the library late, to fail with a clear message when it is
    missing. The library the server class comes from decides over the others the file imports."""
    nodes: list[ast.AST] | list[ast.stmt] = tree.body
    modules = _imported(nodes)
    if not any(m.startswith(("mcp.server", "fastmcp", "chuk_mcp_server", "zeromcp")) for m in modules):
        nodes = index.of(ast.ImportFrom, ast.Import)  # every import of the file, in walk order
        modules = _imported(nodes)
    if any(m == "chuk_mcp_server" or m.startswith("chuk_mcp_server.") for m in modules):
        return "chuk"
    if any(m == "zeromcp" or m.startswith("zeromcp.") for m in modules):
        return "zeromcp"
    if len(origins := _server_class_origins(nodes)) == 1:  # a fastmcp server using the SDK's transports or auth
        return origins.pop()
    if any(m.startswith("mcp.server") for m in modules):
        return "sdk"
    if any(m == "fastmcp" or m.startswith("fastmcp.") for m in modules):
        return "fastmcp"
    return ""


def _server_class_origins(nodes: list[ast.AST] | list[ast.stmt]) -> set[str]:
    """Which library the file's server class (``FastMCP``, ``MCPServer``) is imported from: ``fastmcp`` or
    ``sdk``. A fastmcp server often imports pieces of the SDK's ``mcp.server`` besides (an SSE transport, its auth
    context, a ``Context`` or ``Icon`` type); its docstrings are still fastmcp's to send. Two origins (a fallback
    import of the other library) leave the choice to the imports alone."""
    return {"fastmcp" if (n.module or "").split(".")[0] == "fastmcp" else "sdk"
            for n in nodes if isinstance(n, ast.ImportFrom) and (n.module or "").startswith(("fastmcp", "mcp.server"))
            and any(a.name in _SERVER_CLASSES for a in n.names)}


def _imported(nodes: list[ast.AST] | list[ast.stmt]) -> list[str]:
    modules = [n.module or "" for n in nodes if isinstance(n, ast.ImportFrom)]
    return modules + [a.name for n in nodes if isinstance(n, ast.Import) for a in n.names]


def package_library(requirements: list[Requirement], indexes: Iterable[Index | None] = ()) -> str:
    """The server library a package's own (not optional) requirements name: ``chuk``, ``zeromcp``, ``fastmcp``,
    ``sdk`` or ``""``, the most specific first (fastmcp and chuk-mcp-server require the SDK themselves). A package
    whose own registry (in its modules' ``indexes``) reads docstrings itself gets how it reads them: ``""``
    (cleaned) or ``stripped``."""
    names = {r.name.lower().replace("_", "-") for r in requirements if not (r.marker and "extra" in str(r.marker))}
    for name, library in (("chuk-mcp-server", "chuk"), ("zeromcp", "zeromcp"), ("fastmcp", "fastmcp")):
        if name in names:
            return library
    own = next((read for index in indexes if index is not None and (read := _own_registry(index)) is not None), None)
    if own is not None:
        return own
    return "sdk" if "mcp" in names else ""


def _own_registry(index: Index) -> str | None:
    """How the package's own ``tool`` decorator reads a docstring: ``""`` cleaned, ``stripped`` (``__doc__.strip()``),
    None when the package has no such decorator or it hands the function to a library's."""
    for function in index.of(ast.FunctionDef):
        if function.name == "tool":
            calls = [n for n in ast.walk(function) if isinstance(n, ast.Call)]
            called = {dotted(n.func).split(".")[-1] for n in calls}
            if called & {"tool", "add_tool"}:
                continue
            if called & {"getdoc", "cleandoc"}:
                return ""
            if any(isinstance(n.func, ast.Attribute) and n.func.attr == "strip" and not n.args
                   and isinstance(n.func.value, ast.Attribute) and n.func.value.attr == "__doc__" for n in calls):
                return "stripped"
    return None


def fastmcp_rule(requirements: list[Requirement], released: datetime | None = None) -> str:
    """The rule (``fastmcp``, ``fastmcp4.1``, ``fastmcp3``, ``fastmcp2``) of the newest fastmcp the package's
    requirement admits, among the versions out when it was ``released`` (when known); the newest rule when the
    package does not say (a fastmcp another requirement brings is installed as it is today)."""
    wanted = [r.specifier for r in requirements if r.name.lower() == "fastmcp"]
    if not wanted:
        return _RULES[0][0]
    candidates = [Version(v) for rule in _RULES for v in rule[2] if _out(Version(v), released)]
    for spec in (s for specifier in wanted for s in specifier):
        try:
            candidates.append(Version(spec.version))  # `==4.0.11` admits no stand-in, but itself
        except InvalidVersion:
            continue
    admitted = [v for v in candidates if any(v in specifier for specifier in wanted)]
    newest = max(admitted, default=candidates[0])
    return next(name for name, first, _ in _RULES if newest >= first)


def _out(version: Version, released: datetime | None) -> bool:
    """Whether the line of ``version`` was published by ``released`` (always, when that is not known)."""
    first = next((when for line, when in _PUBLISHED if version >= line), None)
    return released is None or first is None or first <= released


def cleaning(function: ast.FunctionDef | ast.AsyncFunctionDef | None, library: str) -> str:
    """How a tool's docstring is sent when the package passes the function through ``function`` on its way to the
    library: one that sets a ``__doc__`` to ``inspect.cleandoc(...)`` or ``inspect.getdoc(...)`` (a wrapper, or a
    package's own ``tool`` decorator, cleaning what the SDK would send with its indentation) sends it cleaned."""
    if function is None or library not in ("sdk", "chuk", "stripped", "zeromcp"):
        return library
    for value in doc_assignments(function):
        if any(isinstance(c, ast.Call) and dotted(c.func).split(".")[-1] in ("cleandoc", "getdoc")
               for c in ast.walk(value)):
            return ""
    return library


def description(raw: str, library: str) -> str | None:
    """The description the library derives from the docstring ``raw`` (as written in the source)."""
    if library in ("sdk", "chuk"):
        return raw
    if library in ("stripped", "zeromcp"):
        return raw.strip()
    doc = inspect.cleandoc(raw)
    if library not in ("fastmcp", "fastmcp4.1", "fastmcp3"):
        return doc
    for parser in _PARSERS:
        sections = Docstring(doc, lineno=1, parser=parser).parse()
        if any(_ends_text(section, library) for section in sections):
            return next((s.value for s in sections if s.kind == DocstringSectionKind.text), None)
    return doc


def _ends_text(section: DocstringSection, library: str) -> bool:
    if section.kind == DocstringSectionKind.text:
        return False
    if library == "fastmcp3":
        return section.kind == DocstringSectionKind.parameters and bool(section.value)
    if library == "fastmcp" and section.kind == DocstringSectionKind.admonition:
        return section.value.kind in _ADMONITIONS
    return True
