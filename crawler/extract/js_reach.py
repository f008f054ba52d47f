"""Which JavaScript and TypeScript code a package actually runs, so that tools declared in dead code are not reported.

Published packages carry code no server ever runs: a `dist/config/deployment-config.js` that no module imports
any more, or an esbuild bundle that keeps `var drag = {schema: {name: "browser_drag", ...}}` although no tool
list uses it. Read statically, both look like tools. Two passes drop them, conservatively (a real tool lost is
worse than an extra one):

- `dead_files`: per package (a folder holding a package.json), the JS files none of its entry points (`bin`,
  `main`, `module`, every leaf of `exports`; `index.js` when none is named) reaches through import/export/require
  or a literal `import()`, nor through a string naming the file (`path.join(__dirname, "server.js")` launched in a
  child process). A package is left alone when an entry it names is missing (a checkout with an unbuilt `dist/`)
  or when reachable code loads modules by computed names (`require(name)`).
- `UnusedBindings`: a tool object held by a top-level, unexported `var/let/const x` whose name occurs nowhere
  else in its file.

`walk` is also how `extract` finds the packages a tool-less npm package hands over to (`_delegation`).
"""

import json
import os
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tree_sitter import Node, Query, QueryCursor

from crawler.extract import treesitter
from crawler.extract.js_values import Loader, Module

_JS = (".js", ".mjs", ".cjs", ".jsx")
_TS = (".ts", ".mts", ".cts", ".tsx")
_DATA = (".json", ".css", ".wasm", ".node")  # entries that load no JavaScript
_LOADS = """(import_statement source: (string) @spec)
(export_statement source: (string) @spec)
(call_expression function: [(identifier) (import)] @f arguments: (arguments . (_) @arg)
  (#any-of? @f "require" "import"))
"""
_STRINGS = "(string) @str (template_string) @str"
_TS_LOADS = "(import_require_clause source: (string) @spec)"  # `import x = require("./x")`
_USES = ("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern")
_WRAPPERS = ("object", "pair", "array", "parenthesized_expression", "as_expression", "satisfies_expression")


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)  # every module reached, in the order reached
    packages: list[str] = field(default_factory=list)  # bare specifiers imported (`zod`, `@acme/x/y.js`), in order
    dynamic: bool = False  # some reached code loads a module whose name is computed, or could not be read


def read_package(folder: Path) -> dict[str, Any] | None:
    """The folder's package.json as a dict, or None when it has none (or an unreadable one)."""
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return package if isinstance(package, dict) else None


def entry_points(folder: Path, package: dict[str, Any], loader: Loader) -> tuple[list[Path], bool]:
    """The JS files the package's entry points name that exist, and whether every entry it names was found as a
    file whose imports can be read: a data file (`./package.json`, a `.css`) counts, with nothing to walk; a shell
    script or a file skipped as too large does not."""
    named = [package.get(key) for key in ("bin", "main", "module", "exports")]
    specs = [leaf for value in named for leaf in _leaves(value)] or ["index.js"]
    found, complete = [], True
    for spec in specs:
        target = loader.locate(folder / "package.json", spec if spec.startswith(("./", "../")) else f"./{spec}")
        path = (folder / spec).resolve()
        if target is None and path.suffix in _DATA and path.is_file():
            continue
        if target is None and path.suffix == "" and _node_script(path, folder):
            target = path  # `"bin": "bin/cli"`: a script without a suffix
        if target is None:
            complete = False
        elif target not in found:
            found.append(target)
    return found, complete


def _node_script(path: Path, folder: Path) -> bool:
    """A small file of JavaScript without a suffix: no `#!` line, or one that runs node."""
    if not path.is_relative_to(folder) or not path.is_file() or path.stat().st_size >= treesitter.LARGE_FILE:
        return False
    with open(path, "rb") as handle:
        first = handle.readline(200)
    return not first.startswith(b"#!") or b"node" in first


