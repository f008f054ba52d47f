"""Evaluating Go constants and literals from tree-sitter trees, package by package, without running any code.

A Go package is a folder: constants, variables, functions, methods and struct types of every file in it are
visible to each other, and a local package it imports (`tools.ToolName`) is found by folder. Strings (both
quotings, `+`), numbers, booleans, `ptr(x)`-style helpers, map/slice/struct literals and translation wrappers
(`t("KEY", "default text")`: the default is what an English client sees) are resolved; anything else is
UNRESOLVED, so a caller never invents text.
"""

import codecs
import re
from typing import Any

from tree_sitter import Node

from crawler.extract.go.syntax import Shape, assignments
from crawler.extract.treesitter import text

UNRESOLVED = object()
MAX_DEPTH = 30
_STDLIB = {"fmt", "strings", "errors", "filepath", "path", "os", "url", "regexp", "strconv", "bytes", "json"}
_CONVERSIONS = ("json.RawMessage", "string", "[]byte")
_SPECIAL = re.compile(rb"[\\\r\n`\"]")  # an escape, a carriage return, a quote: the children must be read
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"'}


def go_string(node: Node) -> str:
    raw = node.text or b""
    quote = b"`" if node.type == "raw_string_literal" else b'"'
    if len(raw) >= 2 and raw[:1] == raw[-1:] == quote and not _SPECIAL.search(raw, 1, len(raw) - 1):
        return raw[1:-1].decode("utf-8", "replace")  # plain text between the quotes: no child to visit
    if node.type == "raw_string_literal":
        return "".join(text(c) for c in node.named_children).replace("\r", "")
    parts = []
    for child in node.named_children:
        raw = text(child)
        if child.type != "escape_sequence":
            parts.append(raw)
        elif raw[1:] in _ESCAPES:
            parts.append(_ESCAPES[raw[1:]])
        else:
            try:
                parts.append(codecs.decode(raw, "unicode_escape"))
            except UnicodeDecodeError:
                parts.append(raw)
    return "".join(parts)


def tag_value(tag: str, key: str) -> str | None:
    """One key of a struct tag (`json:"name,omitempty" jsonschema:"..."`), the way reflect.StructTag reads it."""
    rest = tag
    while rest.strip():
        rest = rest.lstrip()
        colon = rest.find(':"')
        if colon <= 0:
            return None
        name, rest = rest[:colon], rest[colon + 2 :]
        end, escaped = 0, False
        while end < len(rest) and (escaped or rest[end] != '"'):
            escaped = rest[end] == "\\" and not escaped
            end += 1
        value, rest = rest[:end], rest[end + 1 :]
        if name == key:
            return codecs.decode(value, "unicode_escape") if "\\" in value else value
    return None


class GoStruct(dict):
    """A struct literal's fields by their Go names (`Type`, `Description`), told apart from a map's keys."""


def _assigned(node: Node) -> list[tuple[Node, Node]]:
    """(name, value) pairs a `:=` or `var` declaration binds."""
    if node.type == "short_var_declaration":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    elif node.type == "var_spec":
        values = node.child_by_field_name("value")
        return list(zip(node.children_by_field_name("name"), values.named_children if values else [], strict=False))
    else:
        return []
    if left is None or right is None:
        return []
    return list(zip(left.named_children, right.named_children, strict=False))


def _top_level(node: Node) -> Node | None:
    """The declaration of its file that ``node`` is written in (a child of the file's root)."""
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node if node.parent is not None else None


