"""Evaluating JavaScript and TypeScript literals from a tree-sitter tree, without running any code.

Strings, template literals, numbers, objects and arrays (values.literals), properties read off them
(values.properties), operators (values.operators: `+`, ternaries, `||`, `process.env`), tables walked with
`Object.entries` or read by key (values.tables), constants of the same file and of local modules it imports
(values.bindings: ESM `import`, CommonJS `require` and tsc's `exports.X =`), TypeScript enums (values.enums), and zod
schemas (`z.string().describe(...).optional()`) turned into JSON Schema (values.zod). What cannot be resolved is
UNRESOLVED: a caller never invents text. ``Loader`` parses a package's local modules, each once, as they are reached.
"""

import weakref
from pathlib import Path
from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, captures, grammar, parse, prefilter, string, text
from crawler.extract.javascript.values.bindings import EXPORTS, top_level
from crawler.extract.javascript.values.builders import built_call
from crawler.extract.javascript.values.dedent import dedented
from crawler.extract.javascript.values.enums import members
from crawler.extract.javascript.values.inline import inline_call
from crawler.extract.javascript.values.literals import array_value, joined, number_value, object_value, template_value
from crawler.extract.javascript.values.operators import operator_value
from crawler.extract.javascript.values.params import parameter_value
from crawler.extract.javascript.values.properties import property_value
from crawler.extract.javascript.values.subpaths import Subpaths
from crawler.extract.javascript.values.tables import TEXT_METHODS, entry, walked
from crawler.extract.javascript.values.translations import LOOKUPS, translated
from crawler.extract.javascript.values.zod import zod_schema

MAX_DEPTH = 40
# the methods values.tables (`Object.entries(...)`, `.flat()`, `.concat(...)`, `.map`, `.filter`) and
# values.literals.joined read
_READ_ELSEWHERE = ("flat", "concat", "map", "filter", "entries", "keys", "values", "join", *TEXT_METHODS)


class Module:
    """One file's top-level bindings, and the local modules it imports. A module holds its loader weakly (the
    loader keeps its modules, and lives as long as they are read): without the cycle, a package's modules and
    syntax trees are freed the moment its extraction ends, not by the garbage collector's pass over every node
    (which cost a tenth of TypeScript extraction)."""

    def __init__(self, path: Path, root: Node, loader: "Loader") -> None:
        self.path, self.loader, self.root = path, weakref.proxy(loader), root
        self.grammar = grammar(path)
        # the one pass of queries over the file: queries/module.scm for this class, those the loader was asked to
        # run for its callers (queries/tools.scm for patterns.tools), and queries/loads.scm for reach (what the file
        # imports): in the same pass it costs next to nothing, in a pass of its own half a parse
        self.captures = captures(("module", *loader.queries, "loads"), self.grammar, root)
        self.scopes: list[dict[str, Any]] = []
        self.bindings, self.functions, self.imports = top_level(path, self.captures.pop("module", []), self.loader)

    def function(self, name: str) -> "tuple[Module, Node] | None":
        """The module and node of the function ``name`` stands for here: declared, a const arrow, or imported (the
        imports followed in a loop that stops where it has been: modules may import a name from each other)."""
        module: Module | None = self
        seen: set[tuple[Path, str]] = set()
        while module is not None and (module.path, name) not in seen:
            seen.add((module.path, name))
            if name in module.functions:
                return module, module.functions[name]
            bound = module.bindings.get(name)
            if bound is not None and bound.type in ("arrow_function", "function_expression"):
                return module, bound
            if name not in module.imports or module.imports[name][1] == "*":
                return None
            path, name = module.imports[name]
            module = module.loader.module(path)
        return None

    def lookup(self, name: str, depth: int) -> Any:
        for scope in reversed(self.scopes):  # loop variables while a loop over a literal list is unrolled
            if name in scope:
                return scope[name]
        if name in self.bindings:
            return self.value(self.bindings[name], depth + 1)
        if name in self.imports:
            path, exported = self.imports[name]
            module = self.loader.module(path)
            if module is not None and exported != "*":
                return module.lookup(exported, depth + 1)
            if module is not None and EXPORTS in module.bindings:  # `const tool = require("./tool")`
                return module.lookup(EXPORTS, depth + 1)
        return UNRESOLVED

    def value(self, node: Node | None, depth: int = 0) -> Any:
        if node is None or depth > MAX_DEPTH:
            return UNRESOLVED
        kind = node.type
        # the kinds most often asked first (every link of a zod chain is a call; each kind returns, so the order of
        # the tests changes no answer, only how many a node goes through)
        if kind == "string":
            return string(node)
        if kind == "call_expression":
            callee, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
            method = callee is not None and callee.type == "member_expression"
            # the name called, read once: every link of every zod chain comes here, and asks it up to three times
            called = text(callee.child_by_field_name("property") if method else callee)
            if called in LOOKUPS and (default := translated(self, node, depth)) is not None:  # `i18n.t(KEY, text)`
                return default
            if method and args is not None and args.type == "arguments" and called not in _READ_ELSEWHERE:
                # a method call that neither a table walk nor a join is: only zod's can be read (the same answer as
                # below, without asking those readers first)
                return zod_schema(self, node, depth)
            if (table := walked(self, node, depth)) is not None:
                return table
            if (required := self._required(node, depth)) is not None:
                return required
            if method and args is not None and args.type == "arguments" and called != "join":
                # `z.string()`, `.describe(...)`: a method call can be nothing the helpers below read but zod's
                return zod_schema(self, node, depth)
            joined_text = joined(self, node, depth)
            if joined_text is not UNRESOLVED:
                return joined_text
            if (enum := members(self, node, depth)) is not None:
                return enum
            if (dedented_text := dedented(self, node, depth)) is not None:
                return dedented_text
            inlined = inline_call(self, node, depth)
            if inlined is not UNRESOLVED:
                return inlined
            built = built_call(self, node, depth)
            if built is not UNRESOLVED:
                return built
            return zod_schema(self, node, depth)
        if kind == "object":
            return object_value(self, node, depth)
        if kind == "template_string":
            return template_value(self, node, depth)
        if kind == "number":
            return number_value(node)
        if kind in ("true", "false"):
            return kind == "true"
        if kind in ("null", "undefined"):
            return None
        if kind in ("parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"):
            return self.value(node.named_children[0] if node.named_children else None, depth + 1)
        if kind == "identifier":
            found = self.lookup(text(node), depth)
            return parameter_value(self, node, depth) if found is UNRESOLVED else found
        if kind in ("binary_expression", "ternary_expression", "unary_expression"):
            return operator_value(self, node, depth)
        if kind == "array":
            return array_value(self, node, depth)
        if kind == "member_expression":
            return property_value(self, node, depth)
        if kind == "enum_declaration":
            return members(self, node, depth)
        if kind == "subscript_expression":
            return entry(self, node, depth)
        return UNRESOLVED

    def _required(self, node: Node, depth: int) -> Any:
        """`require("./tool")` as a value: the local module's `module.exports`; None for another call."""
        if (node.child_by_field_name("function") or node).text != b"require":  # bytes: no decoding of every callee
            return None
        args = node.child_by_field_name("arguments")
        spec = args.named_children[0] if args is not None and args.named_children else None
        target = self.loader.locate(self.path, string(spec)) if spec is not None and spec.type == "string" else None
        module = self.loader.module(target) if target is not None else None
        return module.lookup(EXPORTS, depth + 1) if module is not None else UNRESOLVED


