"""What the C# SDK works out by itself for a tool method: its name when none is given, and for a partial method
the `[Description]`s its source generator writes from the XML doc comment."""

import re
from xml.etree import ElementTree

from tree_sitter import Node

from crawler.extract.treesitter import text

_ASYNC = {"Task", "ValueTask", "IAsyncEnumerable"}
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def derived_name(method: Node) -> str:
    """The SDK's own rule: drop `Async` from an async method, non-alphanumerics to `_`, then snake_case."""
    name = text(method.child_by_field_name("name"))
    returns = method.child_by_field_name("returns") or method.child_by_field_name("type")
    base = text(returns.named_children[0] if returns is not None and returns.type == "generic_name" else returns)
    if base.rsplit(".", 1)[-1] in _ASYNC and name.endswith("Async") and name != "Async":
        name = name[: -len("Async")]
    name = _NOT_ALNUM.sub("_", name).strip("_") or name
    return "_".join(_snake(part) for part in name.split("_") if part)


def _snake(word: str) -> str:
    out = []
    for i, char in enumerate(word):
        before, after = word[i - 1] if i else "", word[i + 1] if i + 1 < len(word) else ""
        if char.isupper() and i and (before.islower() or before.isdigit() or (before.isupper() and after.islower())):
            out.append("_")
        out.append(char.lower())
    return "".join(out)


def xml_docs(method: Node) -> dict[str, str]:
    """What the SDK's source generator turns into `[Description]`s on a partial method without them: the `///`
    comment's summary (and remarks) under "", each `<param name>` under its name, lines trimmed and joined."""
    if not any(text(m) == "partial" for m in method.children if m.type == "modifier"):
        return {}
    lines, sibling = [], method.prev_named_sibling
    while sibling is not None and sibling.type == "comment" and text(sibling).startswith("///"):
        lines.insert(0, text(sibling)[3:])
        sibling = sibling.prev_named_sibling
    if not lines or sum(map(len, lines)) > 65536:
        return {}
    try:
        root = ElementTree.fromstring("<doc>" + "\n".join(lines) + "</doc>")
    except ElementTree.ParseError:
        return {}  # the generator reports invalid XML and adds nothing
    summary, remarks = _clean(root.find("summary")), _clean(root.find("remarks"))
    docs = {"": "\n".join(part for part in (summary, remarks) if part)} if summary or remarks else {}
    for param in root.findall("param"):
        if param.get("name") and (value := _clean(param)):
            docs[param.get("name")] = value
    return docs


def _clean(element: ElementTree.Element | None) -> str:
    """An XML doc element's text as the generator cleans it: lines trimmed, blank ones dropped, joined by spaces."""
    if element is None:
        return ""
    return " ".join(ln.strip() for ln in "".join(element.itertext()).split("\n") if ln.strip())