class Package:
    """The top-level declarations of one Go package (one folder), and the local packages it imports."""

    def __init__(self, files: list[tuple[Node, list[Shape]]], packages: dict[str, "Package"]) -> None:
        """``files``: each file's root and the shapes found in it (syntax.file_shapes)."""
        self.packages = packages  # every package of the tree, by folder relative to its root
        self.bindings: dict[str, Node] = {}
        self.functions: dict[str, Node] = {}  # functions and methods by name
        self.structs: dict[str, Node] = {}
        self.imports: dict[str, str] = {}  # alias -> import path
        self._scopes: dict[Node, list[tuple[int, str, Node]]] = {}  # a function -> what its body binds, in order
        for root, found in files:
            for node in root.named_children:
                self._declare(node)
            for kind, spec, _ in found:
                top = _top_level(spec)
                if kind == "binding" and top is not None and top.type in ("const_declaration", "var_declaration"):
                    names = spec.children_by_field_name("name")
                    value = spec.child_by_field_name("value")
                    values = value.named_children if value is not None else []
                    for name, expr in zip(names, values, strict=False):
                        self.bindings.setdefault(text(name), expr)
                elif kind == "import" and top is not None and top.type == "import_declaration":
                    self._import(spec)

    def _import(self, spec: Node) -> None:
        if (path := spec.child_by_field_name("path")) is not None:
            target = go_string(path)
            alias = spec.child_by_field_name("name")
            self.imports[text(alias) if alias is not None else target.rsplit("/", 1)[-1]] = target

    def local_binding(self, node: Node, name: str) -> Node | None:
        """The value last given to ``name`` before ``node`` in the functions around it (`x := ...`, `var x = ...`),
        innermost function first."""
        scope = node.parent
        while scope is not None:
            if scope.type in ("function_declaration", "method_declaration", "func_literal"):
                found = None
                for start, target, value in self._bindings_in(scope):
                    if start >= node.start_byte:
                        break
                    if target == name:
                        found = value
                if found is not None:
                    return found
            scope = scope.parent
        return None

    def _bindings_in(self, scope: Node) -> list[tuple[int, str, Node]]:
        """What a function's body binds, in source order, read once per function (assignments.scm)."""
        if scope not in self._scopes:
            found = assignments(scope)
            self._scopes[scope] = [
                (node.start_byte, text(target), value) for _, node, _ in found for target, value in _assigned(node)
            ]
        return self._scopes[scope]

    def _declare(self, node: Node) -> None:
        if node.type in ("function_declaration", "method_declaration"):
            self.functions.setdefault(text(node.child_by_field_name("name")), node)
        elif node.type == "type_declaration":
            for spec in node.named_children:
                kind = spec.child_by_field_name("type")
                if spec.type == "type_spec" and kind is not None and kind.type == "struct_type":
                    self.structs[text(spec.child_by_field_name("name"))] = kind

    def imported(self, alias: str) -> "Package | None":
        """A local package by its import path: the scanned folder the import path ends with (longest wins)."""
        target = self.imports.get(alias)
        if target is None:
            return None
        matches = [rel for rel in self.packages if rel and (target == rel or target.endswith("/" + rel))]
        return self.packages[max(matches, key=len)] if matches else None

    def value(self, node: Node | None, depth: int = 0) -> Any:
        if node is None or depth > MAX_DEPTH:
            return UNRESOLVED
        kind = node.type
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            return go_string(node)
        if kind == "int_literal":
            try:
                return int(text(node).replace("_", ""), 0)
            except ValueError:
                return UNRESOLVED
        if kind == "float_literal":
            try:
                return float(text(node).replace("_", ""))
            except ValueError:
                return UNRESOLVED
        if kind in ("true", "false"):
            return kind == "true"
        if kind == "nil":
            return None
        if kind == "identifier":
            name = text(node)
            if (local := self.local_binding(node, name)) is not None:
                return self.value(local, depth + 1)
            return self.value(self.bindings[name], depth + 1) if name in self.bindings else UNRESOLVED
        if kind in ("parenthesized_expression", "literal_element"):
            return self.value(node.named_children[0] if node.named_children else None, depth + 1)
        if kind == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
            return self.value(node.child_by_field_name("operand"), depth + 1)
        if kind == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
            left = self.value(node.child_by_field_name("left"), depth + 1)
            right = self.value(node.child_by_field_name("right"), depth + 1)
            if isinstance(left, str) and isinstance(right, str):
                return left + right
            if isinstance(left, int | float) and isinstance(right, int | float):
                return left + right
            return UNRESOLVED
        if kind == "selector_expression":
            operand = node.child_by_field_name("operand")
            other = self.imported(text(operand)) if operand is not None and operand.type == "identifier" else None
            if other is not None:
                return other.value(other.bindings.get(text(node.child_by_field_name("field"))), depth + 1)
            return UNRESOLVED
        if kind == "composite_literal":
            value = self.value(node.child_by_field_name("body"), depth + 1)
            kind_node = node.child_by_field_name("type")
            if value == [] and kind_node is not None and kind_node.type not in ("slice_type", "array_type"):
                return {} if kind_node.type == "map_type" else GoStruct()  # `T{}`: empty, but not a list
            return value
        if kind == "literal_value":
            return self._literal(node, depth)
        if kind == "call_expression":
            return self._call(node, depth)
        return UNRESOLVED

    def _literal(self, node: Node, depth: int) -> Any:
        """`{"a": 1}` is a map, `{Name: "x"}` a struct (field names kept as written), `{"a", "b"}` a slice."""
        elements = [c for c in node.named_children if c.type != "comment"]
        if not elements or any(c.type != "keyed_element" for c in elements):
            return [self.value(c, depth + 1) for c in elements]
        keys = [e.named_children[0] for e in elements]
        keys = [k.named_children[0] if k.named_children else k for k in keys]
        struct = all(k.type in ("identifier", "field_identifier") for k in keys)
        out: dict[str, Any] = GoStruct() if struct else {}
        for element, key_node in zip(elements, keys, strict=True):
            key = text(key_node) if struct else self.value(key_node, depth + 1)
            if isinstance(key, str):
                out[key] = self.value(element.named_children[-1], depth + 1)
        return out

    def _call(self, node: Node, depth: int) -> Any:
        function = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
        values = [self.value(a, depth + 1) for a in args]
        selector = function is not None and function.type == "selector_expression"
        owner = text(function.child_by_field_name("operand")) if selector else ""
        conversion = function is not None and function.type != "func_literal" and text(function) in _CONVERSIONS
        if len(values) == 1 and isinstance(values[0], bool | str) and (owner not in _STDLIB or conversion):
            return values[0]  # ptr(true), mcp.ToBoolPtr(false), json.RawMessage(`{...}`), string(x)
        if len(values) >= 2 and all(isinstance(v, str) for v in values) and owner not in _STDLIB:
            return values[-1]  # t("TOOL_DESCRIPTION", "default text")
        return UNRESOLVED

    def function(self, node: Node | None) -> Node | None:
        """The function a handler expression names: a literal, a function or a method (`s.handleX`)."""
        if node is None:
            return None
        if node.type == "func_literal":
            return node
        if node.type == "identifier":
            return self.functions.get(text(node))
        if node.type == "selector_expression":
            return self.functions.get(text(node.child_by_field_name("field")))
        return None
