"""How commands print: rich tables on a terminal, plain tab-separated text when piped, JSON on request."""

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from catalog.core import jsontext as strict_json


def print_json(value: Any) -> None:
    sys.stdout.write(strict_json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def is_terminal() -> bool:
    return sys.stdout.isatty()


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> None:
    """A table for people; piped, one tab-separated line per row (with a header) for ``cut`` and ``awk``."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if is_terminal():
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, title=title)
        for row in cells:
            table.add_row(*row)
        Console().print(table)
        return
    if title:
        sys.stdout.write(title + "\n")
    sys.stdout.write("\t".join(columns) + "\n")
    for row in cells:
        sys.stdout.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row) + "\n")


def print_fields(pairs: Iterable[tuple[str, Any]]) -> None:
    """``label: value`` lines; long values wrap after the label, so they read well piped or not."""
    pairs = [(k, v) for k, v in pairs if v not in (None, "", [], {})]
    width = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        sys.stdout.write(f"{key + ':':<{width + 1}} {text}\n")


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
