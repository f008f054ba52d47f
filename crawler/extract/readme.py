"""A README's list of tools: the last resort when nothing in the code or a manifest declares any.

Parsed with markdown-it (CommonMark plus tables), never with line regexes. Under a heading that names tools
("Tools", "Available tools", ...) until the next heading as high, but for its sub-sections about something else
(the tools' settings, usage examples, prompts): table rows whose tool-name column holds a
name, list items that open with a name in code or bold (`- \\`name\\` - what it does`), and sub-headings that are
a name in code (numbered or not) followed by a paragraph; the lists and tables under such a sub-heading are that
tool's parameters, not more tools. A README describes, it does not declare: every tool found here has
origin "readme" and a low confidence, and its input schema is left unknown.
"""

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from catalog.core.definition import ToolDefinition

CONFIDENCE = 0.3
README_BYTES = 1 << 20
_NAMES = ("README.md", "readme.md", "Readme.md", "README.markdown", "README")
_TOOL_HEADING = re.compile(r"\btools?\b", re.IGNORECASE)
# Sub-sections of a tools section that are about something else: the tools' settings ("Tool annotations", "Tools
# configuration": a heading that opens with the word tool and a word about settings), or a topic no group of tools
# is named after ("Usage examples", "Backward compatibility", "Prompts"); "Settings tools" and "Configuration tools"
# stay groups of tools.
_SETTINGS = re.compile(
    r"^\W*(?:\w+ )?tools?[ -]+(?:\w+[ -]+)?(?:annotations?|config\w*|settings?|options?|parameters?|arguments?|hints?|"
    r"filter\w*|selection|enabl\w*|disabl\w*|permissions?|schemas?|usage|examples?)\b",
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"\b(?:config\w*|compatib\w*|usage|examples?|install\w*|setup|telemetry|troubleshoot\w*|development|"
    r"contribut\w*|licen[cs]e|prompts?|resources?|annotations?|deprecat\w*|changelog|faq)\b",
    re.IGNORECASE,
)
_GROUP = re.compile(r"\btools?\W*$", re.IGNORECASE)
# "Add the server to your AI tool", "Use it with your favourite tools": the tool is the reader's client, and the
# section a setup step (its list is of config paths per platform, not of tools)
_CLIENT = re.compile(r"\byour(?:[ -]+\w+){0,3}?[ -]+tools?\b", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.:/-]{0,63}$")
_NAME_COLUMNS = ("tool", "tool name", "name", "command", "function")
_DESCRIPTION_COLUMNS = ("description", "what it does", "purpose", "summary", "details")
_SEPARATORS = " \t-–—:|"
_LABEL = re.compile(r"^[A-Za-z][A-Za-z ()]{0,24}:")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s*$")


def from_readme(root: Path) -> list[ToolDefinition]:
    path = next((root / name for name in _NAMES if (root / name).is_file()), None)
    if path is None or path.stat().st_size > README_BYTES:
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    tree = SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(text))
    tools: dict[str, ToolDefinition] = {}
    section: int | None = None  # the level of the heading that opened a tools section
    aside: int | None = None  # the level of a sub-heading in it about the tools' settings, not a group of tools
    named: int | None = None  # the level of a sub-heading naming one tool: its lists are that tool's parameters
    for node in tree.children:
        if node.type == "heading":
            level, heading = int(node.tag[1:]), _inline(node)
            if section is not None and level <= section:
                section = None
            if aside is not None and level <= aside:
                aside = None
            if named is not None and level <= named:
                named = None
            if section is None and _TOOL_HEADING.search(heading) and not _CLIENT.search(heading):
                section = level
                continue
            if section is not None and aside is None and _aside(heading):
                aside = level
                continue
        if section is None or aside is not None or named is not None and node.type != "heading":
            continue
        for name, description, line in _entries(node):
            tools.setdefault(name, _tool(name, description, path.name, line))
            if node.type == "heading":
                named = int(node.tag[1:])
    return list(tools.values())


