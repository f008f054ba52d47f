"""Python values read statically with `ast`: constants, Enum members, literals, f-strings, `+` and the standard
library's text functions (`textwrap.dedent`, `str.strip`, ...) and text read from files the package ships
(python.shipped), in one module or across the local modules it imports.

A PyModule is one parsed file, a Project the local files of a tree parsed once each, so that a name imported
from a sibling module resolves to its value there, and a class name to the pydantic model it stands for (whose
schema, and every type hint's, schemas.py builds). Text is taken only from literals and constants; what
cannot be resolved is None (and the caller lowers its confidence), never a guess.
"""

import ast
import inspect
import textwrap
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler.extract.python.schemas import model_schema
from crawler.extract.python.shipped import shipped_text
from crawler.extract.python.syntax import MAX_DEPTH, Index, dotted, parse

_MODEL_BASES = {"BaseModel", "RootModel"}
_TEXT_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "textwrap.dedent": textwrap.dedent,
    "inspect.cleandoc": inspect.cleandoc,
}
_STR_METHODS = ("strip", "lstrip", "rstrip", "join", "startswith", "endswith")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


class PyModule:
    """One parsed file: its constants, functions, Enum and model classes, and what it imports from local files."""

    def __init__(self, tree: ast.Module, path: Path | None = None, project: "Project | None" = None) -> None:
        # the project keeps its modules: a module holds it weakly, so that no cycle waits for the garbage collector
        # (whose pass over a package's syntax trees, freed at the end, cost a fifth of Python extraction)
        self.path, self.project = path, (weakref.proxy(project) if project is not None else None)
        self.constants: dict[str, ast.expr] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self.enums: dict[str, list[Any]] = {}
        self.enum_members: dict[tuple[str, str], Any] = {}
        self.imports: dict[str, tuple[Path, str | None]] = {}  # local name -> (file, imported name or None)
        self.stdlib: dict[str, str] = {}  # local name -> its standard library name: `dedent` -> textwrap.dedent
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.constants[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self.constants[node.target.id] = node.value
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                self.classes[node.name] = node
                if any(dotted(b).endswith("Enum") for b in node.bases):
                    self._enum(node)
            elif isinstance(node, ast.ImportFrom | ast.Import):
                self._stdlib(node)
                if project is not None and path is not None:
                    self._import(node)

    def _enum(self, node: ast.ClassDef) -> None:
        for stmt in node.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                value = self.value(stmt.value)
                if value is not None:
                    self.enum_members[(node.name, stmt.targets[0].id)] = value
        self.enums[node.name] = [v for (cls, _), v in self.enum_members.items() if cls == node.name]

    def _stdlib(self, node: ast.ImportFrom | ast.Import) -> None:
        modules = {name.split(".")[0] for name in _TEXT_FUNCTIONS}
        if isinstance(node, ast.Import):
            self.stdlib |= {a.asname or a.name: a.name for a in node.names if a.name in modules}
        elif node.module in modules and not node.level:
            self.stdlib |= {a.asname or a.name: f"{node.module}.{a.name}" for a in node.names}

    def _text_call(self, node: ast.Call, depth: int) -> Any:
        """The standard library's text functions (`textwrap.dedent`, `inspect.cleandoc`) and `str`'s `strip`
        family and `join`, applied to what they are given when it is known: the very functions, run here."""
        name = dotted(node.func)
        head, _, rest = name.partition(".")
        function = _TEXT_FUNCTIONS.get(".".join(filter(None, (self.stdlib.get(head, ""), rest))))
        args = [self.value(a, depth + 1) for a in node.args]
        if function is not None and len(args) == 1 and isinstance(args[0], str) and not node.keywords:
            return function(args[0])
        if isinstance(node.func, ast.Attribute) and node.func.attr in _STR_METHODS and not node.keywords:
            owner = self.value(node.func.value, depth + 1)
            if isinstance(owner, str) and node.func.attr == "join":
                return owner.join(args[0]) if len(args) == 1 and _strings(args[0]) else None
            if isinstance(owner, str) and len(args) <= 1 and all(isinstance(a, str) for a in args):
                return getattr(owner, node.func.attr)(*args)
        return None

    def _import(self, node: ast.ImportFrom | ast.Import) -> None:
        assert self.project is not None and self.path is not None
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and (target := self.project.locate(self.path, alias.name, 0)):
                    self.imports[alias.asname] = (target, None)
            return
        for alias in node.names:
            submodule = self.project.locate(self.path, f"{node.module or ''}.{alias.name}".strip("."), node.level)
            if submodule is not None:  # `from . import models`
                self.imports[alias.asname or alias.name] = (submodule, None)
            elif (target := self.project.locate(self.path, node.module or "", node.level)) is not None:
                self.imports[alias.asname or alias.name] = (target, alias.name)

    def imported(self, name: str) -> "tuple[PyModule, str] | None":
        """The module and name a local name stands for, when imported from a local file."""
        if name not in self.imports or self.project is None:
            return None
        path, imported = self.imports[name]
        module = self.project.module(path)
        return (module, imported) if module is not None and imported is not None else None

    def submodule(self, name: str) -> "PyModule | None":
        """The local module a name stands for (`from . import handlers`, `import pkg.handlers as handlers`)."""
        if name not in self.imports or self.project is None or self.imports[name][1] is not None:
            return None
        return self.project.module(self.imports[name][0])

    def class_def(self, name: str, depth: int = 0) -> "tuple[PyModule, ast.ClassDef] | None":
        """A class by the name this module knows it by (`Args`, `models.Args`), here or in a local module."""
        if depth > MAX_DEPTH:  # modules that import a name from each other
            return None
        if "." in name:
            head, _, tail = name.rpartition(".")
            path = self.imports.get(head, (None, "x"))
            other = self.project.module(path[0]) if self.project is not None and path[1] is None and path[0] else None
            return other.class_def(tail, depth + 1) if other is not None else None
        if name in self.classes:
            return self, self.classes[name]
        found = self.imported(name)
        return found[0].class_def(found[1], depth + 1) if found is not None else None

    def model(self, name: str) -> "tuple[PyModule, ast.ClassDef] | None":
        """A pydantic model class by the name this module knows it by (`Args`, `models.Args`)."""
        found = self.class_def(name)
        return found if found is not None and found[0]._is_model(found[1], 0) else None

    def _is_model(self, node: ast.ClassDef, depth: int) -> bool:
        for base in node.bases:
            name = dotted(base).split(".")[-1]
            if name in _MODEL_BASES:
                return True
            if depth < MAX_DEPTH and (parent := self.model(dotted(base))) is not None:
                return parent[0]._is_model(parent[1], depth + 1)
        return False

    def value(self, node: ast.expr | None, depth: int = 0) -> Any:
        """A literal value, following constants (local and imported), f-strings and `+`; else None."""
        if node is None or depth > MAX_DEPTH:
            return None
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.constants:
                return self.value(self.constants[node.id], depth + 1)
            found = self.imported(node.id)
            return found[0].value(found[0].constants.get(found[1]), depth + 1) if found is not None else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.value(node.left, depth + 1), self.value(node.right, depth + 1)
            return left + right if isinstance(left, str) and isinstance(right, str) else None
        if isinstance(node, ast.JoinedStr):
            parts = []
            for piece in node.values:
                text = self.value(piece.value if isinstance(piece, ast.FormattedValue) else piece, depth + 1)
                if not isinstance(text, str | int | float):
                    return None
                parts.append(str(text))
            return "".join(parts)
        if isinstance(node, ast.Dict):  # an entry whose value cannot be read is left out (see `complete`)
            keys = [self.value(k, depth + 1) if k is not None else None for k in node.keys]
            values = [self.value(v, depth + 1) for v in node.values]
            if not all(isinstance(k, str) for k in keys):
                return None
            return {k: v for k, v, n in zip(keys, values, node.values, strict=True) if v is not None or _none(n)}
        if isinstance(node, ast.List | ast.Tuple):
            return [self.value(e, depth + 1) for e in node.elts]
        if isinstance(node, ast.Call) and dotted(node.func).split(".")[-1] in ("ToolAnnotations", "dict"):
            return {kw.arg: self.value(kw.value, depth + 1) for kw in node.keywords if kw.arg}
        if isinstance(node, ast.Call) and (schema := self._schema_call(node, depth + 1)) is not None:
            return schema[0]
        if isinstance(node, ast.Call):
            text = self._text_call(node, depth)
            if text is None and self.path is not None and self.project is not None:
                text = shipped_text(self, node, self.path, self.project.root)
            return text
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (other := self.submodule(node.value.id)) is not None:  # `limits.MAX` after `from . import limits`
            return other.value(other.constants.get(node.attr), depth + 1)
        if isinstance(node, ast.Attribute):  # Enum.MEMBER or Enum.MEMBER.value, the Enum here or imported
            member = node.value if node.attr == "value" else node
            if isinstance(member, ast.Attribute) and isinstance(member.value, ast.Name):
                if (member.value.id, member.attr) in self.enum_members:
                    return self.enum_members[(member.value.id, member.attr)]
                found = self.imported(member.value.id)
                return found[0].enum_members.get((found[1], member.attr)) if found is not None else None
        return None

    def _schema_call(self, node: ast.Call, depth: int) -> tuple[dict[str, Any], bool] | None:
        """`Model.model_json_schema()` (or pydantic 1's `Model.schema()`): the schema of the model it asks about,
        and whether it was fully read."""
        if not isinstance(node.func, ast.Attribute) or node.func.attr not in ("model_json_schema", "schema"):
            return None
        found = self.model(dotted(node.func.value))
        if found is None:
            return None
        return model_schema(*found, depth)

    def complete(self, node: ast.expr | None, depth: int = 0) -> bool:
        """Whether every value in a literal dict or list (a JSON Schema written out) could be read."""
        if depth > MAX_DEPTH:
            return False
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.complete(self.constants[node.id], depth + 1)
        if isinstance(node, ast.Dict):
            return all(self.complete(v, depth + 1) for v in node.values)
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.complete(e, depth + 1) for e in node.elts)
        if isinstance(node, ast.Call) and (schema := self._schema_call(node, 0)) is not None:
            return schema[1]
        return node is not None and (_none(node) or self.value(node) is not None)


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


