"""Python servers: FastMCP's ``@mcp.tool`` (any instance name, with or without arguments, or called on a function:
``mcp.tool(name=...)(fn)``, often a class registering its own methods), ``add_tool``, and the low-level server's
``Tool(name=..., inputSchema=...)``, parsed with Python's own ``ast``.

Parameters come from type hints the way FastMCP builds its schema: defaults make a parameter optional,
``Annotated[..., Field(description=...)]`` describes it, ``Literal`` and Enum classes give enums, pydantic models
(a parameter's type, or ``inputSchema=Model.model_json_schema()``) give their fields. Names resolve within a file
and across the local modules it imports (values.py). Text is taken only from literals and
constants; what cannot be resolved is left out and lowers confidence.
"""

import ast
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from packaging.requirements import Requirement

from catalog.core.definition import ToolDefinition
from crawler.extract.limits import relative
from crawler.extract.python.callers import CallConditions
from crawler.extract.python.classes import instance_tool, self_attributes, with_self
from crawler.extract.python.definitions import from_function, from_tool_call, from_tool_dict
from crawler.extract.python.docstrings import cleaning, fastmcp_rule, framework, package_library
from crawler.extract.python.factories import built_before, made, statements_before
from crawler.extract.python.functions import function_reference, local_function, passed_through
from crawler.extract.python.loops import unrolled
from crawler.extract.python.mounts import mounted_prefixes, prefixed
from crawler.extract.python.registries import filled_registries
from crawler.extract.python.rewritten import rewritten
from crawler.extract.python.syntax import Evaluator, Index, dotted
from crawler.extract.python.values import Project
from crawler.extract.python.visibility import CONDITION, Hidden, guarded, hidden_tools
from crawler.extract.python.wrappers import (
    Naming,
    decorators,
    handed,
    helper_tool_name,
    keeps_for_itself,
    registrars,
    tool_names,
)


def extract_python(project: Project, files: list[Path], requirements: list[Requirement],
                   released: datetime | None = None) -> list[ToolDefinition]:
    """Every tool the Python ``files`` (the project's, in walk order) declare; ``requirements``, the package's
    own, and when it was ``released``, say which fastmcp it runs on."""
    tools: list[ToolDefinition] = []
    root = project.root
    prefixes = mounted_prefixes(project, files)
    wrappers, filled = registrars(project, files), filled_registries(project, files)
    fastmcp = fastmcp_rule(requirements, released)
    hidden, default = hidden_tools(project, files), package_library(requirements, map(project.index, files))
    callers = CallConditions(project, files)
    for path in files:
        tree, index, module = project.tree(path), project.index(path), project.module(path)
        if tree is None or index is None or module is None:
            continue  # a syntax error costs this file only
        rel = relative(path, root)
        library, selves = framework(tree, index) or default, self_attributes(module, index)
        library = fastmcp if library == "fastmcp" else library
        at = _File(module, index, rel, library, hidden, prefixes, wrappers)
        for node in index.of(ast.FunctionDef, ast.AsyncFunctionDef, ast.Call, ast.For, ast.ListComp, ast.SetComp,
                             ast.GeneratorExp, ast.Dict):
            before = len(tools)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for position, decorator in enumerate(decorators(node, index)):
                    if (last := dotted(decorator).split(".")[-1]) == "tool":
                        if keeps_for_itself(decorator, module, wrappers):
                            continue  # the package's own catalogue, not the server's (python.wrappers)
                        kwargs = decorator.keywords if isinstance(decorator, ast.Call) else []
                        sent = cleaning(passed_through(index, module, node, decorator), library)
                        doc = rewritten(index, module, node, node.decorator_list[position + 1:],
                                        ast.get_docstring(node, clean=False))
                        tools.append(from_function(node, kwargs, module, rel, decorator.lineno, sent, doc))
                        options = {kw.arg: kw.value for kw in kwargs if kw.arg}
                        if condition := hidden.condition(module, tools[-1].name, options):
                            tools[-1].extra[CONDITION] = condition
                        tools[-1].name = prefixed(tools[-1].name, decorator, prefixes)
                    elif (named := helper_tool_name(decorator, module)) is not None:  # a helper package's
                        tools.append(from_function(node, decorator.keywords, module, rel, decorator.lineno, library))
                        tools[-1].name = named
                    elif last in wrappers:  # the package's own decorator around mcp.tool
                        for name in tool_names(wrappers[last], decorator, node.name, module):
                            tools.append(from_function(node, [], module, rel, decorator.lineno, library))
                            tools[-1].name = name
            elif _tool_call(node):
                tool = from_tool_call(with_self(node, selves[id(node)]) if id(node) in selves else node, module, rel)
                if tool is not None:
                    tools.append(tool)
            elif isinstance(node, ast.Call):  # `mcp.add_tool(fn, …)`, `mcp.tool(…)(fn)`, `_tool("name", …)`
                tools += _registered(node, at) or _made(node, at)
            elif isinstance(node, ast.Dict):  # `{"name": "search", "description": …, "inputSchema": {…}}`
                tools += from_tool_dict(node, module, rel)
            else:  # `for kind, model in TOOLS.items(): ... Tool(name=kind.value, ...)`, and comprehensions alike
                passes = unrolled(module, node, index, filled)
                for body in passes:
                    made = built_before(body)
                    calls = [c for statement in body for c in ast.walk(statement) if isinstance(c, ast.Call)]
                    calls += [built for call in calls if (built := instance_tool(module, call)) is not None]
                    tools += [tool for call in calls if _tool_call(call) and (tool := from_tool_call(call, module,
                                                                                                       rel))]
                    tools += [t for call in calls if not _tool_call(call)
                              for t in _registered(call, at, made) or _made(call, at)]
            if len(tools) > before and (condition := guarded(index, node, module) or callers.condition(path, node)):
                for tool in tools[before:]:
                    tool.extra.setdefault(CONDITION, condition)
    return tools


