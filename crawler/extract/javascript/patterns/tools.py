"""Every tool a JavaScript or TypeScript tree declares, read from its syntax trees with one query per file.

Each file is parsed once (values.module.Loader) and queried once (queries/tools.scm): the query finds, in C, the
few nodes where a tool may be declared (SDK registrations, tool-shaped objects, tool classes, factory and helper
calls, loops over literal lists); only those are read, in source order, each by the module of its pattern (sdk,
classes, factories, wrappers, loops, effect, owners). A file with none is not read at all.
"""

from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tree_sitter import Node

from catalog.core.definition import ToolDefinition
from crawler.extract.javascript.patterns.classes import class_tool_config
from crawler.extract.javascript.patterns.definitions import arguments, tool
from crawler.extract.javascript.patterns.effect import effect_tool
from crawler.extract.javascript.patterns.exports import UnimportedExports
from crawler.extract.javascript.patterns.factories import factory_config
from crawler.extract.javascript.patterns.filters import (
    Capabilities,
    capability_filters,
    excluded_flags,
    filtered,
    in_test,
    marked,
)
from crawler.extract.javascript.patterns.guards import CONDITION, called_guard, chosen_guard, guard, hook_guard
from crawler.extract.javascript.patterns.loops import unrolled
from crawler.extract.javascript.patterns.owners import owner_scope
from crawler.extract.javascript.patterns.sdk import from_call, from_object, looks_like_tool, registers
from crawler.extract.javascript.patterns.sources import dead_sources
from crawler.extract.javascript.patterns.toolsets import toolset_guard
from crawler.extract.javascript.patterns.wrappers import registrations
from crawler.extract.javascript.reach.bindings import UnusedBindings
from crawler.extract.javascript.reach.reachability import dead_files
from crawler.extract.javascript.values.module import Loader, Module
from crawler.extract.javascript.values.params import call_scopes
from crawler.extract.limits import relative

_LOOPS = ("for_in_statement", "call_expression")
_CLASSES = ("class_declaration", "class", "abstract_class_declaration")
QUERIES = ("tools",)  # what the loader runs on each module, with its own query, for extract_js
MAX_LOOP_NESTING = 4


def extract_js(loader: Loader, files: list[Path]) -> list[ToolDefinition]:
    """Every tool the files (the loader's, in order) declare, but for those in files no package entry point reaches
    (reach.reachability). The loader is made with QUERIES: each module it parses is queried for tools at once."""
    judged: set[Path] = set()  # files of the packages whose entry points say what runs: exports are judged there
    dead = dead_files(loader, judged)
    dead |= dead_sources(judged, dead)
    modules = [
        (path, module)
        for path in files
        if path not in dead and loader.may_match(path) and (module := loader.module(path)) is not None
    ]
    flags = set().union(*(excluded_flags(_captured(module, "predicate")) for _, module in modules))
    filters = [each for _, module in modules for each in capability_filters(_captured(module, "predicate"))]
    tools: list[ToolDefinition] = []
    data: dict[str, str] = {}
    unimported = UnimportedExports(loader, judged)
    for path, module in modules:
        if candidates := _captured(module, "tool"):
            rel = relative(path, loader.root)
            reading = _Reading(module, rel, (flags, filters), candidates, lambda node, at=path: unimported(node, at))
            tools += reading.tools
            data |= reading.data
    for each in tools:  # tool data outside the default toolsets is so wherever a loop over it registers it
        if each.name in data:
            each.extra.setdefault(CONDITION, data[each.name])
    return tools


def _captured(module: Module, name: str) -> list[Node]:
    """What queries/tools.scm captured in the module, in the one pass over it the loader made (QUERIES)."""
    return module.captures.get(name, [])


