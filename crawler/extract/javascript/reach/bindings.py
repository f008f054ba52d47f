"""Tool data a file declares and never uses: `var drag = {schema: {name: "browser_drag", ...}}` left in an esbuild
bundle although no tool list holds it any more. Read statically it looks like a tool; nothing runs it.
(reach.reachability drops the files nothing reaches; this, the data nothing uses in a file that is reached.)
"""

from collections.abc import Iterator

from tree_sitter import Node

from crawler.extract.javascript.syntax import Evaluator

_USES = ("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern")
_WRAPPERS = ("object", "pair", "array", "parenthesized_expression", "as_expression", "satisfies_expression")


class UnusedBindings:
    """Tells whether a tool object is held by a top-level declaration nothing uses: `var drag = {schema: {...}}`
    (or `const x = defineTool({...})`), not exported, its name found nowhere else in the file. Objects inside
    functions are not judged. The name's occurrences in the text are found with `bytes.find` and checked against the
    tree (one in a string or a `.drag` property is no use): far cheaper, in a bundle of megabytes, than visiting
    every identifier, and a name in use is usually met a few lines below its declaration."""

    def __init__(self, module: Evaluator) -> None:
        self.module = module
        self._source: bytes | None = None

    def __call__(self, node: Node) -> bool:
        name = _declared(node)
        if name is None:
            return False
        if self._source is None:
            self._source = self.module.root.text or b""
        return next(uses(self.module.root, name, self._source), None) is None


def uses(root: Node, name: Node, source: bytes) -> Iterator[Node]:
    """The places other than its declaration where the file ``root`` (its text ``source``) names the binding
    ``name``, found with `bytes.find` and checked against the tree (a string or a `.name` property is no use)."""
    word = name.text or b""
    start = source.find(word)
    while start >= 0:
        end = start + len(word)
        if start != name.start_byte:
            use = root.descendant_for_byte_range(start, end)
            if use is not None and use.type in _USES and (use.start_byte, use.end_byte) == (start, end):
                yield use
        start = source.find(word, end)


def holder(node: Node) -> tuple[Node, Node] | None:
    """The `var/let/const` declarator whose value holds ``node`` through objects, arrays and the first argument of a
    plain call (`defineTool({...})`), as its name and its declaration; None for anything else. Whether the
    declaration is top-level, exported or not, is for the caller to judge."""
    child, parent = _held(node)
    if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("value") == child:
        name, declaration = parent.child_by_field_name("name"), parent.parent
        if name is not None and name.type == "identifier" and declaration is not None:
            return name, declaration
    return None


def assigned(node: Node) -> Node | None:
    """The name an assignment `name = {...}` gives the value holding ``node`` (as ``holder`` climbs to it): an
    esbuild bundle declares `var listTool;` at the top and assigns it in the init function of its module."""
    child, parent = _held(node)
    if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == child:
        name = parent.child_by_field_name("left")
        return name if name is not None and name.type == "identifier" else None
    return None


def _held(node: Node) -> tuple[Node, Node | None]:
    """The outermost value holding ``node`` through objects, arrays and the first argument of a plain call, and
    what holds that value (None past a call of anything but a plain name)."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type in _WRAPPERS:
            child, parent = parent, parent.parent
        elif parent.type == "arguments" and parent.named_children[0] == child and parent.parent is not None:
            callee = parent.parent.child_by_field_name("function")
            if callee is None or callee.type != "identifier":
                return child, None
            child, parent = parent.parent, parent.parent.parent
        else:
            break
    return child, parent


def _declared(node: Node) -> Node | None:
    """The name of the top-level, unexported `var/let/const` whose value holds ``node`` (see ``holder``)."""
    held = holder(node)
    if held is None:
        return None
    name, declaration = held
    return name if declaration.parent is not None and declaration.parent.type == "program" else None
