"""Register functions a package calls only under a condition: the tools registered inside one are declared, but a
default start lists them only when the calls of the function are made.

    if settings.allow_writes:              # server.py
        register_write_tools(mcp)          # tools/writes.py: every tool it registers is hidden by default

    if role in ("teacher", "all"):         # one `if` around a run of calls, one a group of tools
        register_grading_tools(mcp)

A tool registered in a module-level function of the package (and held by no ``if`` there, python.visibility) takes
the condition of the calls of that function: when every call found in the package is held by an ``if`` a default
start does not take (python.visibility.guarded), the tool carries that condition; a call held by none, or no call
found (a function the framework or another distribution calls), leaves it listed. A call is found by the name the
calling module knows the function by: its own function, or one it imports from the defining module anywhere in its
code (``if surface == "legacy": from .legacy import register_legacy`` then the call, a lazy import under the same
condition).

A tool registered at a module's top level takes the condition of the imports of its module alike, but only one a
default start is known to miss: a module imported only for another partition or mode the environment's default
does not select (``if PARTITION == "cn": from .server_cn import main``). A module imported under any other condition
is most often a command line choosing what to run, which no default start tells.
"""

import ast
from pathlib import Path

from crawler.extract.python.syntax import FUNCTIONS
from crawler.extract.python.values import Project
from crawler.extract.python.visibility import guarded


class CallConditions:
    """The calls of the package by the name called, and what each module imports from the package's modules."""

    def __init__(self, project: Project, files: list[Path]) -> None:
        self.project = project
        self.calls: dict[str, list[tuple[Path, ast.Call]]] = {}
        self.imports: dict[Path, dict[str, tuple[Path, str]]] = {}  # local name -> (defining file, its name there)
        self.loads: dict[Path, list[tuple[Path, ast.stmt]]] = {}  # by module, the statements importing it
        self._known: dict[object, str | None] = {}  # conditions read: by (file, function), and by module file
        self._by_definition: dict[tuple[Path, str], list[tuple[Path, ast.Call]]] | None = None  # by `_calls`
        for path in files:
            index = project.index(path)
            if index is None:
                continue
            for call in index.of(ast.Call):
                if isinstance(call.func, ast.Name):
                    self.calls.setdefault(call.func.id, []).append((path, call))
            for node in index.of(ast.ImportFrom):
                target = project.locate(path, node.module or "", node.level) if node.module or node.level else None
                for alias in node.names if target is not None else []:
                    self.imports.setdefault(path, {})[alias.asname or alias.name] = (target, alias.name)
                submodules = [project.locate(path, f"{node.module or ''}.{a.name}".strip("."), node.level)
                              for a in node.names]  # `from pkg import server_cn`
                for loaded in {target, *submodules} - {None}:
                    self.loads.setdefault(loaded, []).append((path, node))
            for node in index.of(ast.Import):
                for loaded in {project.locate(path, alias.name, 0) for alias in node.names} - {None}:
                    self.loads.setdefault(loaded, []).append((path, node))

    def condition(self, path: Path, node: ast.AST) -> str | None:
        """The condition of the calls of the module-level function of ``path`` holding the registration ``node``."""
        index = self.project.index(path)
        function = next((f for f in (index.enclosing(node, FUNCTIONS) if index else [])
                         if isinstance(index.parents.get(f), ast.Module)), None)
        if function is None:
            return self._imported_only_when(path) if index is not None and not index.enclosing(
                node, (ast.ClassDef, *FUNCTIONS)) else None
        if (path, function.name) not in self._known:  # a register function holds many registrations: read it once
            self._known[(path, function.name)] = self._called_only_when(path, function)
        return self._known[(path, function.name)]

    def _called_only_when(self, path: Path, function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
        found: list[str] = []
        for caller, call in self._calls(path, function.name):
            caller_index, module = self.project.index(caller), self.project.module(caller)
            if caller_index is None or module is None or function in caller_index.enclosing(call, FUNCTIONS):
                continue  # the function calling itself
            condition = guarded(caller_index, call, module)
            if condition is None:
                return None
            found.append(condition)
        return " or ".join(dict.fromkeys(found)) if found else None

    def _imported_only_when(self, path: Path) -> str | None:
        """The condition, known to fail on a default start, of every import of the module ``path`` found."""
        if path in self._known:
            return self._known[path]
        found: list[str] = []
        for importer, statement in self.loads.get(path, []):
            index, module = self.project.index(importer), self.project.module(importer)
            condition = guarded(index, statement, module, decided=True) if index and module else None
            if condition is None:
                found = []
                break
            found.append(condition)
        self._known[path] = " or ".join(dict.fromkeys(found)) if found else None
        return self._known[path]

    def _calls(self, path: Path, name: str) -> list[tuple[Path, ast.Call]]:
        """The calls of the function ``name`` of ``path``: in its module by that name, elsewhere by the name the
        caller imports it as (from its module, or from a package's ``__init__`` importing it in turn)."""
        if self._by_definition is None:  # every call resolved once, in the files' order, for every function asked
            self._by_definition = {}
            for alias, found in self.calls.items():
                for caller, call in found:
                    if (defined := self._defined(caller, alias)) is not None:
                        self._by_definition.setdefault(defined, []).append((caller, call))
        own = [(caller, call) for caller, call in self.calls.get(name, []) if caller == path]
        return own + self._by_definition.get((path, name), [])

    def _defined(self, module: Path, name: str, depth: int = 0) -> tuple[Path, str] | None:
        """The file defining what ``module`` imports as ``name``, through the modules that import it in turn."""
        imported = self.imports.get(module, {}).get(name)
        if imported is None or depth > 4:
            return (module, name) if depth else None
        return self._defined(imported[0], imported[1], depth + 1)
