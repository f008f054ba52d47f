"""FastMCP servers mounted into another under a prefix: their tools are listed as ``{prefix}_{name}``.

Large Python servers split their tools over several FastMCP instances and compose them:
``main.mount(jira_mcp, namespace="jira")`` (fastmcp 3), ``main.mount("jira", jira_mcp)`` or
``main.mount(jira_mcp, prefix="jira")`` (fastmcp 2), ``await main.import_server(jira_mcp, prefix="jira")``. A tool
declared with ``@jira_mcp.tool`` is then answered as ``jira_get_issue``. Instances are matched by the variable name
the mount call uses, which is the one the decorators use (imported from the module that defines it).
"""

import ast
from pathlib import Path

from crawler.extract.python.syntax import Modules, dotted

_COMPOSE = ("mount", "import_server")
_PREFIX_KEYWORDS = ("namespace", "prefix")


def mounted_prefixes(project: Modules, files: list[Path]) -> dict[str, str]:
    """The prefix each mounted server variable's tools take, over the whole package."""
    prefixes: dict[str, str] = {}
    for path in files:
        index = project.index(path)
        module = project.module(path) if index is not None else None
        if index is None or module is None:
            continue
        for node in index.of(ast.Call):
            if not isinstance(node.func, ast.Attribute) or node.func.attr not in _COMPOSE:
                continue
            values = [(a, module.value(a)) for a in node.args]  # a constant prefix resolves to text, a server not
            servers = [a for a, v in values if not isinstance(v, str) and isinstance(a, ast.Name | ast.Attribute)]
            texts = [v for _, v in values] + [module.value(k.value) for k in node.keywords if k.arg in _PREFIX_KEYWORDS]
            server = next((k.value for k in node.keywords if k.arg == "server"), servers[0] if servers else None)
            prefix = next((t for t in texts if isinstance(t, str) and t), None)
            if server is not None and prefix is not None:
                prefixes[dotted(server).split(".")[-1]] = prefix
    return prefixes


def prefixed(name: str, decorator: ast.expr, prefixes: dict[str, str]) -> str:
    """``name`` as the composed server lists it, for a tool declared with ``decorator`` (``@jira_mcp.tool(...)``)."""
    owner = dotted(decorator).rsplit(".", 1)[0].split(".")[-1]
    return f"{prefixes[owner]}_{name}" if owner in prefixes else name
