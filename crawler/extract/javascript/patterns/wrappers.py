"""Registration helpers that other files call, the tool's name and text left to their arguments:

    // register-tool.js
    export function registerDatabaseTool(server, name, config, handler) {
        server.registerTool(name, {...config, inputSchema: {...config.inputSchema, ...CALLER_FIELDS}}, wrap(handler));
    }
    // list-indexes.js
    registerDatabaseTool(server, "list-indexes", {description: "List the indexes", inputSchema: {}}, list);

Each call of such a helper (found through the file's imports, or exported from its own) registers one tool: the
helper's registration read with its parameters bound to the call's arguments, evaluated where the call is. A
helper only counts when its registration says nothing without them (a helper whose tool is fixed is read where it
is written), and one level deep: a helper calling a helper is not followed. (A helper only called in its own file
is values.params' case.) A helper may also take a whole table and register each entry in a loop:

    export function registerTools(server, definitions) {
        for (const def of definitions) server.tool(def.name, def.description, buildSchema(def), run(def));
    }
    registerTools(server, contactTools);          // contactTools: a list of {name, description, ...} the package holds

Each call then registers one tool per entry of the table it passes (patterns.loops), and none when the table is not
known. The helper may also be made by a registrar factory, the closure it returns bound to a name (TypeScript's
generic overloads of `server.tool` push servers to hide them behind one):

    export function makeRegistrar(server) { return (name, description, shape, handler) => server.tool(name, ...); }
    const register = makeRegistrar(server);
    register("list_sites", "List the sites", {}, listSites);

Each call of the bound name then registers one tool, as a helper's does. The name may also be made from a parameter
(one helper per verb, called once per entity with the entity's options):

    export function registerSearchTool(server, opts) { server.registerTool(`${opts.prefix}_search`, {...}, run); }
    registerSearchTool(server, { prefix: "shop_orders", entity: "order" });
"""

from collections.abc import Callable
from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.patterns.loops import CALLBACK_LOOPS, unrolled
from crawler.extract.javascript.syntax import Evaluator, PerModule, text
from crawler.extract.javascript.values.locals import with_locals
from crawler.extract.javascript.values.params import FUNCTIONS, exported, parameter, parameter_name, parameters
from crawler.extract.treesitter import descendants


def registrations(
    module: Evaluator, call: Node, registers: Callable[[Node], bool]
) -> list[tuple[Evaluator, Node, dict[str, Any]]]:
    """For a call of a registration helper: (the helper's module, its registration, the parameters this call binds)."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "identifier":
        return []
    found = module.function(text(callee))
    if found is not None and found[0] is module and not exported(found[1]):
        return []  # called in its own file only: values.params reads it
    found = found or _made_by_factory(module, _binding(module, call, text(callee)))
    if found is None:
        return []
    owner, function = found
    inner = _registrations(owner, function, registers)
    if not inner:
        return []
    args_node = call.child_by_field_name("arguments")
    args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
    scope: dict[str, Any] = {}
    for index, param in enumerate(parameters(function)):
        name = parameter_name(param)
        if name is None:
            continue
        if index < len(args):
            scope[name] = module.value(args[index])
        else:
            default = (parameter(function, name) or (0, None))[1]
            scope[name] = owner.value(default) if default is not None else None
    body = function.child_by_field_name("body")
    bound = with_locals(owner, scope, body) if body is not None else scope
    found = []
    for node, loop in inner:
        if loop is None:
            found.append((owner, node, bound))
            continue
        owner.scopes.append(bound)
        try:
            walked = unrolled(owner, loop)
        finally:
            owner.scopes.pop()
        found += [(owner, node, {**bound, **element}) for element, _, _ in (walked[1] if walked else [])]
    return found


def _binding(module: Evaluator, call: Node, name: str) -> Node | None:
    """What ``name`` is bound to where ``call`` is: a `const` of a block around it (the innermost first), else of
    the module."""
    blocks = _blocks(module)
    node = call.parent
    while node is not None:
        if node.type == "statement_block":
            if node.start_byte not in blocks:
                blocks[node.start_byte] = _declared(node)
            if name in blocks[node.start_byte]:
                return blocks[node.start_byte][name]
        node = node.parent
    return module.bindings.get(name)


def _declared(block: Node) -> dict[str, Node]:
    declared: dict[str, Node] = {}
    for statement in block.named_children:
        if statement.type in ("lexical_declaration", "variable_declaration"):
            for declarator in statement.named_children:
                name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
                if declarator.type == "variable_declarator" and name is not None and value is not None:
                    declared.setdefault(text(name), value)
    return declared


_blocks = PerModule(lambda module: dict[int, dict[str, Node]]())  # a block's start byte -> the consts it declares


def _made_by_factory(module: Evaluator, bound: Node | None) -> tuple[Evaluator, Node] | None:
    """The closure a registrar factory made, when ``bound`` is a call of one (`makeRegistrar(server)`): the function
    the factory returns, in the factory's module; None for any other binding."""
    callee = bound.child_by_field_name("function") if bound is not None and bound.type == "call_expression" else None
    if callee is None or callee.type != "identifier" or (factory := module.function(text(callee))) is None:
        return None
    owner, function = factory
    body = function.child_by_field_name("body")
    if body is not None and body.type in FUNCTIONS:  # `(server) => (name, ...) => …`
        return owner, body
    for statement in body.named_children if body is not None else []:
        returned = statement.named_children[0] if statement.type == "return_statement" and statement.named_children \
            else None
        if returned is not None and returned.type in FUNCTIONS:
            return owner, returned
    return None