class _File(NamedTuple):
    """What reading one file's registrations needs: the file, its library, and the package's filters and prefixes."""

    module: Evaluator
    index: Index
    rel: str
    library: str
    hidden: Hidden
    prefixes: dict[str, str]
    registrars: dict[str, list[Naming]]


def _registered(node: ast.Call, at: _File, made: dict[str, ast.Call] | None = None) -> list[ToolDefinition]:
    """The tool a registration call declares: `mcp.add_tool(fn, name=…)` (or of `Tool.from_function(fn, …)`, written
    in the call or bound to a name the statements before it assign, ``made``), the decorator applied as a call
    `mcp.tool(…)(fn)`, the package's own registrar called on it (python.wrappers). A `name=` made of a loop's
    variable is read where the loop is unrolled (python.loops), not named after its function here."""
    module, index = at.module, at.index
    if isinstance(node.func, ast.Attribute) and node.func.attr == "add_tool":
        target, keywords = (node.args[0] if node.args else None), node.keywords
        if isinstance(target, ast.Name) and not keywords:
            target = (made if made is not None else built_before(statements_before(index, node))).get(
                target.id, target)
        if isinstance(target, ast.Call) and dotted(target.func).endswith("from_function") and target.args:
            target, keywords = target.args[0], target.keywords  # add_tool(Tool.from_function(fn, name=…))
        decorator = None
    elif (applied := _applied_decorator(node)) is not None:
        decorator, target = applied
        keywords = decorator.keywords
    elif (target := handed(node, module, at.registrars)) is not None:
        within = _within(index, node)
        found = local_function(index, node, target, module) or function_reference(module, target, 0, within)
        namings = at.registrars[dotted(node.func).split(".")[-1]]
        tools = []
        for name in tool_names(namings, node, found[1].name, module) if found else []:
            tools.append(from_function(found[1], [], found[0], at.rel, node.lineno, at.library))
            tools[-1].name = name
        return tools
    else:
        return []
    found = target is not None and (
        local_function(index, node, target, module) or function_reference(module, target, 0, _within(index, node))
    )
    options = {kw.arg: kw.value for kw in keywords if kw.arg}
    if not found or ("name" in options and _looped(index, node, options["name"])):
        return []
    through = passed_through(index, module, node, target) if isinstance(target, ast.Call) else None
    library = cleaning(through, at.library)
    tool = from_function(found[1], keywords, found[0], at.rel, node.lineno, library)
    if decorator is not None:
        if condition := at.hidden.condition(module, tool.name, options):
            tool.extra[CONDITION] = condition
        tool.name = prefixed(tool.name, decorator, at.prefixes)
    return [tool]


def _made(node: ast.Call, at: _File) -> list[ToolDefinition]:
    """The `Tool(...)` a function of the module builds from the call's arguments (python.factories)."""
    inner = made(at.module, node, _tool_call)
    tool = from_tool_call(inner, at.module, at.rel) if inner is not None else None
    return [tool] if tool is not None else []


def _applied_decorator(node: ast.Call) -> tuple[ast.Call, ast.expr] | None:
    """The call holding the options, and the function, of a ``tool`` decorator applied as a call: ``mcp.tool(...)(fn)``
    or fastmcp's ``mcp.tool(fn, name=...)``."""
    inner = node.func
    if isinstance(inner, ast.Call) and dotted(inner.func).split(".")[-1] == "tool" and len(node.args) == 1:
        return inner, node.args[0]
    if dotted(inner).split(".")[-1] == "tool" and node.args and isinstance(node.args[0], ast.Name | ast.Attribute):
        return node, node.args[0]
    return None


def _looped(index: Index, node: ast.AST, name: ast.expr) -> bool:
    """Whether ``name`` reads a variable of a loop holding ``node``."""
    loops = index.enclosing(node, (ast.For,))
    targets = {n.id for loop in loops for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
    return any(isinstance(n, ast.Name) and n.id in targets for n in ast.walk(name))


def _within(index: Index, node: ast.AST) -> ast.ClassDef | None:
    """The class whose code holds ``node`` (what ``self`` is there)."""
    classes = index.enclosing(node, (ast.ClassDef,))
    return classes[0] if classes else None


def _tool_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and dotted(node.func).split(".")[-1] == "Tool"
