"""Rendering the site's units into files, in forked worker processes or, for a small site, in this one."""

import os
from collections.abc import Callable
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from markupsafe import Markup

from catalog.core.children import die_with_parent
from catalog.publish import extras, pages
from catalog.publish.pages import Page, root_of
from catalog.publish.render import environment
from catalog.publish.writing import emit, forget_folders

IN_PROCESS_BELOW = 100  # units: a smaller site renders faster than worker processes start

Outcome = tuple[int | str, str, bool]  # the unit (its number, or the key of a file made whole), path, written
_SHARED: dict[str, Any] = {}
_UNITS: list[pages.Unit] = []  # set before the workers fork: they inherit it, and are sent only unit numbers
_ENV: list[Any] = []


def _render_span(span: tuple[int, int]) -> list[Outcome]:
    """Render and write units ``span[0]`` to ``span[1]`` in this process: only unit numbers, paths and outcomes
    go back."""
    if not _ENV:
        _ENV.append(environment())  # once per process: templates compile once, not once per span
    out = _SHARED["out"]
    done = []
    for index in range(span[0], span[1]):
        for page in _UNITS[index]():
            done.append((index, page.path, emit(out, page.path, _content(page))))
    return done


_CHROME: dict[str, dict[str, Markup]] = {}


def _content(page: Page) -> bytes:
    if not page.template:  # a JSON file of the mirror
        return extras.to_json(page.context)
    if page.template == "raw":  # a file made whole (the Intercept policy)
        return bytes(page.context["content"])
    env, base, root = _ENV[0], _SHARED["base_url"], root_of(page.path)
    if page.path == "404.html" and base:  # served for any missing URL, at any depth: its links must be absolute
        root = f"{base}/"
    chrome = _CHROME.get(root)
    if chrome is None:  # header and footer differ only by depth: render them once per depth
        common = {**_SHARED, "root": root}
        chrome = _CHROME[root] = {
            part: Markup(env.get_template(f"_{part}.html").render(common)) for part in ("header", "footer")
        }
    context = {
        **_SHARED,
        **page.context,
        "root": root,
        "chrome": chrome,
        "canonical": f"{base}/{page.path}" if base else "",
    }
    return env.get_template(page.template).render(context).encode()


def render_all(
    units: list[pages.Unit],
    shared: dict[str, Any],
    out: Path,
    workers: int | None,
    meanwhile: Callable[[], dict[str, dict[str, bytes]]],
) -> list[Outcome]:
    """Render in forked workers (each inherits the loaded catalogue), or in-process for small sites; the files
    ``meanwhile`` makes (from the whole catalogue) are made and written by this process while the workers run."""
    _SHARED.clear()
    forget_folders()
    _CHROME.clear()
    _UNITS[:] = units
    _SHARED.update(shared, out=str(out))
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(units) < IN_PROCESS_BELOW:
        return _render_span((0, len(units))) + write_whole(str(out), meanwhile())
    size = max(1, len(units) // (workers * 32))
    spans = [(i, min(i + size, len(units))) for i in range(0, len(units), size)]
    with get_context("fork").Pool(workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        results = pool.imap_unordered(_render_span, spans)
        done = write_whole(str(out), meanwhile())
        return done + [item for chunk in results for item in chunk]


def write_whole(out: str, made: dict[str, dict[str, bytes]]) -> list[Outcome]:
    return [(key, path, emit(out, path, content)) for key, files in made.items() for path, content in files.items()]
