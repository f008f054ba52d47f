"""Tools a JavaScript server registers only under a condition: `if (process.env.ALLOW_WRITES) server.registerTool(...)`,
`if (!options.readOnly) { ... }` (an option, an environment variable, a mode). Whether a default start meets it is
not known statically, so the definition keeps the condition as written (ToolDefinition.extra["condition"]) rather
than being dropped: the catalogue wants both, and a comparison with a default answer can leave it out.

Not conditions on a running server: a hand-written server's test of the request it answers (`if (method ===
"tools/list")`), a main guard (`require.main === module`, `import.meta.url === ...`,
`process.argv[1]`), and an `if` whose two branches register the same tool (an SDK-version shim:
`if (server.registerTool) server.registerTool(...) else server.tool(...)`), which patterns.tools settles; nor the
same shim written as tests of its own, each returning early (`if (typeof server.registerTool === "function") {
server.registerTool(...); return; } server.tool(...)`): a test of whether the SDK has a registration method says
which SDK is installed, not what a user chose.

A list of tool definitions is under the condition of the one branch of a choice that every use of it is in:
`const tools = TOKEN ? [...baseTools, ...accountTools] : baseTools;` lists `accountTools` only when TOKEN is set.

A registration in a method a base class calls as a hook is under the condition the base class calls it under
(`register() { this.registerPublic(); if (this.isAuthenticated()) this.registerAccountTools(); }`, the base class
in another file, the subclass overriding `registerAccountTools` to register its tools).

A registration in a function of its own is under the condition every call of that function is under:
`if (canRegister("crawl")) registerCrawlTool(server);`, in its own file or, for a function exported from a module
of its own (`export function registerSearchTool(server)`), in the files importing it. One in the callback of
another tool's registration happens only once that tool is called (a meta-tool loading more tools, or a
registration misplaced in a handler): it is not in the first answer either.
"""

import re

from tree_sitter import Node

from crawler.extract.contract import LISTING
from crawler.extract.javascript.patterns.sdk import REGISTER, registers
from crawler.extract.javascript.reach.bindings import assigned, holder, uses
from crawler.extract.javascript.syntax import Evaluator, passed_to, text
from crawler.extract.javascript.values.params import call_sites, calls_of, exported_name, source_of, written
from crawler.extract.treesitter import descendants, walk

CONDITION = "condition"  # the key of ToolDefinition.extra, as python.visibility writes it too
_MAIN_GUARDS = ("require.main", "import.meta", "process.argv[1]")
_SCOPES = ("program", "class_body")  # a guard above these is not the registration's
_FUNCTIONS = ("function_declaration", "function_expression", "arrow_function", "method_definition", "function")
MAX_BASES = 4  # classes followed up an `extends` chain for the call of a hook
# `typeof server.registerTool === "function"`, `server.tool`, `"registerTool" in server`: an SDK shim's test
_SHIM = re.compile(
    rf"""(typeof\s+)?[\w$.]+\.({'|'.join(REGISTER)})(\s*[!=]==?\s*["']function["'])?|["']({'|'.join(REGISTER)})["']\s+in\s+[\w$.]+"""
)


def guard(node: Node) -> tuple[str, int, bool] | None:
    """The innermost `if` holding ``node`` in a branch (or tool registration holding it in its callback): its
    condition in words, its position, and whether ``node`` is in its `else`; None when no `if` (or only a main
    guard) holds it."""
    child, parent = node, node.parent
    while parent is not None and parent.type not in _SCOPES:
        if parent.type == "if_statement":
            condition = parent.child_by_field_name("condition")
            if condition is not None and LISTING.search(text(condition)):
                return None  # the answer to `tools/list`, however the other requests are told apart around it
            if condition is not None and child.start_byte != condition.start_byte and (written := _test(condition)):
                otherwise = child.type == "else_clause"
                words = f"registered only when `{written}`" + (" is false" if otherwise else "")
                return words, parent.start_byte, otherwise
        if (early := _returned_before(parent, child)) is not None:
            return f"registered only when `{early[1]}` is false", early[0].start_byte, True
        if (call := passed_to(child, parent)) is not None and registers(call):
            first = parent.named_children[0] if parent.named_children else None
            return f"registered only once the tool {text(first)[:100]} has been called", parent.start_byte, False
        child, parent = parent, parent.parent
    return None


def _test(condition: Node) -> str | None:
    """An `if`'s test in words; None for a main guard, an SDK shim's test or a hand-written server's dispatch on the
    request (`if (method === "tools/list")`), which are no choice of the user's."""
    written = text(condition).strip()
    if written.startswith("(") and written.endswith(")"):
        written = written[1:-1].strip()
    if any(main in written for main in _MAIN_GUARDS) or _SHIM.fullmatch(written) or LISTING.search(written):
        return None
    return " ".join(written.split())[:200]


def _returned_before(block: Node, child: Node) -> tuple[Node, str] | None:
    """The innermost `if` of a function's body, before ``child``, that ends the function (`if (!options.writes)
    return;`, no `else`), with its test in words: what follows it runs only when the test is false. A branch
    returning a value is a cache or a shortcut of a function computing something, not a register function giving
    up."""
    if block.type != "statement_block" or block.parent is None or block.parent.type not in _FUNCTIONS:
        return None
    for statement in reversed([s for s in block.named_children if s.end_byte <= child.start_byte]):
        branch = statement.child_by_field_name("consequence") if statement.type == "if_statement" else None
        if branch is None or statement.child_by_field_name("alternative") is not None:
            continue
        body = (
            [s for s in branch.named_children if s.type != "comment"] if branch.type == "statement_block" else [branch]
        )
        condition = statement.child_by_field_name("condition")
        if (body and body[-1].type == "return_statement" and not body[-1].named_children and condition is not None
                and (written := _test(condition))):
            return statement, written
    return None


