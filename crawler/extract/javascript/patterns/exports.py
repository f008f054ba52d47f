"""Tool objects a module exports and nothing imports: `export const getConstraintsTool = {name: "pg_get_constraints",
inputSchema, ...}` left in a compiled `build/tools/constraints.js` after the server moved to one meta-tool per
family. The file is reached (it exports the meta-tool the server registers), so reach.reachability keeps it, and the
binding is exported, so reach.bindings leaves it alone; yet no code ever reads it.

A tool object counts as unimported, conservatively (a real tool lost is worse than an extra one), when:
- its file belongs to a package whose entry points reachability could follow (where it leaves a package alone, for
  an unreadable entry or modules loaded by computed names, so does this);
- its file is not an entry point of its package (`main`, `exports`: what it exports is the package's API, for
  another package to import);
- it is held by a top-level `export const/let/var X = ...` (through objects, arrays, the first argument of a plain
  call such as `defineTool({...})`);
- the word `X` occurs once in every JavaScript and TypeScript file under the root together (`.d.ts` files, which
  only repeat declarations, left out): at its declaration;
- and no file loads the module whole, where its exports could be iterated without being named: `import * as ns
  from`, `export * from`, `require(...)` or `import(...)` of a specifier ending in the module's name; a
  `require`/`import()` of a computed name (`require("./plugins/" + name)`) may load any module, and then no
  export is judged.
The words are counted once per extraction, lazily, by one regular expression over the files' bytes.
"""

import re
from collections import Counter
from pathlib import Path

from tree_sitter import Node

from crawler.extract.javascript.reach.bindings import holder
from crawler.extract.javascript.reach.reachability import entry_points
from crawler.extract.javascript.values.module import Loader
from crawler.extract.javascript.values.subpaths import read_package

_WORD = re.compile(rb"[A-Za-z_$][\w$]*")
_WHOLE = re.compile(
    rb"(?:import\s*\*\s*as\s+[\w$]+\s*from|export\s*\*\s*(?:as\s+[\w$]+\s*)?from)\s*['\"]([^'\"]+)['\"]"
)
_LOAD = re.compile(rb"(?<![\w$.])(?:require|import)\s*\(\s*([^)]{0,300})")
_LITERAL = re.compile(rb"(['\"`])([^'\"`$]*)\1\s*")
_DECLARATIONS = ("lexical_declaration", "variable_declaration")


class UnimportedExports:
    """Tells whether a tool object is held by an export nothing imports (see the module's docstring)."""

    def __init__(self, loader: Loader, judged: set[Path]) -> None:
        self.loader, self.judged = loader, judged
        self._words: Counter[bytes] | None = None
        self._whole: set[str] = set()
        self._entries: set[Path] | None = None
        self._computed = False  # some file loads a module by a computed name

    def __call__(self, node: Node, path: Path) -> bool:
        name = _exported(node) if path in self.judged else None
        if name is None or not name.text or path in self._entry_points():
            return False
        if self._words is None:
            self._count()
        assert self._words is not None
        if self._computed or self._words[name.text] > 1:
            return False
        names = {path.stem, path.name} | ({path.parent.name} if path.stem == "index" else set())
        return not names & self._whole

    def _entry_points(self) -> set[Path]:
        if self._entries is None:
            self._entries = set()
            root = self.loader.root
            homes = {folder for path in self.judged for folder in path.parents if folder.is_relative_to(root)}
            for folder in homes:
                if (package := read_package(folder)) is not None:
                    self._entries.update(entry_points(folder, package, self.loader)[0])
        return self._entries

    def _count(self) -> None:
        words: Counter[bytes] = Counter()
        for path in self.loader.files:
            if path.name.endswith((".d.ts", ".d.mts", ".d.cts")):
                continue
            try:
                source = path.read_bytes()
            except OSError:
                continue
            words.update(_WORD.findall(source))
            specs = _WHOLE.findall(source)
            for argument in _LOAD.findall(source):
                literal = _LITERAL.fullmatch(argument)
                if literal is None:
                    self._computed = True
                else:
                    specs.append(literal.group(2))
            for spec in specs:
                tail = spec.decode("utf-8", "replace").rstrip("/").rsplit("/", 1)[-1]
                self._whole |= {tail, tail.rsplit(".", 1)[0]}
        self._words = words


def _exported(node: Node) -> Node | None:
    """The name of the top-level `export const/let/var` whose value holds ``node``; None for anything else."""
    held = holder(node)
    if held is None:
        return None
    name, declaration = held
    export = declaration.parent if declaration.type in _DECLARATIONS else None
    top = export is not None and export.type == "export_statement" and export.parent is not None
    return name if top and export.parent.type == "program" else None