def _aside(heading: str) -> bool:
    return bool(_SETTINGS.search(heading) or (_TOPIC.search(heading) and not _GROUP.search(heading)))


def _tool(name: str, description: str | None, file: str, line: int) -> ToolDefinition:
    return ToolDefinition(
        name=name, description=description or None, origin="readme", file=file, line=line, confidence=CONFIDENCE
    )


def _entries(node: SyntaxTreeNode) -> list[tuple[str, str | None, int]]:
    if node.type == "table":
        return _table(node)
    if node.type in ("bullet_list", "ordered_list"):
        return [entry for item in node.children if (entry := _list_item(item)) is not None]
    if node.type == "heading" and (name := _code_name(node)) is not None:
        following = node.next_sibling
        description = _inline(following) if following is not None and following.type == "paragraph" else None
        return [(name, description, _line(node))]
    return []


def _table(node: SyntaxTreeNode) -> list[tuple[str, str | None, int]]:
    head = next((c for c in node.children if c.type == "thead"), None)
    body = next((c for c in node.children if c.type == "tbody"), None)
    if head is None or body is None or not head.children:
        return []
    headers = [_inline(cell).strip("*_ ").lower() for cell in head.children[0].children]
    name_at = next((headers.index(h) for h in _NAME_COLUMNS if h in headers), None)
    described_at = next((headers.index(h) for h in _DESCRIPTION_COLUMNS if h in headers), None)
    if name_at is None:
        return []
    found = []
    for row in body.children:
        cells = row.children
        if name_at < len(cells) and (name := _code_name(cells[name_at]) or _plain_name(cells[name_at])):
            description = (
                _inline(cells[described_at]) if described_at is not None and described_at < len(cells) else None
            )
            found.append((name, description, _line(row)))
    return found


def _list_item(item: SyntaxTreeNode) -> tuple[str, str | None, int] | None:
    """`- \\`name\\` - description` or `- **name**: description` (or the description as the first sub-item)."""
    paragraph = next((c for c in item.children if c.type == "paragraph"), None)
    inline = paragraph.children[0] if paragraph is not None and paragraph.children else None
    pieces = [c for c in (inline.children if inline is not None else []) if c.type != "text" or c.content]
    if not pieces:
        return None
    first, rest = pieces[0], pieces[1:]
    if first.type == "code_inline":
        name = first.content
    elif first.type == "strong" and len(first.children) == 1 and first.children[0].type in ("text", "code_inline"):
        name = first.children[0].content
    else:
        return None
    if not _NAME.match(name):
        return None
    description = "".join(_text(child) for child in rest).strip(_SEPARATORS) or None
    nested = next((c for c in item.children if c.type == "bullet_list"), None)
    if description is None and nested is not None and nested.children:
        first_item = _inline(nested.children[0])
        description = first_item if first_item and not _LABEL.match(first_item) else None  # not "Input: ..."
    return name, description, _line(item)


def _code_name(node: SyntaxTreeNode) -> str | None:
    """A name in code alone (`\\`name\\``), or numbered (`3. \\`name\\``)."""
    inline = node.children[0] if node.children else None
    pieces = [c for c in (inline.children if inline is not None else []) if c.type != "text" or c.content.strip()]
    if len(pieces) == 2 and pieces[0].type == "text" and _NUMBER.match(pieces[0].content):
        pieces = pieces[1:]
    if len(pieces) == 1 and pieces[0].type == "code_inline" and _NAME.match(pieces[0].content):
        return pieces[0].content
    return None


def _plain_name(cell: SyntaxTreeNode) -> str | None:
    value = _inline(cell).strip("*_ ")
    return value if _NAME.match(value) and ("_" in value or "-" in value or value.islower()) else None


def _inline(node: SyntaxTreeNode) -> str:
    return "".join(_text(child) for child in node.children).strip() if node.children else ""


def _text(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_text(child) for child in node.children)


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 1