def called_guard(module: Evaluator, node: Node) -> tuple[str, int, bool] | None:
    """The `if` the first call of the function holding ``node`` is under, when every call of it is under one (the
    function only ever called in its own file) and no two calls are in the two branches of one `if`; None
    otherwise."""
    guards = [guard(call) for call in call_sites(module, node) or _imported_calls(module, node)]
    if not guards or any(g is None for g in guards):
        return None
    branches = {(g[1], g[2]) for g in guards if g is not None}
    if any((position, not otherwise) in branches for position, otherwise in branches):
        return None  # called in both branches of one `if` (an HTTP start and a stdio one): no condition
    return guards[0]


def _imported_calls(module: Evaluator, node: Node) -> list[Node]:
    """The calls, in the files importing it, of the exported function holding ``node``, when it is used nowhere
    but in those calls (its own file only declaring it); none otherwise."""
    name = exported_name(node)
    if name is None or written(module, name) != 1:
        return []
    found: list[Node] = []
    for importer in module.loader.parsed():
        for local, (path, exported) in importer.imports.items() if importer is not module else ():
            if path == module.path and exported == name:
                calls = calls_of(importer, local)
                if calls is None:
                    return []
                found += calls
    return found


def chosen_guard(module: Evaluator, node: Node) -> tuple[str, int, bool] | None:
    """The `cond ? a : b` whose one branch holds every use of the top-level list holding the tool data ``node``
    (in the words of ``guard``); None when the list is used anywhere else, or in both branches. The list may be a
    top-level `var` an esbuild bundle assigns in a module's init function (`var x; ... x = {...}`)."""
    held = holder(node)
    if held is not None and (held[1].parent is None or held[1].parent.type != "program"):
        return None
    name = held[0] if held is not None else assigned(node)
    if name is None:
        return None
    found: set[tuple[str, int, bool]] = set()
    declared = held is not None
    for use in uses(module.root, name, source_of(module)):
        if not declared and _declaration(use):
            declared = True
            continue
        branch = _branch(use)
        if branch is None:
            return None
        found.add(branch)
    if len(found) != 1 or not declared:
        return None  # unused, used in both branches, or under several choices; or a name no `var` declares on top
    return found.pop()


def _declaration(use: Node) -> bool:
    """Whether ``use`` is the name of a top-level `var name;` that gives no value."""
    declarator = use.parent
    if declarator is None or declarator.type != "variable_declarator" or declarator.child_by_field_name("value"):
        return False
    declaration = declarator.parent
    return declaration is not None and declaration.parent is not None and declaration.parent.type == "program"


def _branch(use: Node) -> tuple[str, int, bool] | None:
    """The innermost `cond ? a : b` holding ``use`` in a branch, as ``guard`` words it."""
    child, parent = use, use.parent
    while parent is not None and parent.type not in _SCOPES:
        if parent.type == "ternary_expression":
            condition = parent.child_by_field_name("condition")
            if condition is None or child.start_byte == condition.start_byte:
                return None
            written = " ".join(text(condition).strip("() ").split())[:200]
            otherwise = child == parent.child_by_field_name("alternative")
            return f"listed only when `{written}`" + (" is false" if otherwise else ""), parent.start_byte, otherwise
        child, parent = parent, parent.parent
    return None


def hook_guard(module: Evaluator, node: Node) -> tuple[str, int, bool] | None:
    """The `if` a base class calls the method holding ``node`` under (`if (...) this.method()`), the first base up
    the `extends` chain that calls it deciding; None when one of its calls there is under no `if`, or none calls it."""
    method = node.parent
    while method is not None and method.type not in ("method_definition", "program"):
        method = method.parent
    body = method.parent if method is not None else None
    if method is None or body is None or body.type != "class_body" or body.parent is None:
        return None
    name, owner, cls = text(method.child_by_field_name("name")), module, body.parent
    for _ in range(MAX_BASES):
        found = _base_class(owner, cls)
        if found is None:
            return None
        owner, cls = found
        calls = [
            call for call in descendants(cls, "call_expression")
            if (callee := call.child_by_field_name("function")) is not None and callee.type == "member_expression"
            and text(callee.child_by_field_name("object")) == "this"
            and text(callee.child_by_field_name("property")) == name
        ]
        if calls:
            guards = [guard(call) for call in calls]
            return None if any(g is None for g in guards) else guards[0]
    return None


def _base_class(module: Evaluator, cls: Node) -> tuple[Evaluator, Node] | None:
    """The class ``cls`` extends, in the module that declares it (this one, or a local module it imports)."""
    heritage = next((c for c in cls.named_children if c.type == "class_heritage"), None)
    named = next((n for n in walk(heritage) if n.type in ("identifier", "member_expression")), None) \
        if heritage is not None else None
    if named is None:
        return None
    if named.type == "member_expression":  # tsc's `registry_base_1.RegistryBase`: a namespace import
        space, wanted = text(named.child_by_field_name("object")), text(named.child_by_field_name("property"))
        path = module.imports.get(space, (None, ""))[0]
    else:
        wanted = text(named)
        path, exported = module.imports.get(wanted, (module.path, wanted))
        wanted = exported if exported != "*" else wanted
    owner = module.loader.module(path) if path is not None and path != module.path else module
    if owner is None:
        return None
    for top in owner.root.named_children:
        declared = top.child_by_field_name("declaration") if top.type == "export_statement" else top
        if declared is not None and declared.type == "class_declaration" \
                and text(declared.child_by_field_name("name")) == wanted:
            return owner, declared
    return None