class _Reading:
    """One file's tools, in source order; loops over literal lists are read once per element; tool data held by a
    top-level binding nothing uses is dead code, not a tool, and so is tool data exported and never imported
    (patterns.exports) or marked with a flag the server filters its tools by (patterns.filters); tool data a
    capability filter lists only under an option carries it as its condition (patterns.filters.filtered)."""

    def __init__(
        self,
        module: Module,
        rel: str,
        filters: tuple[set[str], list[Capabilities]],
        candidates: list[Node],
        unimported: Callable[[Node], bool],
    ) -> None:
        self.module, self.rel, (self.flags, self.filters) = module, rel, filters
        self.unused, self.unimported = UnusedBindings(module), unimported
        self.tools: list[ToolDefinition] = []
        self.seen: dict[str, int] = {}  # name -> index in tools: the most complete reading of each name is kept
        self.guards: dict[str, tuple[str, int, bool] | None] = {}  # name -> the `if` its first reading is under
        self.data: dict[str, str] = {}  # name -> the condition its own data sets (patterns.toolsets)
        self.listed: list[tuple[str, int, bool] | None] = []  # the condition of each loop element being read
        self.nodes = candidates  # in source order (syntax.captures), an enclosing node before what it holds
        self.starts = [node.start_byte for node in self.nodes]
        self._read(0, len(self.nodes))

    def _read(self, lo: int, hi: int) -> None:
        """The candidates ``nodes[lo:hi]`` (a subtree's, in source order); a loop's list and body are read as they
        would be walked: the list once, then the body once per element under that element's names."""
        module, index = self.module, lo
        while index < hi:
            node = self.nodes[index]
            if node.type in _LOOPS and len(module.scopes) < MAX_LOOP_NESTING and (loop := unrolled(module, node)):
                end = bisect_left(self.starts, node.end_byte, index + 1, hi)
                source, passes = loop
                self._read(*self._within(source, index + 1, end))
                for scope, body, listed in passes:
                    module.scopes.append(scope)
                    self.listed.append(listed)
                    self._read(*self._within(body, index + 1, end))
                    self.listed.pop()
                    module.scopes.pop()
                index = end
                continue
            self._keep(self._found(node), node)
            index += 1

    def _within(self, node: Node, lo: int, hi: int) -> tuple[int, int]:
        """The range of candidates, among ``nodes[lo:hi]``, that ``node`` holds (itself included)."""
        first = bisect_left(self.starts, node.start_byte, lo, hi)
        return first, bisect_left(self.starts, node.end_byte, first, hi)

    def _found(self, node: Node) -> list[tuple[ToolDefinition, Node | None]]:
        """The tools ``node`` declares, each with the call of its helper it was read for (None: read once)."""
        module, rel = self.module, self.rel
        if in_test(node):
            return []
        if node.type == "call_expression":
            if registers(node):
                return _per_call(module, node, rel, from_call) or self._owned(node)
            found = _wrapped(module, node, rel)
            if not found and (made := factory_config(module, node)) is not None:
                found = _made(module, node, rel, *made)
            return [(each, None) for each in found or effect_tool(module, node, rel)]
        if node.type == "object":
            if looks_like_tool(node) and not self.unused(node) and not marked(node, self.flags) \
                    and not self.unimported(node):
                return _per_call(module, node, rel, from_object)
            return []
        if node.type in _CLASSES and (declared := class_tool_config(module, node)) is not None:
            name, config, key = declared
            return [(tool(module, name, config, rel, node.start_point[0] + 1, schema_key=key), None)]
        return []

    def _owned(self, node: Node) -> list[tuple[ToolDefinition, Node | None]]:
        """The tool an object registers with its own method (patterns.owners), unless the object is dead code."""
        owned = owner_scope(self.module, node)
        if owned is None or self.unused(owned[0]) or self.unimported(owned[0]):
            return []
        self.module.scopes.append(owned[1])
        try:
            return [(each, None) for each in from_call(self.module, node, self.rel)]
        finally:
            self.module.scopes.pop()

    def _keep(self, found: list[tuple[ToolDefinition, Node | None]], node: Node) -> None:
        """Each tool once, the most complete reading winning; one registered under an `if` (or for an element a
        loop's list holds only under a choice, patterns.loops) carries its condition (patterns.guards), unless the
        `if`'s other branch, or code under no `if`, registers it too; a tool read for one call of its helper carries
        that call's condition."""
        own = guard(node) if found else None
        if own is None and any(site is None for _, site in found):
            own = called_guard(self.module, node)
        if own is None and found and node.type == "object":
            own = chosen_guard(self.module, node)
            if own is None and (own := toolset_guard(self.module, node)) is not None:
                self.data.update((each.name, own[0]) for each, _ in found)
            own = own or filtered(node, self.filters)
        elif own is None and found:
            own = hook_guard(self.module, node)
        if own is None and found and self.listed:
            own = next((listed for listed in reversed(self.listed) if listed is not None), None)
        for each, site in found:
            guarded = own or (guard(site) if site is not None else None)
            if guarded is not None:
                each.extra[CONDITION] = guarded[0]
            if each.name not in self.seen:
                self.seen[each.name] = len(self.tools)
                self.tools.append(each)
                self.guards[each.name] = guarded
                continue
            earlier = self.guards.get(each.name)
            # registered without an `if` as well (another call of its helper), or in both branches of one: not a
            # condition
            if guarded is None or earlier is None or (earlier[1] == guarded[1] and earlier[2] != guarded[2]):
                each.extra.pop(CONDITION, None)
                self.tools[self.seen[each.name]].extra.pop(CONDITION, None)
                self.guards[each.name] = None
            if each.confidence > self.tools[self.seen[each.name]].confidence:  # e.g. the other branch of an `if`
                self.tools[self.seen[each.name]] = each


def _per_call(
    module: Module, node: Node, rel: str, read: Callable[[Module, Node, str], list[ToolDefinition]]
) -> list[tuple[ToolDefinition, Node | None]]:
    """The tools ``node`` declares; inside a helper whose calls are all known and that leaves the name to its
    arguments (`makeTool(schema, "list_items", "List items")`), once per call of the helper (with that call)."""
    found: list[tuple[ToolDefinition, Node | None]] = [(each, None) for each in read(module, node, rel)]
    if not found:
        for site, scope in call_scopes(module, node):
            module.scopes.append(scope)
            found += [(each, site) for each in read(module, node, rel)]
            module.scopes.pop()
    return found


def _wrapped(module: Module, node: Node, rel: str) -> list[ToolDefinition]:
    """The tool a call of a registration helper registers (patterns.wrappers), found where the call is."""
    tools: list[ToolDefinition] = []
    for owner, inner, scope in registrations(module, node, registers):
        owner.scopes.append(scope)
        try:
            read = from_call(owner, inner, rel)
        finally:
            owner.scopes.pop()
        for each in read:
            each.line = node.start_point[0] + 1
        tools += read
    return tools


def _made(module: Module, node: Node, rel: str, name: str, config: dict[str, Any], key: str) -> list[ToolDefinition]:
    """A factory's tool (patterns.factories), when what it is given as input is an argument schema."""
    if not arguments(module, config[key]):
        return []
    return [tool(module, name, config, rel, node.start_point[0] + 1, schema_key=key)]
