"""Publishing the catalogue as a static site: every page, the JSON mirror, search, feed and sitemap.

The output depends only on the catalogue (and SOURCE_DATE_EPOCH): the same catalogue builds the same
bytes. A rebuild writes only files whose bytes changed and deletes the files of tools and servers that
are gone, so a quiet night touches almost nothing; pages render on every core.
"""

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from markupsafe import Markup

from catalog import __version__
from catalog.core.children import die_with_parent
from catalog.core.errors import ConfigError
from catalog.database import reading
from catalog.publish import data, extras, pages
from catalog.publish.pages import Page, root_of
from catalog.publish.render import environment, templates_dir
from catalog.publish.server_pages import server_pages

MANIFEST = ".mcprisk-site.json"
IN_PROCESS_BELOW = 100  # units: a smaller site renders faster than worker processes start


@dataclass
class BuildSummary:
    written: int
    unchanged: int
    deleted: int
    pages: int

    def to_json(self) -> dict[str, int]:
        return {"written": self.written, "unchanged": self.unchanged, "deleted": self.deleted, "pages": self.pages}


def build_site(db_url: str, out: Path, base_url: str = "", workers: int | None = None) -> BuildSummary:
    with reading(db_url) as reader:
        inputs = _inputs(reader, base_url)
        previous = _read_manifest(out)
        if previous.get("inputs") == inputs and all((out / f).is_file() for f in previous["files"]):
            return BuildSummary(0, len(previous["files"]), 0, previous["pages"])  # nothing changed since
        catalogue = data.load(reader)
    shared = {"totals": catalogue.counts, "built": _built_at(catalogue), "base_url": base_url.rstrip("/")}
    # A build killed halfway left the manifest it invalidated, or none beside the files it wrote.
    interrupted = "inputs" in previous and previous["inputs"] is None
    interrupted = interrupted or (not previous["files"] and out.is_dir() and any(out.iterdir()))
    _refuse_links(out)
    out.mkdir(parents=True, exist_ok=True)
    if previous.get("inputs"):  # from here until the new manifest, the folder is not what the old one says
        _write_atomically(str(out / MANIFEST), json.dumps({**previous, "inputs": None}, indent=0).encode())
    units = [*pages.units(catalogue), *(partial(_server_unit, s, catalogue) for s in catalogue.servers)]
    outcomes = _render_all(units, shared, out, workers, lambda: extras.files(catalogue, shared))
    paths = [path for path, _ in outcomes if path.endswith(".html")]
    static = templates_dir() / "static"
    files = extras.sitemap(paths, shared["base_url"])
    files.update({f"static/{asset.name}": asset.read_bytes() for asset in sorted(static.iterdir())})
    outcomes += [(path, _emit(str(out), path, content)) for path, content in files.items()]
    return _finish(out, outcomes, len(paths), inputs, interrupted)


def _refuse_links(out: Path) -> None:
    """A symbolic link inside the output folder would have the build write (or delete) wherever it points."""
    stack = [str(out)] if out.is_dir() else []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    where = os.path.relpath(entry.path, out)
                    raise ConfigError(f"{out} holds a symbolic link ({where}): refusing to write through it")
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)


def _server_unit(server: dict[str, Any], catalogue: data.Catalogue) -> Iterator[Page]:
    """Everything of one server: its page, its tools' pages, its policy.json and its part of the mirror."""
    yield from server_pages(server, catalogue)
    yield from extras.server_json(server)


def _inputs(reader: Any, base_url: str) -> str:
    """Everything the output depends on: the catalogue's fingerprint, the templates, the code that renders them
    (an upgraded mcprisk rebuilds even when the catalogue did not change) and the build settings."""
    files = [p for folder in (templates_dir(), Path(__file__).parent) for p in folder.rglob("*") if p.is_file()]
    code = sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if "__pycache__" not in p.parts)
    fingerprint = [data.fingerprint(reader), __version__, code, base_url, os.environ.get("SOURCE_DATE_EPOCH")]
    return json.dumps(fingerprint)


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return {"files": []}
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("files"), list) else {"files": []}


def _built_at(catalogue: data.Catalogue) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the newest change in the catalogue itself."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M UTC")
    newest = max((str(s["last_changed"]) for s in catalogue.servers), default="")
    return newest[:16] + " UTC" if newest else "never"


_SHARED: dict[str, Any] = {}
_UNITS: list[pages.Unit] = []  # set before the workers fork: they inherit it, and are sent only unit numbers
_ENV: list[Any] = []
_SEEN: set[str] = set()  # folders this process made or found: one mkdir each, not one per file
_FRESH: set[str] = set()  # folders this process made in this build: every file in them is new


