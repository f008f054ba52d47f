"""Tools a fastmcp server declares and keeps out of its list: the definition is real (the catalogue keeps it), but a
client is not shown it unless the code is changed, so it carries the reason, in words, as its condition
(``ToolDefinition.extra["condition"]``) instead of being dropped.

fastmcp hides a tool four ways, all read here:
- ``@mcp.tool(enabled=False)`` (fastmcp 2), the tool alone;
- ``FastMCP(..., exclude_tags={"beta"})`` (2) and ``mcp.disable(tags={"beta"})`` (3 on): every tool tagged so
  (``@mcp.tool(tags={"beta"})``); ``mcp.disable(names={"drop_all"})``: those tools by name;
- ``FastMCP(..., include_tags={"public"})`` (2) and ``mcp.enable(tags={"public"}, only=True)`` (3 on): every tool
  tagged with none of them.
Calls are read in every file of the package (servers are often built in one module and filtered in another); an
``enable`` that is not ``only=True`` re-enables, so the tags it names are no longer hidden.

Any server may also register a tool only under a condition: ``if settings.allow_writes:`` around ``@mcp.tool``
(an option, an environment variable, a mode), or return before it (``if not config.has("dangerous"): return``
opening the function that registers). Whether a default start meets it is mostly not known statically, so the
definition carries the condition as written (``guarded``), unless an environment variable's default decides it
(python.defaults): a condition a default start meets is none, one it misses stays; a main guard
(``if __name__ == "__main__":``) and ``if TYPE_CHECKING:`` are no condition on a running server, nor is a
hand-written JSON-RPC server's test of the request it answers (``if method == "tools/list":``).

A server that registers only the toolsets a user enabled hides the tools of the others (python.toolsets); a register
function called only under a condition hides the tools it registers (python.callers).
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

from crawler.extract.contract import LISTING
from crawler.extract.python.defaults import met_by_default
from crawler.extract.python.syntax import Evaluator, Index, Modules, dotted
from crawler.extract.python.toolsets import toolset_conditions

CONDITION = "condition"  # the key of ToolDefinition.extra that says when a declared tool is listed
_FILTERING = ("FastMCP", "disable", "enable")  # the calls that set a server's tag and name filters


@dataclass
class Hidden:
    tags: set[str] = field(default_factory=set)  # tools tagged with any of these are hidden
    names: set[str] = field(default_factory=set)  # tools by name
    only: set[str] = field(default_factory=set)  # when set, tools tagged with none of these are hidden
    toolsets: dict[str, str] = field(default_factory=dict)  # tools of toolsets off by default: their condition

    def read(self, module: Evaluator, node: ast.AST) -> None:
        """One call of the package: a server made with tag filters, or a ``disable``/``enable`` on one."""
        if not isinstance(node, ast.Call):
            return
        called = dotted(node.func).split(".")[-1]
        if called not in _FILTERING:  # most calls: no options to read
            return
        options = {kw.arg: kw.value for kw in node.keywords if kw.arg}
        if called == "FastMCP":
            self.tags |= strings(module, options.get("exclude_tags"))
            self.only |= strings(module, options.get("include_tags"))
        elif called == "disable" and isinstance(node.func, ast.Attribute) and not node.args:
            self.tags |= strings(module, options.get("tags"))
            self.names |= strings(module, options.get("names"))
        elif called == "enable" and isinstance(node.func, ast.Attribute) and not node.args:
            tags = strings(module, options.get("tags"))
            if module.value(options.get("only")) is True:
                self.only |= tags
            else:
                self.tags -= tags
                self.names -= strings(module, options.get("names"))

    def condition(self, module: Evaluator, name: str, options: dict[str, ast.expr]) -> str | None:
        """Why the tool ``name``, registered with decorator ``options``, is not listed; None when it is."""
        if "enabled" in options and module.value(options["enabled"]) is False:
            return "hidden: registered with enabled=False"
        tags = strings(module, options.get("tags"))
        if tags & self.tags:
            return f"hidden: tagged {_quoted(tags & self.tags)}, which the server disables"
        if name in self.names:
            return "hidden: disabled by name"
        if self.only and not tags & self.only:
            return f"hidden: not tagged {_quoted(self.only)}, the only tags the server enables"
        return self.toolsets.get(name)


def hidden_tools(project: Modules, files: list[Path]) -> Hidden:
    """The tag and name filters fastmcp servers of the package set, and the toolsets off by default."""
    hidden = Hidden(toolsets=toolset_conditions(project, files))
    for path in files:
        index, module = project.index(path), project.module(path)
        if index is not None and module is not None:
            for node in index.of(ast.Call):
                hidden.read(module, node)
    return hidden


def strings(module: Evaluator, node: ast.expr | None) -> set[str]:
    """The strings of a literal set, list or tuple (a name bound to one, or `set(...)` of one, included); nothing
    for anything else."""
    if isinstance(node, ast.Call) and dotted(node.func) in ("set", "frozenset") and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        values = [module.value(element) for element in node.elts]
    elif isinstance(value := module.value(node) if node is not None else None, list | tuple | set):
        values = list(value)
    else:
        return set()
    return {v for v in values if isinstance(v, str)}


def _quoted(tags: set[str]) -> str:
    return " or ".join(f"'{tag}'" for tag in sorted(tags))


def guarded(index: Index, node: ast.AST, module: Evaluator, decided: bool = False) -> str | None:
    """The condition of the innermost ``if`` whose branch holds the registration ``node``, or that returns before
    it (``if not config.allow_writes: return`` opening a ``register(mcp, config)``), in words; None when nothing but
    a main guard holds it, or every ``if`` holding it takes that branch on a default start (python.defaults).
    ``decided``: only an ``if`` a default start is known to miss counts."""
    child, parent = node, index.parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.If) and LISTING.search(ast.unparse(parent.test)):
            return None  # the answer to `tools/list`, however the other requests are told apart around it
        if isinstance(parent, ast.If) and child is not parent.test and _condition(parent.test):
            body, met = any(child is s for s in parent.body), met_by_default(module, parent.test)
            if met is not body and not (decided and met is None):
                return f"registered only when `{ast.unparse(parent.test)[:200]}`{'' if body else ' is false'}"
        early = _returned_before(parent, child)
        if early is not None and (met := met_by_default(module, early.test)) is not False and not (
                decided and met is None):
            return f"registered only when `{ast.unparse(early.test)[:200]}` is false"
        child, parent = parent, index.parents.get(parent)
    return None


def _condition(test: ast.expr) -> bool:
    """Whether an ``if``'s test is a condition on a running server: a main guard, ``TYPE_CHECKING`` and a
    hand-written server's test of the request it answers (``if method == "tools/list":``) are not."""
    written = ast.unparse(test)
    return "__name__" not in written and "TYPE_CHECKING" not in written and LISTING.search(written) is None


def _returned_before(parent: ast.AST, child: ast.AST) -> ast.If | None:
    """The innermost ``if`` of a function's body, before ``child``, that ends the function (its branch returns
    nothing, no ``else``): what follows it runs only when its test is false. A branch returning a value is a cache
    or a shortcut of a function computing something, not a register function giving up."""
    if not isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef) or not any(child is s for s in parent.body):
        return None
    before = parent.body[: next(i for i, s in enumerate(parent.body) if s is child)]
    for statement in reversed(before):
        last = statement.body[-1] if isinstance(statement, ast.If) else None
        if (isinstance(statement, ast.If) and not statement.orelse and isinstance(last, ast.Return)
                and last.value is None and _condition(statement.test)):
            return statement
    return None