def _registrations(
    owner: Evaluator, function: Node, registers: Callable[[Node], bool]
) -> list[tuple[Node, Node | None]]:
    """The registrations in ``function``'s body (not in a nested function) whose tool name is one of its parameters,
    or that lie in a loop over one of them (with that loop): what makes it a helper. Asked once per function (a
    bundle calls its helpers thousands of times)."""
    helpers = _helpers(owner)
    if function.start_byte not in helpers:
        helpers[function.start_byte] = _registered_by(function, registers)
    return helpers[function.start_byte]


_helpers = PerModule(lambda module: dict[int, list[tuple[Node, Node | None]]]())  # by the function's start byte


def _registered_by(function: Node, registers: Callable[[Node], bool]) -> list[tuple[Node, Node | None]]:
    names = {parameter_name(p) for p in parameters(function)} - {None}
    body = function.child_by_field_name("body")
    found: list[tuple[Node, Node | None]] = []
    stack: list[tuple[Node, Node | None]] = [(body, None)] if body is not None else []
    while stack:
        node, loop = stack.pop()
        if node.type == "call_expression" and registers(node):
            args = node.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            if loop is not None or (first is not None and _names_from(first, names)):
                found.append((node, loop))
            continue
        if loop is None and (over := _loop_over(node, names)) is not None:
            stack.append((over, node))
            continue
        stack.extend((c, loop) for c in node.named_children if c.type not in FUNCTIONS)
    return found


_BUILT = ("template_string", "binary_expression")  # a name made of text and a parameter


def _names_from(first: Node, names: set[str | None]) -> bool:
    """Whether a registration's name is made from the helper's parameters: one of them, or a template or sum that
    reads one (`${opts.prefix}_search`, `prefix + "_get"`: one helper per verb, a prefix per entity). A definition's
    own name (`def.name`) is not: that data is read where it is written."""
    if first.type == "identifier":
        return text(first) in names
    return first.type in _BUILT and any(text(n) in names for n in descendants(first, "identifier"))


def _loop_over(node: Node, names: set[str | None]) -> Node | None:
    """The body of a loop over one of the parameters: `for (const def of definitions)`, `definitions.forEach(…)`."""
    if node.type == "for_in_statement" and text(node.child_by_field_name("operator")) == "of":
        source = node.child_by_field_name("right")
        if source is not None and source.type == "identifier" and text(source) in names:
            return node.child_by_field_name("body")
    elif node.type == "call_expression" and (callee := node.child_by_field_name("function")) is not None:
        args = node.child_by_field_name("arguments")
        function = args.named_children[0] if args is not None and args.named_children else None
        source = callee.child_by_field_name("object") if callee.type == "member_expression" else None
        if (
            source is not None
            and source.type == "identifier"
            and text(source) in names
            and text(callee.child_by_field_name("property")) in CALLBACK_LOOPS
            and function is not None
            and function.type in FUNCTIONS
        ):
            return function.child_by_field_name("body")
    return None