def _emit(out: str, path: str, content: bytes) -> bool:
    """Write a file only when its bytes changed; True when written.

    A file that replaces one readers may be reading is written aside and renamed over it; a new file is
    written in place, which is twice as fast on a full build: a build killed halfway leaves a short file, and
    the next build finds its bytes differ and replaces it.
    """
    target = f"{out}/{path}"
    folder = target.rpartition("/")[0]
    if folder not in _SEEN:
        _make_folder(folder)
    if folder not in _FRESH:
        try:
            fd = os.open(target, os.O_RDONLY)
        except FileNotFoundError:
            pass
        else:
            try:
                same = os.fstat(fd).st_size == len(content) and os.read(fd, len(content) + 1) == content
            finally:
                os.close(fd)
            if same:
                return False
            _write_atomically(target, content)
            return True
    _write(target, content)
    return True


def _make_folder(folder: str) -> None:
    try:
        os.mkdir(folder)
        _FRESH.add(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:  # its parent is missing too
        _make_folder(folder.rpartition("/")[0])
        return _make_folder(folder)
    _SEEN.add(folder)


def _write(target: str, content: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _write_atomically(target: str, content: bytes) -> None:
    """Readers of the live site, and a run killed mid-write, never leave or see half a file."""
    _write(target + ".tmp", content)
    os.replace(target + ".tmp", target)


def _render_span(span: tuple[int, int]) -> list[tuple[str, bool]]:
    """Render and write units ``span[0]`` to ``span[1]`` in this process: only paths and outcomes go back."""
    if not _ENV:
        _ENV.append(environment())  # once per process: templates compile once, not once per span
    out = _SHARED["out"]
    done = []
    for unit in _UNITS[span[0] : span[1]]:
        for page in unit():
            done.append((page.path, _emit(out, page.path, _content(page))))
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


def _render_all(
    units: list[pages.Unit],
    shared: dict[str, Any],
    out: Path,
    workers: int | None,
    meanwhile: Callable[[], dict[str, bytes]],
) -> list[tuple[str, bool]]:
    """Render in forked workers (each inherits the loaded catalogue), or in-process for small sites; the files
    ``meanwhile`` makes (from the whole catalogue) are made and written by this process while the workers run."""
    _SHARED.clear()
    _SEEN.clear()
    _FRESH.clear()
    _CHROME.clear()
    _UNITS[:] = units
    _SHARED.update(shared, out=str(out))
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(units) < IN_PROCESS_BELOW:
        done = _render_span((0, len(units)))
        return done + [(path, _emit(str(out), path, content)) for path, content in meanwhile().items()]
    size = max(1, len(units) // (workers * 32))
    spans = [(i, min(i + size, len(units))) for i in range(0, len(units), size)]
    with get_context("fork").Pool(workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        results = pool.imap_unordered(_render_span, spans)
        done = [(path, _emit(str(out), path, content)) for path, content in meanwhile().items()]
        return done + [item for chunk in results for item in chunk]


def _finish(
    out: Path, outcomes: list[tuple[str, bool]], page_count: int, inputs: str, interrupted: bool
) -> BuildSummary:
    """Delete what the previous build wrote and this one did not, then record this build's manifest."""
    manifest = _read_manifest(out)
    paths = {path for path, _ in outcomes}
    written = sum(1 for _, wrote in outcomes if wrote)
    stale = set(manifest["files"]) - paths
    if interrupted:
        stale |= _leftovers(out, paths, ours="inputs" in manifest)
    stale = sorted(stale)
    for path in stale:
        (out / path).unlink(missing_ok=True)
    for folder in sorted({(out / p).parent for p in stale}, reverse=True):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    manifest = {"inputs": inputs, "pages": page_count, "files": sorted(paths)}
    _write_atomically(str(out / MANIFEST), json.dumps(manifest, indent=0).encode())  # last: the build is complete
    return BuildSummary(written, len(outcomes) - written, len(stale), page_count)


def _leftovers(out: Path, paths: set[str], ours: bool) -> set[str]:
    """What a killed build may have left that this one did not write: temporary copies of its files, and, in a
    folder a manifest shows is the site's own, the pages of tools and servers that are gone since."""
    folders = {path.split("/")[0] for path in paths if "/" in path}
    found = set()
    for folder, _, names in os.walk(out):
        relative = os.path.relpath(folder, out)
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if path in paths or path == MANIFEST:
                continue
            ours_aside = path.endswith(".tmp") and (path[:-4] in paths or path[:-4] == MANIFEST)
            if ours_aside or (ours and path.split("/")[0] in folders):
                found.add(path)
    return found
