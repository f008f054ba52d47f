"""How commands print: tables and fields laid out for the terminal's width, plain tab-separated text when piped,
JSON on request.

Scraped text is hostile: every cell and value goes through the site's own escaping (``catalog.core.visible``), so
bidi, zero-width and control characters show as ⟦U+XXXX⟧ and cannot reorder a line or drive the terminal.
On a terminal, identifiers (tool and server names) are never cut, so they can be copied; prose wraps under its
column, or below the row with an indent when the row leaves it too little room. Risk is coloured and always in
words too. No rich here: laying out a table by hand costs nothing at start-up.
"""

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from catalog.core import jsontext as strict_json
from catalog.core.visible import visible_inline

MIN_PROSE = 24  # narrower than this, a prose column goes below its row
PROSE_INDENT = 4
_RISK_STYLE = {"Low": "32", "Medium": "33", "High": "1;31", "Critical": "1;97;41"}
POISONED_STYLE = "1;97;45"


class Styled(NamedTuple):
    """A cell's text and the ANSI style it shows in on a colour terminal (the words carry the meaning)."""

    text: str
    style: str = ""


def print_json(value: Any) -> None:
    """JSON for scripts, strict (NaN and infinities as strings); on a terminal non-ASCII is escaped, so no scraped
    character acts on the terminal."""
    sys.stdout.write(strict_json.dumps(value, indent=2, ensure_ascii=is_terminal(), default=str) + "\n")


def is_terminal() -> bool:
    return sys.stdout.isatty()


def width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def colour() -> bool:
    """Colour on a terminal unless NO_COLOR is set (no-color.org) or the terminal is dumb."""
    return is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def paint(cell: "str | Styled") -> str:
    text, style = (cell.text, cell.style) if isinstance(cell, Styled) else (cell, "")
    return f"\x1b[{style}m{text}\x1b[0m" if style and colour() else text


def when(value: Any) -> str | None:
    """A stored time (UTC, without a zone) as minutes with its zone, so nobody reads it as local time."""
    if value is None or value == "":
        return None
    text = str(value).replace("T", " ")
    return text[:16] + " UTC" if text[:4].isdigit() and "+" not in text[10:] else text


def risk_cell(risk: str | None, poisoned: bool = False) -> Styled:
    """A risk in words and colour; a poisoned tool says so first."""
    if poisoned:
        return Styled(f"POISONED {risk or ''}".strip(), POISONED_STYLE)
    return Styled(risk or "unrated", _RISK_STYLE.get(risk or "", ""))


def print_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str | None = None,
    prose: int | None = -1,
) -> None:
    """A table for people; piped, one tab-separated line per row (with a header) for ``cut`` and ``awk``.

    ``prose`` is the index of the one column that may wrap (the last by default, None for none); every other
    column is shown whole.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    if not is_terminal():
        if title:
            sys.stdout.write(title + "\n")
        sys.stdout.write("\t".join(columns) + "\n")
        for row in cells:
            sys.stdout.write("\t".join(c.text for c in row) + "\n")
        return
    sys.stdout.write(render_table(columns, cells, width(), title, prose))


def render_table(
    columns: Sequence[str], cells: list[list[Styled]], total: int, title: str | None, prose: int | None
) -> str:
    wrap = None if prose is None else prose % len(columns)
    widths = [max([len(c)] + [len(row[i].text) for row in cells]) for i, c in enumerate(columns)]
    fixed = sum(w + 2 for i, w in enumerate(widths) if i != wrap)
    below = False
    if wrap is not None:
        room = total - fixed - 1
        if room >= min(MIN_PROSE, widths[wrap]):
            widths[wrap] = min(widths[wrap], room)
        else:
            below = True
    shown = [i for i in range(len(columns)) if not (below and i == wrap)]
    lines = [title] if title else []
    header = "  ".join(columns[i].upper().ljust(widths[i]) for i in shown).rstrip()
    lines.append(paint(Styled(header, "1")))
    for row in cells:
        if below or wrap is None:
            parts = [row[i] for i in shown]
            lines.append(_join(parts, [widths[i] for i in shown]))
            if below and row[wrap].text:
                lines += [" " * PROSE_INDENT + piece for piece in _wrap(row[wrap].text, total - PROSE_INDENT - 1)]
            continue
        pieces = _wrap(row[wrap].text, widths[wrap]) or [""]
        first = [Styled(pieces[0]) if i == wrap else row[i] for i in shown]
        lines.append(_join(first, [widths[i] for i in shown]))
        indent = sum(widths[i] + 2 for i in shown if i < wrap)
        lines += [" " * indent + piece for piece in pieces[1:]]
    return "\n".join(lines) + "\n"


def print_fields(pairs: Iterable[tuple[str, Any]]) -> None:
    """``label: value`` lines; on a terminal long values wrap under themselves, indented past the label."""
    shown = [(k, v) for k, v in pairs if v not in (None, "", [], {})]
    label = max((len(k) for k, _ in shown), default=0) + 2
    total = width() if is_terminal() else 0
    for key, value in shown:
        cell = value if isinstance(value, Styled) else _cell(value)
        if total and isinstance(value, Styled):
            text = paint(cell)
        elif total:
            text = ("\n" + " " * label).join(_wrap(cell.text, max(20, total - label - 1)) or [""])
        else:
            text = cell.text
        sys.stdout.write(f"{key + ':':<{label}}{text}\n")


def _cell(value: Any) -> Styled:
    if isinstance(value, Styled):
        return Styled(visible_inline(value.text), value.style)
    if value is None:
        return Styled("")
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return Styled(visible_inline(value))


def _join(parts: list[Styled], widths: list[int]) -> str:
    out = []
    for part, size in zip(parts, widths, strict=True):
        out.append(paint(part) + " " * (size - len(part.text)))
    return "  ".join(out).rstrip()


def _wrap(text: str, size: int) -> list[str]:
    """Words to lines of at most ``size``; a word longer than that (an identifier, a URL) stays whole."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > size:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


@contextmanager
def progress_bar(label: str, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """A live bar on stderr when it is a terminal; a silent callback otherwise (logs and pipes stay clean)."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(console=None, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance
