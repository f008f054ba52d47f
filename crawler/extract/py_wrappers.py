"""A package's own tool decorators: helpers that register the function they decorate with FastMCP.

Larger Python servers wrap ``mcp.tool`` to add their conventions, and decorate tools with the wrapper:

    class Registry:
        def reader(self, title):                # a registrar: it calls one
            return self._register(title, READ_ONLY)
        def _register(self, title, annotations):
            def decorate(function):             # a registrar: it applies `server.tool(...)` to a function
                self.server.tool(title=title, annotations=annotations)(function)
                return function
            return decorate

    @tools.reader("Read a range")
    def read_range(path: str) -> str: ...

A function or method is a registrar when it applies ``….tool(…)`` to a value (``….tool(…)(fn)``), calls
``….add_tool(…)``, or calls another registrar; a decorator naming a registrar marks a tool. Decorating a nested
function with ``@mcp.tool`` does not make the enclosing function a registrar.
"""

import ast
from pathlib import Path

from crawler.extract.py_values import Project

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def registrars(project: Project, files: list[Path]) -> set[str]:
    """Names of the package's functions and methods that register what they are given as a tool."""
    calls: dict[str, set[str]] = {}  # function name -> names it calls
    found: set[str] = set()
    for path in files:
        tree = project.tree(path)
        for node in ast.walk(tree) if tree is not None else ():
            if not isinstance(node, _FUNCTIONS):
                continue
            called = calls.setdefault(node.name, set())
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Call):
                    continue
                func = inner.func
                if isinstance(func, ast.Call) and isinstance(func.func, ast.Attribute) and func.func.attr == "tool":
                    found.add(node.name)
                elif isinstance(func, ast.Attribute):
                    called.add(func.attr)
                    if func.attr == "add_tool":
                        found.add(node.name)
                elif isinstance(func, ast.Name):
                    called.add(func.id)
    growing = True
    while growing:  # a function that calls a registrar registers too
        more = {name for name, names in calls.items() if name not in found and names & found}
        found |= more
        growing = bool(more)
    return found
