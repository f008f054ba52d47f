"""Low-level Python servers that keep one handler class per tool, naming it through ``self``:

    class ToolHandler:
        def __init__(self, tool_name: str):
            self.name = tool_name

    class SearchHandler(ToolHandler):
        def __init__(self):
            super().__init__(TOOL_SEARCH)                 # TOOL_SEARCH = "vault_search"
        def get_tool_description(self):
            return Tool(name=self.name, description="Search the vault.", inputSchema={...})

``self.name`` is resolved the way Python would for that class: a class attribute, an assignment in its
``__init__``, or the base class's ``__init__`` parameter that ``super().__init__(…)`` fills, the base class
defined in the same file or imported from a local module. The ``Tool(...)`` call
is then read with those values in place; what does not resolve stays as written (and is left out).

A server may keep one instance per tool and build each tool from it, `[tool.to_tool() for tool in TOOLS]` over
`TOOLS = [SearchTool(), FetchTool()]`: the method (of the class or a base class) returns `Tool(name=self.name, …)`,
each ``self.<attribute>`` the subclass's own: a property returning one expression, or a class attribute.
"""

import ast
import copy
from typing import Any

from crawler.extract.python.syntax import Evaluator, Index, dotted


def self_attributes(module: Evaluator, index: Index) -> dict[int, dict[str, Any]]:
    """For each call inside a class's methods (by ``id``), the values ``self.<attribute>`` has there: those of the
    innermost class around it that has any."""
    known = {id(cls): attributes for cls in index.of(ast.ClassDef) if (attributes := _attributes(module, cls, {}, 0))}
    found: dict[int, dict[str, Any]] = {}
    for call in index.of(ast.Call) if known else ():
        classes = (cls for cls in index.enclosing(call, (ast.ClassDef,)) if id(cls) in known)
        if (cls := next(classes, None)) is not None:
            found[id(call)] = known[id(cls)]
    return found


def with_self(call: ast.Call, attributes: dict[str, Any]) -> ast.Call:
    """A copy of ``call`` whose ``self.<attribute>`` keyword values are replaced by the values they have."""
    keywords = []
    for keyword in call.keywords:
        value = keyword.value
        if isinstance(value, ast.Attribute) and dotted(value.value) == "self" and value.attr in attributes:
            keyword = ast.keyword(arg=keyword.arg, value=ast.Constant(attributes[value.attr]))
        keywords.append(keyword)
    replaced = copy.copy(call)
    replaced.keywords = keywords
    return replaced


def _attributes(module: Evaluator, cls: ast.ClassDef, arguments: dict[str, Any], depth: int) -> dict[str, Any]:
    """The constant attributes of an instance of ``cls`` (of ``module``) whose ``__init__`` received ``arguments``;
    a base class is found where Python finds it, in the same file or a local module it is imported from."""
    if depth > 5:
        return {}
    values: dict[str, Any] = {}
    for statement in cls.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name) and (value := module.value(statement.value)) is not None:
                values[target.id] = value
    init = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
    if init is None:
        return values
    for node in ast.walk(init):
        if isinstance(node, ast.Call) and dotted(node.func).endswith("super.__init__"):
            base = next(filter(None, (module.class_def(dotted(b)) for b in cls.bases)), None)
            inits = [s for s in base[1].body if isinstance(s, ast.FunctionDef) and s.name == "__init__"] if base else []
            if base is not None and inits:
                params = [a.arg for a in inits[0].args.args[1:]]
                given = {p: _value(module, a, arguments) for p, a in zip(params, node.args, strict=False)}
                given |= {k.arg: _value(module, k.value, arguments) for k in node.keywords if k.arg}
                values |= _attributes(base[0], base[1], given, depth + 1)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], _value(module, node.value, arguments)
            if isinstance(target, ast.Attribute) and dotted(target.value) == "self" and value is not None:
                values[target.attr] = value
    return values


def _value(module: Evaluator, node: ast.expr, arguments: dict[str, Any]) -> Any:
    """A constant, or a parameter of the ``__init__`` being read that was given a constant."""
    if isinstance(node, ast.Name) and node.id in arguments:
        return arguments[node.id]
    return module.value(node)


def instance_tool(module: Evaluator, call: ast.Call) -> ast.Call | None:
    """What `SearchTool().to_tool()` returns, when the method (found as Python finds it, through the base classes)
    returns a call: that call with each ``self.<attribute>`` read on ``SearchTool``; else None."""
    if not (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call) and not call.args
            and not call.keywords and (found := module.class_def(dotted(call.func.value.func))) is not None):
        return None
    method = _member(found[0], found[1], call.func.attr, 0)
    returned = method[1].body[-1] if method is not None and isinstance(method[1], ast.FunctionDef) else None
    if not isinstance(returned, ast.Return) or not isinstance(returned.value, ast.Call):
        return None
    built = copy.deepcopy(returned.value)
    built.keywords = [ast.keyword(arg=k.arg, value=_on_instance(found, k.value)) for k in built.keywords]
    return built


def _on_instance(cls: tuple[Evaluator, ast.ClassDef], value: ast.expr) -> ast.expr:
    """``self.<attribute>`` of an instance of ``cls``: what its property returns, or its class attribute."""
    if not (isinstance(value, ast.Attribute) and dotted(value.value) == "self"):
        return value
    member = _member(cls[0], cls[1], value.attr, 0)
    if member is not None and isinstance(member[1], ast.FunctionDef) and len(member[1].body) == 1 \
            and isinstance(only := member[1].body[0], ast.Return) and only.value is not None:
        return only.value
    return member[1] if member is not None and isinstance(member[1], ast.expr) else value


def _member(module: Evaluator, cls: ast.ClassDef, name: str,
            depth: int) -> tuple[Evaluator, ast.FunctionDef | ast.expr] | None:
    """A method of ``cls`` or the value a class attribute is assigned, else the first base class's that has it."""
    for statement in cls.body:
        if isinstance(statement, ast.FunctionDef) and statement.name == name:
            return module, statement
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(target := statement.targets[0], ast.Name) and target.id == name):
            return module, statement.value
    for base in cls.bases if depth < 5 else []:
        if (found := module.class_def(dotted(base))) is not None and (member := _member(*found, name, depth + 1)):
            return member
    return None