def _leaves(value: Any) -> list[str]:
    """Every string in a `bin` or `exports` value, conditions (`import`, `require`, `types`) included."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [leaf for item in items for leaf in _leaves(item)]


def walk(loader: Loader, starts: list[Path], scope: set[Path] | None = None) -> Walk:
    """The modules ``starts`` reach, transitively, through specifiers and through strings naming a local file.
    Specifiers are followed first; a module's other strings are read once no specifier leads further (few files
    are reached only that way, and a bundle holds tens of thousands of strings). With a ``scope`` (the files a
    filter asks about), strings are read for those files only, and the walk stops as soon as the answer is known:
    the code loads modules dynamically, or every file of the scope is reached."""
    result = Walk()
    wanted = loader.files if scope is None else scope
    pending = Counter(name for f in wanted for name in _names(f))  # of the wanted files not reached yet
    queue, seen, left = deque(starts), set(starts), len(wanted)
    unread: deque[tuple[Module, set[int]]] = deque()  # modules whose strings are still to read
    while queue or unread:
        if scope is not None and (result.dynamic or not left):
            break
        if not queue:
            module, specifiers = unread.popleft()
            reached = _mentioned(module, pending, specifiers)
        elif (module := loader.module(path := queue.popleft())) is None:
            result.files.append(path)
            result.dynamic = True  # not parsed: what it loads is unknown
            continue
        else:
            result.files.append(path)
            if path in wanted:
                pending.subtract(_names(path))
                left -= 1
            found, reached, dynamic = _loads(module)
            result.dynamic = result.dynamic or dynamic
            for node in found:
                value = module.value(node)
                if isinstance(value, str) and not value.startswith("."):
                    result.packages.append(value)
                elif isinstance(value, str) and (target := loader.locate(path, value)) is not None:
                    reached.append(target)
            unread.append((module, {node.start_byte for node in found}))
        for target in reached:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return result


def _names(path: Path) -> list[bytes]:
    """What a string naming the file may end with: `server.js`, `./server`, or `./tools` for `tools/index.js`."""
    names = [path.name, path.stem] + ([path.parent.name] if path.stem == "index" else [])
    return [name.encode() for name in names]


def _loads(module: Module) -> tuple[list[Node], list[Path], bool]:
    """The module's specifiers (`import … from "x"`, `export … from`, `require("x")`, `import("x")`), and what
    calls with a computed argument load: every file under a relative prefix (`import(`./tools/${name}.js`)`), or,
    for any other argument, nothing known (True: the code loads modules dynamically)."""
    grammar = _grammar(module.path)
    captures = QueryCursor(_query(grammar, _LOADS + (_TS_LOADS if grammar != "js" else ""))).captures(module.root)
    specifiers = captures.get("spec", [])
    files: list[Path] = []
    dynamic = False
    for arg in captures.get("arg", []):
        if _literal(arg):
            specifiers.append(arg)
        elif (prefix := _prefix(module, arg)) is not None and prefix.startswith("."):
            under = os.path.normpath(module.path.parent / prefix)
            files += [f for f in module.loader.files if str(f).startswith(under)]
        else:
            dynamic = True
    return specifiers, files, dynamic


def _mentioned(module: Module, pending: Counter[bytes], specifiers: set[int]) -> list[Path]:
    """Files not reached yet that a string of the module (not a specifier) names: `path.join(__dirname,
    "server.js")`, `${__dirname}/server.js`; relative to the module's folder or to any folder above it (the
    package root)."""
    loader, found = module.loader, []
    folders = [module.path.parent, *(p for p in module.path.parent.parents if p.is_relative_to(loader.root))]
    for node in QueryCursor(_query(_grammar(module.path), _STRINGS)).captures(module.root).get("str", []):
        tail = node.text.strip(b"`'\"").rstrip(b"/").rsplit(b"/", 1)[-1].rsplit(b"}", 1)[-1]
        if (pending[tail] > 0 or pending[tail.rsplit(b".", 1)[0]] > 0) and node.start_byte not in specifiers:
            value = module.value(node) if _literal(node) else treesitter.text(node.named_children[-1])
            if isinstance(value, str) and value.strip():
                relative = value if value.startswith(("./", "../")) else f"./{value.lstrip('/')}"
                found += [f for folder in folders if (f := loader.locate(folder / "_", relative)) is not None]
    return found


def _prefix(module: Module, node: Node) -> str | None:
    """The literal text a template or a `+` concatenation starts with."""
    if node.type == "template_string":
        first = node.named_children[0] if node.named_children else None
        return treesitter.text(first) if first is not None and first.type == "string_fragment" else None
    if node.type == "binary_expression" and treesitter.text(node.child_by_field_name("operator")) == "+":
        left = node.child_by_field_name("left")
        value = module.value(left) if left is not None and left.type == "string" else None
        return value if isinstance(value, str) else _prefix(module, left) if left is not None else None
    return None


def _literal(node: Node) -> bool:
    """A string, or a template without substitutions."""
    return node.type == "string" or (
        node.type == "template_string" and all(c.type != "template_substitution" for c in node.named_children)
    )


def dead_files(loader: Loader) -> set[Path]:
    """JS files of the packages under the loader's root that their entry points never reach (see the module's
    docstring for when a package is left alone). TypeScript sources count only where the entry points run them;
    `.d.ts` files never do."""
    homes: dict[Path, Path | None] = {}
    packages: dict[Path, list[Path]] = {}
    for path in loader.files:
        if (home := _home(path.parent, loader.root, homes)) is not None:
            packages.setdefault(home, []).append(path)
    alive: set[Path] = set()
    judged: list[tuple[list[Path], tuple[str, ...]]] = []
    for folder, files in packages.items():
        package = read_package(folder) or {}
        starts, complete = entry_points(folder, package, loader)
        if not complete or not starts or len(files) < 2:
            continue
        walked = walk(loader, starts, scope=set(files))
        alive.update(walked.files)
        if not walked.dynamic:
            ran_ts = any(p.suffix in _TS and not p.name.endswith(".d.ts") for p in walked.files)
            judged.append((files, _JS + _TS if ran_ts else _JS))
    return {p for files, kinds in judged for p in files if p.suffix in kinds and not p.name.endswith(".d.ts")} - alive


def _home(folder: Path, root: Path, homes: dict[Path, Path | None]) -> Path | None:
    """The nearest folder at or above ``folder`` (within ``root``) holding a package.json."""
    if folder not in homes:
        if (folder / "package.json").is_file():
            homes[folder] = folder
        elif folder != root and folder.is_relative_to(root):
            homes[folder] = _home(folder.parent, root, homes)
        else:
            homes[folder] = None
    return homes[folder]


class UnusedBindings:
    """Tells whether a tool object is held by a top-level declaration nothing uses: `var drag = {schema: {...}}`
    (or `const x = defineTool({...})`), not exported, its name found nowhere else in the file. Objects inside
    functions are not judged. The name's occurrences in the text are found with `bytes.find` and checked against the
    tree (one in a string or a `.drag` property is no use): far cheaper, in a bundle of megabytes, than visiting
    every identifier, and a name in use is usually met a few lines below its declaration."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self._source: bytes | None = None

    def __call__(self, node: Node) -> bool:
        name = _declared(node)
        if name is None:
            return False
        if self._source is None:
            self._source = self.module.root.text or b""
        word, source = name.text or b"", self._source
        start = source.find(word)
        while start >= 0:
            end = start + len(word)
            if start != name.start_byte:
                use = self.module.root.descendant_for_byte_range(start, end)
                if use is not None and use.type in _USES and (use.start_byte, use.end_byte) == (start, end):
                    return False
            start = source.find(word, end)
        return True


def _declared(node: Node) -> Node | None:
    """The name of the top-level, unexported `var/let/const` whose value holds ``node`` through objects, arrays and
    the first argument of a plain call (`defineTool({...})`); None for anything else."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type in _WRAPPERS:
            child, parent = parent, parent.parent
        elif parent.type == "arguments" and parent.named_children[0] == child and parent.parent is not None:
            callee = parent.parent.child_by_field_name("function")
            if callee is None or callee.type != "identifier":
                return None
            child, parent = parent.parent, parent.parent.parent
        elif parent.type == "variable_declarator" and parent.child_by_field_name("value") == child:
            name, declaration = parent.child_by_field_name("name"), parent.parent
            top = declaration is not None and declaration.parent is not None and declaration.parent.type == "program"
            return name if top and name is not None and name.type == "identifier" else None
        else:
            return None
    return None


def _grammar(path: Path) -> str:
    from crawler.extract.lang_js import grammar

    return grammar(path)


@cache
def _query(grammar: str, patterns: str) -> Query:
    return Query(treesitter.language(grammar), patterns)
