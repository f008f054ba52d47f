"""What one JavaScript or TypeScript file names at its top level, and the local modules those names come from: the
table values.module resolves identifiers in. Declarations (`const`, `function`, enums), tsc's CommonJS output
(`exports.X = ...`, `module.exports = ...`), `export default`, ESM `import` and CommonJS `require` of a local file;
what a function holds is its own, not the file's, but for a bundle's wrapper, which holds the whole file.
"""

from pathlib import Path
from typing import NamedTuple

from tree_sitter import Node

from crawler.extract.javascript.syntax import Loader, string, text
from crawler.extract.javascript.values.enums import declared
from crawler.extract.treesitter import descendants

DEFAULT = "default"  # `export default value`: a reserved word, never an identifier
EXPORTS = "module.exports"  # a binding no identifier can name: a CommonJS module's `module.exports = value`
_FENCES = ("function_declaration", "arrow_function", "method_definition")


class TopLevel(NamedTuple):
    bindings: dict[str, Node]  # name -> the node of its value (the first one: a later assignment changes nothing)
    functions: dict[str, Node]  # top-level `function f() {}`: values.inline evaluates small ones
    imports: dict[str, tuple[Path, str]]  # local name -> (module file, exported name or "*")


def top_level(path: Path, nodes: list[Node], loader: Loader) -> TopLevel:
    """The names of the file at ``path`` from what queries/module.scm captured in it (``nodes``, in source order, an
    enclosing node before what it holds); ``loader`` finds the local files it imports."""
    names = TopLevel({}, {}, {})
    fence = -1  # the end of the function being skipped: what it holds is not the module's
    for node in nodes:
        if node.start_byte < fence:
            continue
        kind = node.type
        if kind == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and value is not None and name.type == "identifier":
                names.bindings.setdefault(text(name), value)
                _require(names, text(name), value, path, loader)
        elif kind == "assignment_expression":  # exports.X = ... (tsc CommonJS output)
            _exported(names, node)
        elif kind == "import_statement":
            _import(names, node, path, loader)
        elif kind == "export_statement" and (exported := node.child_by_field_name("value")) is not None:
            names.bindings.setdefault(DEFAULT, exported)  # `export default value`
        elif (enum := declared(node)) is not None:
            names.bindings.setdefault(*enum)
        elif kind == "function_declaration" and (named := node.child_by_field_name("name")) is not None:
            names.functions.setdefault(text(named), node)
        if kind in _FENCES and not _bundle_wrapper(node):
            fence = node.end_byte
    return names


def _bundle_wrapper(node: Node) -> bool:
    """A function called at once that holds the whole file (`(() => { ... })();`: webpack's bootstrap, esbuild's
    iife format): its body is the bundle's top level, not a function's."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None or parent.type != "call_expression" or parent.parent is None:
        return False
    statement = parent.parent
    return (
        statement.type == "expression_statement"
        and statement.parent is not None
        and statement.parent.type == "program"
        and node.end_byte - node.start_byte >= 0.9 * (statement.parent.end_byte - statement.parent.start_byte)
    )


def _exported(names: TopLevel, node: Node) -> None:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None or left.type != "member_expression":
        return
    target = left.child_by_field_name("object")
    if target is not None and text(target) in ("exports", "module.exports"):
        prop = left.child_by_field_name("property")
        if prop is not None and text(right) != "void 0":  # tsc declares exports as void 0 first
            names.bindings.setdefault(text(prop), right)
    elif text(left) == "module.exports":  # the module's one value: what `require` gives
        names.bindings.setdefault(EXPORTS, right)


def _require(names: TopLevel, name: str, value: Node, path: Path, loader: Loader) -> None:
    if value.type == "call_expression" and text(value.child_by_field_name("function") or value) == "require":
        args = value.child_by_field_name("arguments")
        spec = args.named_children[0] if args is not None and args.named_children else None
        if spec is not None and spec.type == "string" and (target := loader.locate(path, string(spec))):
            names.imports[name] = (target, "*")


def _import(names: TopLevel, node: Node, path: Path, loader: Loader) -> None:
    source = node.child_by_field_name("source")
    if source is None or not (target := loader.locate(path, string(source))):
        return
    for clause in descendants(node, "import_clause"):
        default = next((c for c in clause.named_children if c.type == "identifier"), None)
        if default is not None:  # `import contacts from "./contacts.js"`
            names.imports[text(default)] = (target, DEFAULT)
    for spec in descendants(node, "import_specifier"):
        name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
        if name is not None:
            names.imports[text(alias or name)] = (target, text(name))
    for ns in descendants(node, "namespace_import"):
        ident = next((c for c in ns.named_children if c.type == "identifier"), None)
        if ident is not None:
            names.imports[text(ident)] = (target, "*")
