"""What every part of JavaScript extraction shares: the grammar a file is read with and its parse, the tree-sitter
queries kept in ``queries/*.scm``, the text of string literals, the sentinels a value may be, and the interface of
the evaluator (``values.module.Module``) that helpers are handed.

Helpers (enums, operators, zod, the patterns) call back into the evaluator for the values inside what they read;
they receive it through ``Evaluator`` rather than importing the module that defines it, so that dependencies run
one way: syntax <- values <- reach <- patterns.
"""

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar
from weakref import WeakKeyDictionary

from tree_sitter import Node, Query, QueryCursor, Tree

from crawler.extract import treesitter
from crawler.extract.prefilter import Prefilter
from crawler.extract.prefilter import prefilter as read_prefilter
from crawler.extract.treesitter import text

__all__ = [
    "GRAMMARS",
    "QUERIES",
    "SUFFIXES",
    "UNRESOLVED",
    "Chosen",
    "Evaluator",
    "Loader",
    "PerModule",
    "Partial",
    "Zod",
    "captures",
    "escape",
    "grammar",
    "parse",
    "prefilter",
    "query",
    "string",
    "text",
]

SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
QUERIES = Path(__file__).resolve().parent / "queries"
GRAMMARS = ("js", "ts", "tsx")
FUNCTIONS = ("arrow_function", "function_expression", "function")  # the nodes a function written inline is

UNRESOLVED: Any = object()  # what cannot be read without running code: a caller never invents text for it
_SPECIAL = re.compile(rb"[\\&'\"\r\n]")  # what a string's children may hold but plain text: escapes, quotes, lines
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


class Zod(dict):
    """A zod schema converted to JSON Schema, remembering whether it was `.optional()`."""

    optional = False


class Chosen(list):
    """A list literal some of whose elements are spread under a choice the source does not settle (`[...pageTools,
    ...(config.vision ? visionTools : [])]`): ``conditions`` maps such an element's index to that choice, in the
    words and shape of patterns.guards (text, position, whether in the `else` branch); the others are always there."""

    def __init__(self, items: Iterable[Any] = (), conditions: dict[int, tuple[str, int, bool]] | None = None) -> None:
        super().__init__(items)
        self.conditions = conditions or {}


class Partial(dict):
    """An object literal read in part (a spread or a computed key did not resolve): a key it lacks may be there."""


class Loader(Protocol):
    root: Path
    files: dict[Path, None]  # the package's JS files in walk order (a dict: ordered, and fast to test)
    queries: tuple[str, ...]

    def locate(self, importer: Path, spec: str) -> Path | None: ...

    def may_match(self, path: Path) -> bool: ...

    def module(self, path: Path) -> "Evaluator | None": ...

    def parsed(self) -> "list[Evaluator]": ...


class Evaluator(Protocol):
    """One file's evaluator, as helpers see it: its tree, its top-level names, the loop and call scopes pushed while
    a body is read under bound names, and the values of its nodes."""

    path: Path
    grammar: str
    root: Node
    loader: Loader
    captures: dict[str, list[Node]]
    scopes: list[dict[str, Any]]
    bindings: dict[str, Node]
    functions: dict[str, Node]
    imports: dict[str, tuple[Path, str]]

    def value(self, node: Node | None, depth: int = 0) -> Any: ...

    def lookup(self, name: str, depth: int) -> Any: ...

    def function(self, name: str) -> "tuple[Evaluator, Node] | None": ...


K = TypeVar("K", bound=Evaluator)
T = TypeVar("T")


class PerModule(Generic[K, T]):
    """What a helper reads once per module and keeps: the helper owns the cache, keyed by the module (weakly, so
    it goes with the module)."""

    def __init__(self, make: Callable[[K], T]) -> None:
        self.make = make
        self._made: WeakKeyDictionary[K, T] = WeakKeyDictionary()

    def __call__(self, module: K) -> T:
        try:
            return self._made[module]
        except KeyError:
            made = self._made[module] = self.make(module)
            return made


def grammar(path: Path) -> str:
    """The grammar of a file, by its suffix read off the path's text: ``Path.suffix`` is a property written in
    Python (a microsecond a call) and the grammar is asked several times per file (parse, module, reach)."""
    text = str(path)
    dot = text.rfind(".")
    suffix = text[dot:] if dot > text.rfind("/") + 1 else ""  # a name's leading dot is no suffix (`.ts`)
    return "tsx" if suffix == ".tsx" else "ts" if suffix in (".ts", ".mts", ".cts") else "js"


