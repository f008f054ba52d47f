"""Text a server adds to a registered tool's description when it starts, after the decorator ran: the tool is
looked up on the server and its description extended (a notice of the mode it runs in), one name or a loop of them:

    readonly_notice = "\\n\\nThis server is read-only."
    for tool_name in ("run_query", "get_table_schema"):
        tool = mcp._tool_manager.get_tool(tool_name)
        if tool:
            tool.description += readonly_notice

A client is shown the extended text. It is added to the tools of those names the same file registers, unless an
``if`` a default start is known to miss holds the addition (python.visibility).
"""

import ast
from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.limits import relative
from crawler.extract.python.syntax import FUNCTIONS, Evaluator, Index, dotted
from crawler.extract.python.values import Project
from crawler.extract.python.visibility import guarded


def append_run_time_text(project: Project, files: list[Path], tools: list[ToolDefinition]) -> None:
    """Extend, in place, the description of every tool of ``tools`` a file's start-up code extends."""
    for path in files:
        index, module = project.index(path), project.module(path)
        if index is None or module is None:
            continue
        rel = relative(path, project.root)
        for change in index.of(ast.AugAssign):
            if not _extends_description(change) or guarded(index, change, module, decided=True) is not None:
                continue
            scope = next(iter(index.enclosing(change, FUNCTIONS)), None)
            names, text = _looked_up(index, module, change, scope), _text(module, change.value, scope)
            for tool in tools:
                if tool.file == rel and tool.name in names and text is not None:
                    tool.description = (tool.description or "") + text


def _extends_description(change: ast.AugAssign) -> bool:
    target = change.target
    return isinstance(change.op, ast.Add) and isinstance(target, ast.Attribute) and target.attr == "description" \
        and isinstance(target.value, ast.Name)


def _looked_up(index: Index, module: Evaluator, change: ast.AugAssign, scope: ast.AST | None) -> set[str]:
    """The tool names the extended object was looked up by: ``tool = server.get_tool(NAME)`` before it in the same
    scope, ``NAME`` a literal or the variable of a ``for`` over literals holding the change."""
    held = change.target.value.id  # type: ignore[attr-defined]  # _extends_description: a Name
    lookups = [node.value for node in ast.walk(scope or index.nodes[0]) if isinstance(node, ast.Assign)
               and node.lineno < change.lineno and any(isinstance(t, ast.Name) and t.id == held for t in node.targets)
               and isinstance(node.value, ast.Call) and dotted(node.value.func).split(".")[-1] == "get_tool"]
    if not lookups or not lookups[-1].args:
        return set()
    name = lookups[-1].args[0]
    if isinstance(name, ast.Name):
        loops = [loop for loop in index.enclosing(change, (ast.For,))
                 if isinstance(loop.target, ast.Name) and loop.target.id == name.id]
        values = module.value(loops[0].iter) if loops else None
        return {v for v in values if isinstance(v, str)} if isinstance(values, list | tuple) else set()
    value = module.value(name)
    return {value} if isinstance(value, str) else set()


def _text(module: Evaluator, node: ast.expr, scope: ast.AST | None) -> str | None:
    """The added text: a constant, or a local variable the scope assigns a constant once."""
    if isinstance(node, ast.Name) and scope is not None:
        assigned = [s.value for s in ast.walk(scope) if isinstance(s, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == node.id for t in s.targets)]
        node = assigned[0] if len(assigned) == 1 else node
    value = module.value(node)
    return value if isinstance(value, str) else None
