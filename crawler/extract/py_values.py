"""Python values and types read statically with `ast`: constants, Enum members, type hints as JSON Schema, and
pydantic models, in one module or across the local modules it imports.

Type hints become schemas the way FastMCP and pydantic build them: `Literal` and Enum classes give enums,
`Annotated[..., Field(description=...)]` describes, a `BaseModel` subclass is an object whose fields carry their
`Field(description=..., default=...)`, required unless given a default. Text is taken only from literals and
constants; what cannot be resolved is None (and the caller lowers its confidence), never a guess.
"""

import ast
import inspect
from pathlib import Path
from typing import Any

_TYPES = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "dict": "object",
    "list": "array",
    "tuple": "array",
    "set": "array",
    "bytes": "string",
    "Any": None,
}
_URL = {"type": "string", "format": "uri", "minLength": 1}  # pydantic's schema for its URL types
_FORMATS: dict[str, dict[str, Any]] = {
    "AnyUrl": _URL,
    "HttpUrl": _URL | {"maxLength": 2083},
    "AnyHttpUrl": _URL,
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "time": {"type": "string", "format": "time"},
    "UUID": {"type": "string", "format": "uuid"},
    "Path": {"type": "string", "format": "path"},
    "EmailStr": {"type": "string", "format": "email"},
}
_MODEL_BASES = {"BaseModel", "RootModel"}
MAX_DEPTH = 10


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return dotted(node.func)
    return ""


class PyModule:
    """One parsed file: its constants, functions, Enum and model classes, and what it imports from local files."""

    def __init__(self, tree: ast.Module, path: Path | None = None, project: "Project | None" = None) -> None:
        self.path, self.project = path, project
        self.constants: dict[str, ast.expr] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self.enums: dict[str, list[Any]] = {}
        self.enum_members: dict[tuple[str, str], Any] = {}
        self.imports: dict[str, tuple[Path, str | None]] = {}  # local name -> (file, imported name or None)
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
            elif isinstance(node, ast.ImportFrom | ast.Import) and project is not None and path is not None:
                self._import(node)

    def _enum(self, node: ast.ClassDef) -> None:
        for stmt in node.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                value = self.value(stmt.value)
                if value is not None:
                    self.enum_members[(node.name, stmt.targets[0].id)] = value
        self.enums[node.name] = [v for (cls, _), v in self.enum_members.items() if cls == node.name]

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

    def _imported(self, name: str) -> "tuple[PyModule, str] | None":
        """The module and name a local name stands for, when imported from a local file."""
        if name not in self.imports or self.project is None:
            return None
        path, imported = self.imports[name]
        module = self.project.module(path)
        return (module, imported) if module is not None and imported is not None else None

    def model(self, name: str) -> "tuple[PyModule, ast.ClassDef] | None":
        """A pydantic model class by the name this module knows it by (`Args`, `models.Args`)."""
        if "." in name:
            head, _, tail = name.rpartition(".")
            path = self.imports.get(head, (None, "x"))
            other = self.project.module(path[0]) if self.project is not None and path[1] is None and path[0] else None
            return other.model(tail) if other is not None else None
        if name in self.classes and self._is_model(self.classes[name], 0):
            return self, self.classes[name]
        found = self._imported(name)
        return found[0].model(found[1]) if found is not None else None

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
            found = self._imported(node.id)
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
        if isinstance(node, ast.Call) and (found := self._schema_call(node)) is not None:
            return model_schema(*found, depth + 1)[0]
        if isinstance(node, ast.Attribute):  # Enum.MEMBER or Enum.MEMBER.value
            member = node.value if node.attr == "value" else node
            if isinstance(member, ast.Attribute) and isinstance(member.value, ast.Name):
                return self.enum_members.get((member.value.id, member.attr))
        return None

    def _schema_call(self, node: ast.Call) -> "tuple[PyModule, ast.ClassDef] | None":
        """`Model.model_json_schema()` (or pydantic 1's `Model.schema()`): the model it asks about."""
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("model_json_schema", "schema"):
            return self.model(dotted(node.func.value))
        return None

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
        if isinstance(node, ast.Call) and (found := self._schema_call(node)) is not None:
            return model_schema(*found)[1]
        return node is not None and (_none(node) or self.value(node) is not None)

    def type_schema(self, node: ast.expr | None, depth: int = 0) -> tuple[dict[str, Any], bool]:
        """A JSON Schema for a type hint, and whether it was fully understood."""
        if node is None or depth > MAX_DEPTH:
            return {}, node is None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
            parts = [p for p in (node.left, node.right) if not (isinstance(p, ast.Constant) and p.value is None)]
            return self.type_schema(parts[0], depth + 1) if len(parts) == 1 else ({}, False)
        if isinstance(node, ast.Subscript):
            return self._generic(node, depth)
        name = dotted(node)
        short = name.split(".")[-1]
        if short in self.enums:
            values = self.enums[short]
            return {"enum": values, "type": json_type(values[0]) if values else None}, True
        if short in _TYPES:
            kind = _TYPES[short]
            return ({"type": kind} if kind else {}), True
        if short in _FORMATS:
            return dict(_FORMATS[short]), True
        if (found := self.model(name)) is not None:
            return model_schema(*found, depth + 1)
        return {}, False

    def _generic(self, node: ast.Subscript, depth: int) -> tuple[dict[str, Any], bool]:
        base = dotted(node.value).split(".")[-1]
        inner = node.slice
        if base == "Optional":
            return self.type_schema(inner, depth + 1)
        if base == "Literal":
            values = [self.value(e) for e in (inner.elts if isinstance(inner, ast.Tuple) else [inner])]
            return {"enum": values, "type": json_type(values[0]) if values else None}, True
        if base == "Annotated" and isinstance(inner, ast.Tuple) and inner.elts:
            prop, known = self.type_schema(inner.elts[0], depth + 1)
            for extra in inner.elts[1:]:
                if isinstance(extra, ast.Call) and dotted(extra.func).endswith("Field"):
                    for kw in extra.keywords:
                        if kw.arg == "description" and isinstance(text := self.value(kw.value), str):
                            prop["description"] = text
            return prop, known
        if base in ("list", "List", "Sequence", "set", "tuple"):
            items, known = self.type_schema(inner if not isinstance(inner, ast.Tuple) else inner.elts[0], depth + 1)
            return {"type": "array", "items": items}, known
        if base in ("dict", "Dict", "Mapping"):
            return {"type": "object"}, True
        return {}, False