class Loader:
    """Parses local modules on demand (once each), so constants imported from them resolve: a file is parsed when
    its tools are read (and only if ``may_match`` says the queries may find some) or when a module reaches it."""

    def __init__(
        self, root: Path, files: list[Path], queries: tuple[str, ...] = (), sources: dict[Path, bytes] | None = None
    ) -> None:
        self.root = root
        self.files = dict.fromkeys(files)  # ordered as walked: what iterates it (a dynamic import's folder) is stable
        self.queries = queries  # run on each module with its own, in the same pass: see Module.captures
        self.subpaths = Subpaths(root)  # `#tools/index`: package.json's own import map
        self._modules: dict[Path, Module | None] = {}
        # files' bytes read already (by the walk, or by may_match), each taken out when the file is parsed
        self._sources: dict[Path, bytes] = {} if sources is None else sources

    def may_match(self, path: Path) -> bool:
        """Whether the loader's queries may match in the file: whether its bytes pass their prefilter (read off
        the queries' own predicates). A file that cannot be read is left to ``module``."""
        if path in self._modules or not self.queries:
            return True
        try:
            source = self._sources.get(path) or path.read_bytes()
        except OSError:
            return True
        if not prefilter(self.queries, grammar(path)).passes(source):
            self._sources.pop(path, None)
            return False
        self._sources[path] = source
        return True

    def locate(self, importer: Path, spec: str) -> Path | None:
        if spec.startswith("#"):
            mapped = self.subpaths(importer, spec)
            return self.locate(mapped[0] / "package.json", mapped[1]) if mapped and mapped[1][:2] == "./" else None
        if not spec.startswith("."):
            return None
        base = (importer.parent / spec).resolve()
        candidates = [
            base,
            base.with_suffix(".ts"),
            base.with_suffix(".js"),
            Path(f"{base}.ts"),
            Path(f"{base}.js"),
            Path(f"{base}.mjs"),
            base / "index.ts",
            base / "index.js",
        ]
        if base.suffix == ".js":
            candidates.insert(0, base.with_suffix(".ts"))
        return next((c for c in candidates if c in self.files), None)

    def parsed(self) -> list[Module]:
        """The modules parsed so far: once reach.reachability has walked, every module an entry point reaches."""
        return [module for module in self._modules.values() if module is not None]

    def module(self, path: Path) -> Module | None:
        if path not in self._modules:
            tree = parse(path, self._sources.pop(path, None))
            self._modules[path] = Module(path, tree.root_node, self) if tree is not None else None
        return self._modules[path]
