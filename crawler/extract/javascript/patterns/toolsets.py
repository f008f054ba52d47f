"""Tools kept as data, each naming the toolsets (groups) it belongs to, and registered by a loop that keeps only
the toolsets a user enabled: `{ name: "delete_repo", toolsets: ["admin"], ... }` with `DEFAULT_TOOLSETS = ["repos",
"issues"]` (or `OPT_IN_TOOLSETS = ["admin", ...]`, the toolsets hidden unless asked for) in the package, the loop
reading a `--toolsets` option or an environment variable that falls back to that default. A server of this kind
defines many more tools than a default start lists (a hundred defined, a dozen listed), so a definition outside the
default toolsets carries a condition (ToolDefinition.extra["condition"], as patterns.guards writes it) rather than
being dropped: the catalogue keeps every tool the code holds, and a default answer leaves it out.

The same holds for a definition switched off in its own data (`enabled: false`, `enabledByDefault: false`): the
registration loop skips it unless the user turns it on.

The default is read only from a list constant that says what it is by its name, in the module that defines the tool
or a local module reached through its imports; a toolset field alone, with no such list (every toolset on by
default, or a default only known at run time), says nothing.
"""

import re
from collections import deque
from pathlib import Path

from tree_sitter import Node

from crawler.extract.contract import DEFAULT_TOOLSETS, TOOLSET_GROUPS
from crawler.extract.javascript.patterns.factories import object_keys
from crawler.extract.javascript.syntax import Evaluator, PerModule, text

_FIELDS = ("toolset", "toolsets", "group", "groups")
_OPT_IN = re.compile(rf"(OPT_?IN|OPTIONAL|NON_?DEFAULT|DISABLED_?BY_?DEFAULT)_?{TOOLSET_GROUPS}", re.I)
_SWITCHES = ("enabled", "enabledByDefault", "defaultEnabled", "enabled_by_default")
_ALL = ("all", "*")  # a default naming every toolset
MAX_MODULES = 24  # local modules searched for the default list, nearest imports first


def toolset_guard(module: Evaluator, node: Node) -> tuple[str, int, bool] | None:
    """The condition the tool data ``node`` (an object literal) is registered under by its toolsets or its own
    switch, in the words of patterns.guards.guard; None when a default start registers it, or nothing says."""
    fields = object_keys(node)
    for switch in _SWITCHES:
        if switch in fields and text(fields[switch]) == "false":
            return f"registered only when enabled (`{switch}: false` in its definition)", node.start_byte, False
    held = next((fields[name] for name in _FIELDS if name in fields), None)
    if held is None:
        return None
    groups = module.value(held)
    groups = [groups] if isinstance(groups, str) else groups
    if not isinstance(groups, list) or not groups or not all(isinstance(g, str) for g in groups):
        return None
    found = _default_of(module)
    if found is None:
        return None
    default, opt_in = found
    if default is not None and any(g in default for g in groups):
        return None
    if opt_in is not None and not all(g in opt_in for g in groups):
        return None
    named = ", ".join(groups)
    return f"registered only when the toolset `{named}` is enabled (not a default toolset)", node.start_byte, False


def _defaults(module: Evaluator) -> tuple[set[str] | None, set[str] | None] | None:
    """The default toolsets and the opt-in ones, from the first list constant so named in ``module`` or the local
    modules it reaches through imports (nearest first); None when none is found, or the default names all."""
    queue: deque[Evaluator] = deque([module])
    seen: set[Path] = {module.path}
    while queue and len(seen) <= MAX_MODULES:
        current = queue.popleft()
        for name in current.bindings:
            kind = "default" if DEFAULT_TOOLSETS.fullmatch(name) else "opt-in" if _OPT_IN.fullmatch(name) else None
            value = current.lookup(name, 0) if kind else None
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                if kind == "default":
                    return None if any(v in _ALL for v in value) else (set(value), None)
                return None, set(value)
        for path, _ in current.imports.values():
            if path not in seen and (reached := current.loader.module(path)) is not None:
                seen.add(path)
                queue.append(reached)
    return None


_default_of = PerModule(_defaults)  # read once per module, for each of its tool definitions
