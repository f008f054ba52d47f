"""Which JavaScript and TypeScript code a package actually runs, so that tools declared in dead code are not reported.

Published packages carry code no server ever runs: a `dist/config/deployment-config.js` that no module imports
any more, or an esbuild bundle that keeps `var drag = {schema: {name: "browser_drag", ...}}` although no tool
list uses it. Read statically, both look like tools. Two passes drop them, conservatively (a real tool lost is
worse than an extra one), this one and reach.bindings:

- `dead_files`: per package (a folder holding a package.json), the JS files none of its entry points (`bin`,
  `main`, `module`, every leaf of `exports`; `index.js` when none is named) reaches through import/export/require
  or a literal `import()`, nor through a string naming the file (`path.join(__dirname, "server.js")` launched in a
  child process). A package is left alone when an entry it names is missing (a checkout with an unbuilt `dist/`)
  or when reachable code loads modules by computed names (`require(name)`).
- `reach.bindings.UnusedBindings`: a tool object held by a top-level, unexported `var/let/const x` whose name occurs
  nowhere else in its file.

`walk` is also how `extract` finds the packages a tool-less npm package hands over to (`_delegation`).
"""

import os
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tree_sitter import Node

from crawler.extract import treesitter
from crawler.extract.javascript.syntax import captures, grammar
from crawler.extract.javascript.values.module import Loader, Module
from crawler.extract.javascript.values.subpaths import read_package

_JS = (".js", ".mjs", ".cjs", ".jsx")
_TS = (".ts", ".mts", ".cts", ".tsx")
_DATA = (".json", ".css", ".wasm", ".node")  # entries that load no JavaScript


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)  # every module reached, in the order reached
    packages: list[str] = field(default_factory=list)  # bare specifiers imported (`zod`, `@acme/x/y.js`), in order
    dynamic: bool = False  # some reached code loads a module whose name is computed, or could not be read


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
    leaves, stack = [], [value]
    while stack:  # a loop, not recursion: a hostile package.json may nest as deep as its parser allows
        item = stack.pop()
        if isinstance(item, str):
            leaves.append(item)
        elif isinstance(item, dict | list):
            stack.extend(reversed(list(item.values() if isinstance(item, dict) else item)))
    return leaves


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
                if isinstance(value, str) and (target := loader.locate(path, value)) is not None:
                    reached.append(target)  # a relative specifier, or a `#name` of the package's import map
                elif isinstance(value, str) and value.startswith("#"):
                    mapped = loader.subpaths(path, value)  # another package, or no file we can find: all may run
                    if mapped is not None and not mapped[1].startswith("."):
                        result.packages.append(mapped[1])
                    else:
                        result.dynamic = True
                elif isinstance(value, str) and not value.startswith("."):
                    result.packages.append(value)
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
    found = module.captures  # queries/loads.scm, run in the module's one pass (values.module.Module)
    specifiers = list(found.get("spec", []))
    files: list[Path] = []
    dynamic = False
    for arg in found.get("arg", []):
        if _literal(arg):
            specifiers.append(arg)
        elif (prefix := _prefix(module, arg)) is not None and prefix.startswith("."):
            under = os.path.normpath(module.path.parent / prefix)
            files += [f for f in module.loader.files if str(f).startswith(under)]
        else:
            dynamic = True
    return sorted(specifiers, key=lambda node: node.start_byte), files, dynamic  # two captures, merged


def imported_packages(module: Module) -> set[str]:
    """The packages (bare specifiers) the module imports, requires or loads: what its `_loads` names."""
    return {v for node in _loads(module)[0] if isinstance(v := module.value(node), str) and not v.startswith(".")}


def _mentioned(module: Module, pending: Counter[bytes], specifiers: set[int]) -> list[Path]:
    """Files not reached yet that a string of the module (not a specifier) names: `path.join(__dirname,
    "server.js")`, `${__dirname}/server.js`; relative to the module's folder or to any folder above it (the
    package root)."""
    loader, found = module.loader, []
    folders = [module.path.parent, *(p for p in module.path.parent.parents if p.is_relative_to(loader.root))]
    for node in captures("strings", grammar(module.path), module.root).get("str", []):
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
    while node.type == "binary_expression" and treesitter.text(node.child_by_field_name("operator")) == "+":
        left = node.child_by_field_name("left")  # `"./a/" + b + c` nests to the left: walk down, not recurse
        if left is None:
            return None
        if left.type == "string":
            value = module.value(left)
            return value if isinstance(value, str) else None
        if left.type == "template_string":
            return _prefix(module, left)
        node = left
    return None


def _literal(node: Node) -> bool:
    """A string, or a template without substitutions."""
    return node.type == "string" or (
        node.type == "template_string" and all(c.type != "template_substitution" for c in node.named_children)
    )


def dead_files(loader: Loader, judged: set[Path] | None = None) -> set[Path]:
    """JS files of the packages under the loader's root that their entry points never reach (see the module's
    docstring for when a package is left alone). TypeScript sources count only where the entry points run them;
    `.d.ts` files never do. ``judged``, when given, receives the files of the packages that were judged."""
    homes: dict[Path, Path | None] = {}
    packages: dict[Path, list[Path]] = {}
    for path in loader.files:
        if (home := _home(path.parent, loader.root, homes)) is not None:
            packages.setdefault(home, []).append(path)
    alive: set[Path] = set()
    verdicts: list[tuple[list[Path], tuple[str, ...]]] = []
    for folder, files in packages.items():
        package = read_package(folder)
        if package is None:  # unreadable: its entry points are unknown, so is what they reach
            continue
        starts, complete = entry_points(folder, package, loader)
        if not complete or not starts or len(files) < 2:
            continue
        walked = walk(loader, starts, scope=set(files))
        alive.update(walked.files)
        if not walked.dynamic:
            ran_ts = any(p.suffix in _TS and not p.name.endswith(".d.ts") for p in walked.files)
            verdicts.append((files, _JS + _TS if ran_ts else _JS))
    if judged is not None:
        judged.update(p for files, _ in verdicts for p in files)
    return {p for files, kinds in verdicts for p in files if p.suffix in kinds and not p.name.endswith(".d.ts")} - alive


def _home(folder: Path, root: Path, homes: dict[Path, Path | None]) -> Path | None:
    """The nearest folder at or above ``folder`` (within ``root``) holding a package.json."""
    climbed: list[Path] = []
    while folder not in homes:  # up the tree with a loop: an archive may nest folders deeply
        if (folder / "package.json").is_file():
            homes[folder] = folder
        elif folder != root and folder.is_relative_to(root):
            climbed.append(folder)
            folder = folder.parent
        else:
            homes[folder] = None
    for below in climbed:
        homes[below] = homes[folder]
    return homes[folder]
