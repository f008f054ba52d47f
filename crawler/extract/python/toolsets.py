"""Python servers that register only the toolsets a user enabled: a table of tool names by toolset
(``TOOLSET_TOOLS = {"core": ["get_pod", ...], "admin": ["delete_namespace", ...]}``) and the toolsets on by default
named by a constant (``DEFAULT_TOOLSETS = {"core"}``, or built from a table of toolsets each saying whether it is on,
``frozenset(n for n, t in TOOLSETS.items() if t.default)`` over ``{"core": Toolset("...", default=True), ...}``),
the registrar skipping a tool whose toolsets are all off, unless an option or an environment variable turns them
on. Such a server defines many more tools than a default start lists, so a tool named only in toolsets off by
default carries a condition (``ToolDefinition.extra["condition"]``, python.visibility) rather than being dropped.

Only module-level constants are read, in every module of the package (tables and defaults often live in a module
of their own). The default constant says what it is by its name (as for JavaScript: DEFAULT_TOOLSETS,
DEFAULT_ENABLED_TOOL_GROUPS...); a table counts only when its keys name a default toolset: without both, nothing
is said.
"""

import ast
from pathlib import Path

from crawler.extract.contract import DEFAULT_TOOLSETS
from crawler.extract.python.syntax import Evaluator, Modules, dotted


def toolset_conditions(project: Modules, files: list[Path]) -> dict[str, str]:
    """The condition of each tool named only in toolsets that are off by default, by tool name."""
    default: set[str] = set()
    tables: list[dict[str, set[str]]] = []
    for path in files:
        tree, module = project.tree(path), project.module(path)
        if tree is None or module is None:
            continue
        constants = {t.id: s.value for s in tree.body if isinstance(s, ast.Assign | ast.AnnAssign) and s.value
                     for t in (s.targets if isinstance(s, ast.Assign) else [s.target]) if isinstance(t, ast.Name)}
        for name, value in constants.items():
            if DEFAULT_TOOLSETS.fullmatch(name):
                default |= _default(module, value, constants)
            elif (table := _table(module, value)) is not None:
                tables.append(table)
    groups: dict[str, set[str]] = {}  # tool name -> the toolsets that name it
    for table in (t for t in tables if set(t) & default):
        for group, names in table.items():
            for name in names:
                groups.setdefault(name, set()).add(group)
    on = ", ".join(sorted(default))
    return {name: f"registered only when toolset {' or '.join(sorted(named))} is enabled (default: {on})"
            for name, named in groups.items() if not named & default}


def _table(module: Evaluator, value: ast.expr) -> dict[str, set[str]] | None:
    """``{"toolset": ["tool", ...], ...}``: string keys, each a list, tuple or set of strings."""
    if not isinstance(value, ast.Dict) or not value.keys:
        return None
    table: dict[str, set[str]] = {}
    for key, names in zip(value.keys, value.values, strict=True):
        listed = module.value(names) if isinstance(names, ast.List | ast.Tuple | ast.Set) else None
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str) or not isinstance(listed, list | tuple):
            return None
        if not listed or not all(isinstance(n, str) for n in listed):
            return None
        table[key.value] = set(listed)
    return table


def _default(module: Evaluator, value: ast.expr, constants: dict[str, ast.expr]) -> set[str]:
    """The toolsets a default constant names: a literal collection, or those of a table each marked on."""
    if isinstance(value, ast.Call) and dotted(value.func) in ("set", "frozenset", "list", "tuple") and value.args:
        value = value.args[0]
    if isinstance(value, ast.GeneratorExp | ast.SetComp | ast.ListComp):
        return _marked(value, constants)
    found = module.value(value)
    return {v for v in found if isinstance(v, str)} if isinstance(found, list | tuple | set) else set()


def _marked(comprehension: ast.GeneratorExp | ast.SetComp | ast.ListComp, constants: dict[str, ast.expr]) -> set[str]:
    """``n for n, t in TABLE.items() if t.flag`` over a table of ``Toolset(..., flag=True)``: the keys marked on."""
    loop = comprehension.generators[0] if len(comprehension.generators) == 1 else None
    if loop is None or len(loop.ifs) != 1 or not isinstance(flag := loop.ifs[0], ast.Attribute):
        return set()
    if not (isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Attribute)
            and loop.iter.func.attr == "items" and isinstance(loop.iter.func.value, ast.Name)):
        return set()
    table = constants.get(loop.iter.func.value.id)
    if not isinstance(table, ast.Dict):
        return set()
    marked = set()
    for key, entry in zip(table.keys, table.values, strict=True):
        options = {k.arg: k.value for k in entry.keywords} if isinstance(entry, ast.Call) else {}
        on = options.get(flag.attr)
        if isinstance(key, ast.Constant) and isinstance(on, ast.Constant) and on.value is True:
            marked.add(key.value)
    return marked