def parse(path: Path, source: bytes | None = None) -> Tree | None:
    try:
        return treesitter.parse(path, grammar(path), source=source)
    except treesitter.Skipped:
        return None


@cache
def query(names: str | tuple[str, ...], grammar: str) -> Query:
    """The queries ``queries/<name>.scm`` compiled for a grammar as one (once): one pass over a tree answers them
    all."""
    return Query(treesitter.language(grammar), _patterns(names, grammar))


@cache
def prefilter(names: str | tuple[str, ...], grammar: str) -> Prefilter:
    """What a file must contain for the queries ``names`` to match in it (crawler.extract.prefilter): a file without
    it need not be parsed for them."""
    return read_prefilter(_patterns(names, grammar))


def _patterns(names: str | tuple[str, ...], grammar: str) -> str:
    """The text of the queries ``names`` for a grammar. In each file, a line `;; ts-only` ends the patterns every
    grammar shares: what follows exists only in TypeScript's grammars."""
    patterns = []
    for name in (names,) if isinstance(names, str) else names:
        shared, _, typescript = (QUERIES / f"{name}.scm").read_text(encoding="utf-8").partition(";; ts-only")
        patterns.append(shared if grammar == "js" else shared + typescript)
    return "\n".join(patterns)


def captures(names: str | tuple[str, ...], grammar: str, node: Node) -> dict[str, list[Node]]:
    """What the queries ``names`` capture under ``node``, by capture name, each in source order (outer node first):
    tree-sitter's own order is not always source order, nor the same from one parse of a file to the next
    (py-tree-sitter issue 450), and what extraction reaches and names must not change with it. A capture named with
    a leading `_` only serves a predicate, and is left out (unsorted). Read from the query's matches: py-tree-sitter's
    ``captures`` builds a set per name, in C calls back to Python per capture, and cost a third more; a node two
    patterns of one name match is kept once."""
    found: dict[str, list[Node]] = {}
    for _, match in QueryCursor(query(names, grammar)).matches(node):
        for name, nodes in match.items():
            if name[0] != "_":
                found.setdefault(name, []).extend(nodes)
    return {name: sorted(dict.fromkeys(nodes), key=_source_order) for name, nodes in found.items()}


def _source_order(node: Node) -> tuple[int, int]:
    return node.start_byte, -node.end_byte


def escape(node: Node) -> str:
    """One escape sequence of a string or template literal: `\\n`, `\\u2014`, `\\u{1F600}`, `\\x41`, `\\``."""
    raw = text(node)[1:]
    try:
        if raw.startswith("u{"):
            return chr(int(raw[2:-1], 16))
        if raw[:1] in ("u", "x") and len(raw) >= 3:
            return json.loads(f'"\\u{int(raw[1:], 16):04x}"')
    except (ValueError, OverflowError):
        return raw
    return _ESCAPES.get(raw, "" if raw[:1] in "\r\n" else raw)  # a backslash before a newline continues the line


def passed_to(child: Node, parent: Node) -> Node | None:
    """The call ``child`` (``parent``'s child) is handed to as a function written inline (`it("…", () => …)`,
    `server.tool("a", …, async () => …)`), or None: how a walk up from a node finds the callback it runs in."""
    if child.type in FUNCTIONS and parent.type == "arguments":
        return parent.parent
    return None


def template_text(written: str) -> str:
    """A template literal's text with its line ends as a running program sees them: ECMAScript reads a CR LF or a
    lone CR in a template (cooked or raw) as LF, so a file saved with Windows line ends still gives LF."""
    return written.replace("\r\n", "\n").replace("\r", "\n")


def string(node: Node) -> str:
    """The text a string literal stands for: what stands between its quotes when it holds no escape nor anything
    but text (the common case, read without visiting its children)."""
    raw = node.text or b""
    if len(raw) >= 2 and raw[:1] == raw[-1:] and raw[:1] in (b'"', b"'") and not _SPECIAL.search(raw, 1, len(raw) - 1):
        return raw[1:-1].decode("utf-8", "replace")
    return "".join(
        text(child) if child.type == "string_fragment" else escape(child)
        for child in node.named_children
        if child.type in ("string_fragment", "escape_sequence")
    )
