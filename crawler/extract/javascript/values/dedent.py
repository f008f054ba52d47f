"""Descriptions written with the `dedent` package's tagged template, indented with the code around them.

Servers with long tool descriptions often indent them with the code and let `dedent` strip the indentation at run
time. The text a client sees is the package's output, so the package's own steps are followed here, in order
(dedent 1.x): the raw template text with its values put in, escaped line breaks, backticks and `$`/`{` undone; the
smallest indentation of the lines that have any removed from every line that starts with a space or a tab; the
ends trimmed; then escape sequences turned into their characters. Only a tag the module imports from `dedent`
counts: a project's own helper of the same name may do something else, and its text would be invented.
"""

import re

from tree_sitter import Node

from crawler.extract.javascript.syntax import Evaluator, PerModule, template_text
from crawler.extract.treesitter import applied, text

PACKAGE = "dedent"
_INDENTED = re.compile(r"^(\s+)\S+")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "0": "\0"}
_UNESCAPE = re.compile(r"\\(?:([ntrvbf0])|x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4}))")


def tags(module: Evaluator) -> set[str]:
    """The names this module gives the `dedent` package's function: `import dedent from "dedent"`, or tsc's
    `const dedent_1 = __importDefault(require("dedent"))` (used as `(0, dedent_1.default)`)."""
    found: set[str] = set()
    for node in module.root.named_children:
        if node.type == "import_statement" and _source(node.child_by_field_name("source")) == PACKAGE:
            clause = next((c for c in node.named_children if c.type == "import_clause"), None)
            found |= {text(c) for c in (clause.named_children if clause is not None else []) if c.type == "identifier"}
        elif node.type in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                value = declarator.child_by_field_name("value")
                if value is not None and PACKAGE in _required(value):  # the package exports itself and `.default`
                    name = text(declarator.child_by_field_name("name"))
                    found |= {name, f"{name}.default"}
    return found


_tags = PerModule(tags)


def _source(node: Node | None) -> str:
    return text(node)[1:-1] if node is not None and node.type == "string" else ""


def _required(node: Node) -> set[str]:
    """Packages a `require("x")` inside ``node`` names (through `__importDefault(...)` and the like)."""
    names = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "call_expression" and text(current.child_by_field_name("function")) == "require":
            args = current.child_by_field_name("arguments")
            names |= {_source(a) for a in (args.named_children if args is not None else [])}
        stack.extend(current.named_children)
    return names


def dedented(module: Evaluator, node: Node, depth: int) -> str | None:
    """The text of ``node`` when it is `dedent` applied to a template literal, as the package makes it; None when
    it is something else or a value inside cannot be read."""
    callee, template = applied(node), node.child_by_field_name("arguments")
    if callee is None or template is None or template.type != "template_string":
        return None
    if text(callee) not in _tags(module):
        return None
    source, start = template.text or b"", template.start_byte
    joined, cursor = [], 1  # the raw text between the backticks, escapes as written: the package reads `strings.raw`
    for child in template.named_children:
        if child.type != "template_substitution":
            continue
        joined.append(_raw(source[cursor : child.start_byte - start].decode("utf-8", "replace")))
        value = module.value(child.named_children[0] if child.named_children else None, depth + 1)
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        joined.append(str(value))
        cursor = child.end_byte - start
    joined.append(_raw(source[cursor:-1].decode("utf-8", "replace")))
    return _unescape(_strip("".join(joined)))


def _raw(segment: str) -> str:
    """Escaped line breaks, backticks, `$` and `{` undone, as the package does to each raw piece."""
    segment = re.sub(r"\\\n[ \t]*", "", template_text(segment))
    return segment.replace("\\`", "`").replace("\\$", "$").replace("\\{", "{")


def _strip(joined: str) -> str:
    lines = joined.split("\n")
    indents = [len(m.group(1)) for line in lines if (m := _INDENTED.match(line))]
    if indents:
        least = min(indents)
        lines = [line[least:] if line[:1] in (" ", "\t") else line for line in lines]
    return "\n".join(lines).strip()


def _unescape(value: str) -> str:
    def one(match: re.Match[str]) -> str:
        simple, hex2, braced, hex4 = match.groups()
        if simple:
            return _ESCAPES[simple]
        return chr(int(hex2 or braced or hex4, 16))

    return _UNESCAPE.sub(one, value)