def json_type(value: Any) -> str | None:
    return {str: "string", bool: "boolean", int: "integer", float: "number"}.get(type(value))


def model_schema(module: PyModule, cls: ast.ClassDef, depth: int = 0) -> tuple[dict[str, Any], bool]:
    """What pydantic's `model_json_schema()` says of a model: fields (inherited first), titles, required; and
    whether every field's type and text could be read."""
    props: dict[str, Any] = {}
    required: list[str] = []
    complete = True
    for base in cls.bases:
        if depth < MAX_DEPTH and (parent := module.model(dotted(base))) is not None:
            inherited, known = model_schema(*parent, depth + 1)
            props.update(inherited["properties"])
            required += inherited.get("required", [])
            complete &= known
    for stmt in cls.body:
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        name = stmt.target.id
        hint = stmt.annotation.value if isinstance(stmt.annotation, ast.Subscript) else stmt.annotation
        if name.startswith("_") or name == "model_config" or dotted(hint).endswith("ClassVar"):
            continue
        prop, known = module.type_schema(stmt.annotation, depth + 1)
        prop, complete = dict(prop), complete and known
        optional = stmt.value is not None
        if isinstance(stmt.value, ast.Call) and dotted(stmt.value.func).endswith("Field"):
            options = {kw.arg: kw.value for kw in stmt.value.keywords if kw.arg}
            first = stmt.value.args[0] if stmt.value.args else options.get("default")
            if isinstance(description := module.value(options.get("description")), str):
                prop["description"] = description
            complete &= "description" not in options or isinstance(description, str)
            optional = "default_factory" in options or (first is not None and not _ellipsis(first))
            if first is not None and not _ellipsis(first):
                prop["default"] = module.value(first)
        elif stmt.value is not None:
            prop["default"] = module.value(stmt.value)
        prop.setdefault("title", name.replace("_", " ").title())
        props[name] = prop
        if not optional:
            required.append(name)
    schema: dict[str, Any] = {"type": "object", "properties": props, "title": cls.name}
    if doc := ast.get_docstring(cls, clean=False):
        schema["description"] = inspect.cleandoc(doc)
    return schema | ({"required": required} if required else {}), complete


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _ellipsis(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


class Project:
    """The local Python files of a tree, parsed once each on demand, so imports between them resolve."""

    def __init__(self, root: Path, files: list[Path]) -> None:
        self.root, self.files = root, set(files)
        self._modules: dict[Path, PyModule | None] = {}
        self._trees: dict[Path, ast.Module | None] = {}
        self._by_dotted: dict[str, Path] | None = None

    def tree(self, path: Path) -> ast.Module | None:
        if path not in self._trees:
            try:
                self._trees[path] = ast.parse(path.read_bytes(), filename=str(path))
            except (SyntaxError, ValueError, RecursionError, MemoryError, OSError):
                self._trees[path] = None  # a syntax error costs this file only
        return self._trees[path]

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
            candidates = [base.joinpath(*parts).with_suffix(".py"), base.joinpath(*parts, "__init__.py")]
            return next((c for c in candidates if parts and c in self.files), None)
        if self._by_dotted is None:  # every dotted tail of every file: `pkg.models`, `models`, ...
            self._by_dotted = {}
            for path in sorted(self.files):
                names = list(path.relative_to(self.root).with_suffix("").parts)
                names = names[:-1] if names[-1] == "__init__" else names
                names = [self.root.name, *names]  # the root may be the package itself: `pkg.models` from pkg/
                for start in range(len(names)):
                    self._by_dotted.setdefault(".".join(names[start:]), path)
        return self._by_dotted.get(".".join(parts)) if parts else None
