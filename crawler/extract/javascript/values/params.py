"""A function parameter's value when the source fixes it: every call of the function leaves it out.

    function registerSearchTool(server, config, toolName) {
        server.tool(toolName || "web_search", "Search the web.", {...}, run);
    }
    registerSearchTool(server, config);            // the only use of the function

Here ``toolName`` is ``undefined`` (or the parameter's written default) wherever the tool is registered, so the
name is ``web_search``. This holds only when the function is used nowhere but in calls in the same file (not
exported, not passed around), and no call passes that argument; anything else stays UNRESOLVED.
"""

import re
from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, PerModule, text
from crawler.extract.javascript.values.locals import with_locals

FUNCTIONS = ("function_declaration", "function_expression", "arrow_function", "function", "generator_function")
MAX_CALLS = 200
UNRESOLVED_DEFAULT = object()  # an argument left out of a call


def parameter_value(module: Evaluator, node: Node, depth: int) -> Any:
    """The value of identifier ``node`` if it is an enclosing function's parameter that no call passes."""
    name, function = text(node), node.parent
    while function is not None:
        if function.type in FUNCTIONS and (found := parameter(function, name)) is not None:
            index, default = found
            name = _function_name(function)
            calls = _calls(module).get(name) if _only_called(module, function, name) else None
            if not calls or any(len(args) > index for _, args in calls):
                return UNRESOLVED
            return module.value(default, depth + 1) if default is not None else None
        function = function.parent
    return UNRESOLVED


def parameter(function: Node, name: str) -> tuple[int, Node | None] | None:
    """Position and default of parameter ``name`` of ``function``, if it has one (plain or with a default)."""
    for index, param in enumerate(parameters(function)):
        if param.type in ("required_parameter", "optional_parameter"):  # TypeScript wraps each parameter
            value = param.child_by_field_name("value")
            param = param.child_by_field_name("pattern") or param
            if value is not None and param.type == "identifier" and text(param) == name:
                return index, value
        if param.type == "identifier" and text(param) == name:
            return index, None
        if param.type == "assignment_pattern" and text(param.child_by_field_name("left")) == name:
            return index, param.child_by_field_name("right")
    return None


def _function_name(function: Node) -> str:
    named = function.child_by_field_name("name")
    if named is not None:
        return text(named)
    parent = function.parent
    if parent is not None and parent.type == "variable_declarator":
        return text(parent.child_by_field_name("name"))
    return ""


def call_scopes(module: Evaluator, node: Node) -> list[tuple[Node, dict[str, Any]]]:
    """For a registration inside a function that is only ever called in this file: each call, with the function's
    parameters as it binds them (a left-out argument takes its default), so the registration is read once per call.
    `registerFetch(server)` and `registerFetch(server, "crawl")` register two tools."""
    found = _enclosing_calls(module, node)
    if found is None or not found[1] or len(found[1]) > MAX_CALLS:
        return []
    function, calls = found
    names = [parameter_name(p) for p in parameters(function)]
    body = function.child_by_field_name("body")
    scopes = []
    for call, args in calls:
        scope: dict[str, Any] = {}
        for index, name in enumerate(names):
            if name is None:
                continue
            declared = parameter(function, name)
            default = declared[1] if declared is not None else None
            given = module.value(args[index]) if index < len(args) else UNRESOLVED_DEFAULT
            if given is UNRESOLVED_DEFAULT:
                given = module.value(default) if default is not None else None
            scope[name] = given
        scopes.append((call, with_locals(module, scope, body) if body is not None else scope))
    return scopes


def call_sites(module: Evaluator, node: Node) -> list[Node]:
    """The calls of the function holding ``node``, when it is only ever called in this file (none otherwise)."""
    found = _enclosing_calls(module, node)
    return [call for call, _ in found[1]] if found is not None else []


