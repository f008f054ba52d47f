"""Tree-sitter plumbing every language extractor shares: one cached parser per grammar, a parse with a time cap,
small helpers over nodes, and the one way a tool found in source becomes a ToolDefinition.

A hostile file must never hang a crawl: the parser reads the file in chunks and a progress callback cancels it
once the file's time budget is spent (py-tree-sitter honours ``progress_callback`` only for chunked input); and
because no callback runs in some grammars' slowest phase, and memory can only be capped in a process of its own,
files over a few KiB (`parse_all`, and bundles anywhere) are first parsed in a forked child with a memory limit,
killed when a file overruns its time (``parse_guard``). Files are size-capped before any of this. Budgets are CPU
time, not wall time: a parse is pure computation, so a machine busy with other work must not make a bundle look
hostile and silently lose its tools (with a wall-clock bound, a 6 MB bundle lost all 28 of its tools on a loaded
machine).
"""

import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import tree_sitter_c_sharp
import tree_sitter_go
import tree_sitter_java
import tree_sitter_javascript
import tree_sitter_rust
import tree_sitter_typescript
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from catalog.core.definition import ToolDefinition
from crawler.extract.limits import relative
from crawler.extract.parse_guard import PARSE_MEMORY, overruns

PARSE_SECONDS = 5.0  # per file; real sources parse in milliseconds, bundles of a few MB in well under a second
_CHUNK = 1 << 16
LARGE_FILE = 1 << 20
SMALL_FILE = 2048  # C# and Java grammars go quadratic on hostile text (`a<a<a<...`): 64 KiB of it takes 40 s
_GRAMMARS = {
    "js": tree_sitter_javascript.language,
    "ts": tree_sitter_typescript.language_typescript,
    "tsx": tree_sitter_typescript.language_tsx,
    "go": tree_sitter_go.language,
    "rust": tree_sitter_rust.language,
    "c_sharp": tree_sitter_c_sharp.language,
    "java": tree_sitter_java.language,
}


class Skipped(Exception):
    """A file that was not parsed, and why (unreadable, or over its time budget)."""


@cache
def language(grammar: str) -> Language:
    return Language(_GRAMMARS[grammar]())


@cache
def parser(grammar: str) -> Parser:
    return Parser(language(grammar))


@cache
def _query(grammar: str, kinds: tuple[str, ...]) -> Query:
    return Query(language(grammar), " ".join(f"({kind}) @node" for kind in kinds))


@cache
def load_query(grammar: str, *paths: Path) -> Query:
    """Query files (`.scm`, beside the language's code) compiled once, together, for their grammar: one pass of
    the query over a file finds every shape they describe."""
    return Query(language(grammar), "\n".join(path.read_text(encoding="utf-8") for path in paths))


def shapes(query: Query, node: Node, kinds: tuple[str, ...]) -> list[tuple[str, Node, dict[str, list[Node]]]]:
    """The shapes ``query`` finds under ``node``, in source order: for each match, which of ``kinds`` (the captures
    that name a whole pattern's node) it is, that node, and the match's captures. A node matched more than once as
    the same kind (a method with two tool annotations) is reported once, with its first match's captures."""
    found: dict[tuple[str, int, int], tuple[str, Node, dict[str, list[Node]]]] = {}
    for _, captures in QueryCursor(query).matches(node):
        kind = next((k for k in kinds if k in captures), None)
        if kind is not None:
            main = captures[kind][0]
            found.setdefault((kind, main.start_byte, main.end_byte), (kind, main, captures))
    return sorted(found.values(), key=lambda shape: (shape[1].start_byte, -shape[1].end_byte))


def parse_and_query(
    root: Path,
    files: list[Path],
    warnings: list[str],
    grammar: str,
    query: Query,
    kinds: tuple[str, ...],
    sources: dict[Path, bytes] | None = None,
) -> list[tuple[Path, Node, list[tuple[str, Node, dict[str, list[Node]]]]]]:
    """Each file parsed once (``parse_all``) and queried once: its path, root node and the shapes ``query`` finds.
    A file whose names are not UTF-8 is skipped with a warning: the query's text predicates decode them, and
    tree-sitter raises from inside its match loop."""
    found = []
    for path, node in parse_all(root, files, grammar, warnings, sources=sources):
        try:
            found.append((path, node, shapes(query, node, kinds)))
        except (UnicodeDecodeError, SystemError):
            warnings.append(f"{relative(path, root)}: not UTF-8 text")
    return found


def declarations(parsed: list[tuple[Path, Node, list[tuple[str, Node, dict[str, list[Node]]]]]]) -> list[Node]:
    """The shapes captured as ``declaration`` across every file: what a language's evaluator resolves names from."""
    return [node for _, _, found in parsed for kind, node, _ in found if kind == "declaration"]


def shaped_tools(
    root: Path,
    parsed: list[tuple[Path, Node, list[tuple[str, Node, dict[str, list[Node]]]]]],
    visit: Callable[[Node, str], ToolDefinition | None],
) -> list[ToolDefinition]:
    """The tools ``visit`` reads from every shape but the declarations, file by file, in source order."""
    tools = []
    for path, _, found in parsed:
        rel = relative(path, root)
        tools += [tool for kind, node, _ in found if kind != "declaration" and (tool := visit(node, rel)) is not None]
    return tools


def find(node: Node, grammar: str, *kinds: str) -> list[Node]:
    """Every node of the given kinds under ``node``, in source order: a query runs in C, a walk in Python."""
    found = QueryCursor(_query(grammar, kinds)).captures(node).get("node", [])
    return sorted(found, key=lambda n: (n.start_byte, -n.end_byte))


def parse(
    path: Path, grammar: str, seconds: float = PARSE_SECONDS, vetted: bool = False, source: bytes | None = None
) -> Tree:
    """The file's syntax tree (of ``source`` when the caller has read the file already); raises Skipped when it
    cannot be read or takes longer than ``seconds``."""
    try:
        source = path.read_bytes() if source is None else source
    except OSError as exc:
        raise Skipped(f"unreadable: {exc.strerror}") from exc
    current = parser(grammar)
    if len(source) <= SMALL_FILE:  # parsed within milliseconds whatever it holds: no callbacks needed
        return current.parse(source)
    if len(source) > LARGE_FILE and not vetted and (reason := overruns([path], current, seconds).get(path)):
        raise Skipped(reason)  # a bundle: worth a child process, whose parse can be killed
    deadline = time.process_time() + seconds
    try:
        tree = current.parse(
            lambda offset, _point: source[offset : offset + _CHUNK],
            progress_callback=lambda _offset, _has_error: time.process_time() > deadline,
        )
    except ValueError as exc:  # cancelled by the callback
        current.reset()
        raise Skipped(f"parsing took longer than {seconds:g} s, skipped") from exc
    # A tree parsed from chunks reads each node's text back through the callback (100x slower); parsing the
    # bytes again with the old tree reuses every node (milliseconds) and gives a tree that holds its source.
    return current.parse(source, old_tree=tree)


def text(node: Node | None) -> str:
    return (node.text or b"").decode("utf-8", "replace") if node is not None else ""


def applied(call: Node) -> Node | None:
    """The function a JavaScript call applies, also through the `(0, module_1.name)(…)` tsc writes for imports."""
    callee = call.child_by_field_name("function")
    while callee is not None and callee.type in ("parenthesized_expression", "sequence_expression"):
        callee = callee.named_children[-1] if callee.named_children else None
    return callee


def walk(node: Node) -> Iterator[Node]:
    """Every named node under ``node``, in source order, without recursion (deep nesting is hostile input)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.named_children))


def descendants(node: Node, kind: str) -> list[Node]:
    return [n for n in walk(node) if n.type == kind]


def line(node: Node) -> int:
    return node.start_point[0] + 1


def parse_all(
    root: Path,
    files: list[Path],
    grammar: str,
    warnings: list[str],
    seconds: float = PARSE_SECONDS,
    memory: int = PARSE_MEMORY,
    sources: dict[Path, bytes] | None = None,
) -> list[tuple[Path, Node]]:
    """Each file's root node; a file that cannot be parsed is skipped with a warning that says why. The bytes of
    a file in ``sources`` (read already) are taken from there."""
    sources = {} if sources is None else sources
    sizes = [(p, len(sources[p]) if p in sources else _size(p)) for p in files]
    overrun = overruns([p for p, size in sizes if size > SMALL_FILE], parser(grammar), seconds, memory)
    parsed = []
    for path in files:
        try:
            if path in overrun:
                raise Skipped(overrun[path])
            parsed.append((path, parse(path, grammar, seconds, vetted=True, source=sources.pop(path, None)).root_node))
        except Skipped as exc:
            warnings.append(f"{relative(path, root)}: {exc}")
    return parsed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def source_tool(
    name: str,
    *,
    title: Any = None,
    description: Any = None,
    schema: Any = None,
    annotations: dict[str, Any] | None = None,
    file: str,
    line: int,
    complete: bool,
) -> ToolDefinition:
    """A tool read from source: only text that was resolved; confidence 0.9 when all of it was, else 0.5."""
    return ToolDefinition(
        name=name,
        title=title if isinstance(title, str) else None,
        description=description if isinstance(description, str) else None,
        input_schema=schema if isinstance(schema, dict) else {"type": "object", "properties": {}},
        annotations=annotations or None,
        origin="source",
        file=file,
        line=line,
        confidence=0.9 if complete and isinstance(schema, dict) else 0.5,
    )