class Project:
    """The local Python files of a tree, parsed once each on demand, so imports between them resolve."""

    def __init__(self, root: Path, files: list[Path], sources: dict[Path, bytes] | None = None) -> None:
        """``sources``: files' bytes read already, taken out as each file is parsed."""
        self.root, self.files = root, set(files)
        self._sources = {} if sources is None else sources
        self._modules: dict[Path, PyModule | None] = {}
        self._trees: dict[Path, ast.Module | None] = {}
        self._indexes: dict[Path, Index | None] = {}
        self._by_dotted: dict[str, Path] | None = None

    def tree(self, path: Path) -> ast.Module | None:
        if path not in self._trees:
            self._trees[path] = parse(path, self._sources.pop(path, None))
        return self._trees[path]

    def index(self, path: Path) -> Index | None:
        """The module's nodes, walked once and kept for every pattern that reads them."""
        if path not in self._indexes:
            tree = self.tree(path)
            self._indexes[path] = Index(tree) if tree is not None else None
        return self._indexes[path]

    def module(self, path: Path) -> PyModule | None:
        if path not in self._modules:
            self._modules[path] = None  # a module importing itself (or a cycle) stops here
            tree = self.tree(path)
            self._modules[path] = PyModule(tree, path, self) if tree is not None else None
        return self._modules[path]

    def locate(self, importer: Path, dotted_name: str, level: int) -> Path | None:
        """The local file an import names: relative to the importer, or any scanned file the dotted path ends."""
        parts = [p for p in dotted_name.split(".") if p]
        if level:
            base = importer.parent
            for _ in range(level - 1):
                base = base.parent
            candidates = [base.joinpath(*parts).with_suffix(".py")] if parts else []  # `from . import x`: the
            candidates.append(base.joinpath(*parts, "__init__.py"))  # package's own `__init__.py` holds x
            return next((c for c in candidates if c in self.files), None)
        if self._by_dotted is None:  # every dotted tail of every file: `pkg.models`, `models`, ...
            self._by_dotted = {}
            top = len(self.root.parts)  # every file lies under the root: its parts past the root's are its own
            for path in sorted(self.files, key=_parts):  # pathlib's own order, without a Python call per comparison
                names = [*path.parts[top:-1], path.stem]
                names = names[:-1] if names[-1] == "__init__" else names
                names = [self.root.name, *names]  # the root may be the package itself: `pkg.models` from pkg/
                for start in range(len(names)):
                    self._by_dotted.setdefault(".".join(names[start:]), path)
        return self._by_dotted.get(".".join(parts)) if parts else None