def _enclosing_calls(module: Evaluator, node: Node) -> tuple[Node, list[tuple[Node, list[Node]]]] | None:
    """The function holding ``node`` and its calls with their arguments, when it is only ever called in this file."""
    function = node.parent
    while function is not None and function.type not in FUNCTIONS:
        function = function.parent
    name = _function_name(function) if function is not None else ""
    if function is None or not _only_called(module, function, name):
        return None
    return function, _calls(module).get(name, [])


def parameters(function: Node) -> list[Node]:
    single = function.child_by_field_name("parameter")
    if single is not None:
        return [single]
    formal = function.child_by_field_name("parameters")
    return [p for p in formal.named_children if p.type != "comment"] if formal is not None else []


def parameter_name(param: Node) -> str | None:
    if param.type in ("required_parameter", "optional_parameter"):
        param = param.child_by_field_name("pattern") or param
    if param.type == "assignment_pattern":
        param = param.child_by_field_name("left") or param
    return text(param) if param.type == "identifier" else None


def _read_calls(module: Evaluator) -> dict[str, list[tuple[Node, list[Node]]]]:
    """For each function name of this file that is used only in calls: each call with its arguments. A name
    written anywhere else (passed, exported, in a string) keeps its calls unknown."""
    calls: dict[str, list[tuple[Node, list[Node]]]] = {}
    for call in module.captures.get("call", []):  # module.scm's, in source order
        callee, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if callee is not None and callee.type == "identifier":
            arguments = [a for a in args.named_children if a.type != "comment"] if args is not None else []
            calls.setdefault(text(callee), []).append((call, arguments))
    return calls


_calls = PerModule(_read_calls)
_only = PerModule(lambda module: dict[str, bool]())
source_of = PerModule(lambda module: module.root.text or b"")  # a bundle's megabytes, copied out of the tree once


def _only_called(module: Evaluator, function: Node, name: str) -> bool:
    """Whether ``name`` appears in the file only where it is declared and where it is called."""
    if not name or exported(function):
        return False
    only = _only(module)
    if name not in only:
        # a word of its own, not a property (`server.registerTool` inside a helper named `registerTool`)
        only[name] = calls_of(module, name) is not None
    return only[name]


def exported_name(node: Node) -> str | None:
    """The name of the exported function holding ``node`` (`export function f`, `export const f = () => …`)."""
    function = node.parent
    while function is not None and function.type not in FUNCTIONS:
        function = function.parent
    return _function_name(function) or None if function is not None and exported(function) else None


def written(module: Evaluator, name: str) -> int:
    """How often ``name`` is written in the file as a word of its own (not a property): a longer name, a string
    or a shorthand key still counts, only ever too many."""
    return len(re.findall(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])", source_of(module)))


def calls_of(module: Evaluator, name: str, declared: int = 1) -> list[Node] | None:
    """The calls of ``name`` in the file, when it is written there only in them and ``declared`` times besides
    (its declaration, or its import); None when it is used any other way."""
    calls = _calls(module).get(name, [])
    return [call for call, _ in calls] if written(module, name) == len(calls) + declared else None


def exported(function: Node) -> bool:
    """`export function f`, `export const f = …`: other files may call it."""
    declaration = function if function.type == "function_declaration" else function.parent
    ancestor = declaration.parent if declaration is not None else None
    for _ in range(2):
        if ancestor is None:
            return False
        if ancestor.type == "export_statement":
            return True
        ancestor = ancestor.parent
    return False


def shadowed(module: Evaluator, node: Node) -> bool:
    """Whether the name a member chain ``node`` starts from is a parameter of a function around it that no scope
    binds: the module's binding of that name, which a lookup finds, is not what the code reads there."""
    while node.type == "member_expression" and (inner := node.child_by_field_name("object")) is not None:
        node = inner
    if node.type != "identifier" or any(text(node) in scope for scope in module.scopes):
        return False
    around = node.parent
    while around is not None:
        if around.type in FUNCTIONS and parameter(around, text(node)) is not None:
            return True
        around = around.parent
    return False
