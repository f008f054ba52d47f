"""Tools a server library makes at run time: fastmcp 3's transforms (``mcp.add_transform(PromptsAsTools(mcp))``,
``ResourcesAsTools``) add tools of the library's own to every answer, for clients that read tools only.

Their names, schemas and descriptions are the library's, and change with its version, so they are never written
here: they are read from the library's source where it is installed beside the package (``Context.libraries``, an
install's ``site-packages``, as introspection installs it). A transform's class makes each tool from a function
it defines in one of its methods (``Tool.from_function(fn=list_prompts)``); that function is read as a decorated
tool is, its docstring sent as the installed version sends it. Without an installation (the crawler reads the
artifact alone) nothing is added: the package's own tools are what it declares.

Only the transforms that add tools beside the server's own (``…AsTools``) are read: a search transform
(``BM25SearchTransform``) replaces the listing with its search tools, which this does not model.
"""

import ast
from importlib.metadata import distributions
from pathlib import Path

from packaging.requirements import Requirement

from catalog.core.definition import ToolDefinition
from crawler.extract.limits import relative
from crawler.extract.python.definitions import from_function
from crawler.extract.python.docstrings import fastmcp_rule
from crawler.extract.python.syntax import FUNCTIONS, dotted
from crawler.extract.python.values import Project

LIBRARY = "fastmcp"
ADDING = "AsTools"  # the suffix of the transforms that add tools: PromptsAsTools, ResourcesAsTools


def transform_tools(project: Project, files: list[Path], libraries: Path | None) -> list[ToolDefinition]:
    """The tools the transforms the package adds to its server (``x.add_transform(Cls(...))``, ``Cls`` imported
    from the installed library) make, each placed at the ``add_transform`` call."""
    if libraries is None or not (libraries / LIBRARY).is_dir():
        return []
    library: Project | None = None
    rule = ""
    tools: list[ToolDefinition] = []
    for path in files:
        index = project.index(path)
        if index is None:
            continue
        imported = _imported_classes(index.of(ast.ImportFrom))
        for call in index.of(ast.Call):
            if dotted(call.func).split(".")[-1] != "add_transform" or not call.args:
                continue
            made = call.args[0]
            if not isinstance(made, ast.Call) or (source := imported.get(dotted(made.func))) is None:
                continue
            library, rule = library or _library(libraries), rule or _rule(libraries)
            tools += _made_by(library, *source, relative(path, project.root), call.lineno, rule)
    return tools


def _imported_classes(imports: list[ast.ImportFrom]) -> dict[str, tuple[str, str]]:
    """Local name -> (library module, class name) for every adding transform imported from the library."""
    return {(alias.asname or alias.name): (node.module or "", alias.name) for node in imports
            if node.level == 0 and (node.module or "").split(".")[0] == LIBRARY for alias in node.names
            if alias.name.endswith(ADDING)}


def _library(libraries: Path) -> Project:
    return Project(libraries, sorted((libraries / LIBRARY).rglob("*.py")))


def _rule(libraries: Path) -> str:
    """The docstring rule of the installed version (python.docstrings), as its metadata says it."""
    found = next(iter(distributions(name=LIBRARY, path=[str(libraries)])), None)
    return fastmcp_rule([Requirement(f"{LIBRARY}=={found.version}")] if found is not None else [])


def _made_by(library: Project, module: str, name: str, rel: str, line: int, rule: str) -> list[ToolDefinition]:
    """The tools class ``name`` of library ``module`` makes from functions its methods define."""
    path = library.locate(library.root, module, 0)
    evaluator = library.module(path) if path is not None else None
    found = evaluator.class_def(name) if evaluator is not None else None
    if found is None:
        return []
    owner, cls = found
    tools = []
    for method in (node for node in cls.body if isinstance(node, FUNCTIONS)):
        defined = {node.name: node for node in ast.walk(method) if isinstance(node, FUNCTIONS) and node is not method}
        for call in (node for node in ast.walk(method) if isinstance(node, ast.Call)):
            if dotted(call.func).split(".")[-1] != "from_function":
                continue
            fn = next((k.value for k in call.keywords if k.arg == "fn"), call.args[0] if call.args else None)
            if isinstance(fn, ast.Name) and fn.id in defined:
                options = [k for k in call.keywords if k.arg != "fn"]
                tools.append(from_function(defined[fn.id], options, owner, rel, line, rule))
    return tools
