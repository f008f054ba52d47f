"""Publishing the catalogue as a static site: every page, the JSON mirror, search, feed and sitemap.

The output depends only on the catalogue (and SOURCE_DATE_EPOCH): the same catalogue builds the same
bytes. The site is cut into units (a page beside the servers' own, a server's pages and mirror files, a file
made from the whole catalogue); the build manifest keeps each unit's digest (digests.py: what it is made of)
and files. A rebuild renders only the units whose digest changed, loads whole only the tools they show, writes
only files whose bytes changed and deletes the files of units that are gone, so a quiet night touches almost
nothing. New code, templates or settings render every unit; pages render on every core.
"""

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
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
from catalog.publish import data, digests, extras, pages, search_patch
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
    rendered: int = 0  # units of the site rendered (a page beside the servers', a server's pages, a whole file)
    units: int = 0

    def to_json(self) -> dict[str, int]:
        return {"written": self.written, "unchanged": self.unchanged, "deleted": self.deleted, "pages": self.pages,
                "rendered": self.rendered, "units": self.units}  # fmt: skip


def build_site(db_url: str, out: Path, base_url: str = "", workers: int | None = None) -> BuildSummary:
    with reading(db_url) as reader:
        setting = _setting(base_url)
        inputs = json.dumps([data.fingerprint(reader), setting])
        previous = _read_manifest(out)
        if previous.get("inputs") == inputs:
            units = len(previous["units"])
            return BuildSummary(0, len(previous["files"]), 0, previous["pages"], 0, units)  # nothing changed since
        catalogue = digests.scan(reader)
        shared = {"totals": catalogue.counts, "built": _built_at(catalogue), "base_url": base_url.rstrip("/")}
        plan = _plan(catalogue, shared)
        complete = previous.get("inputs") is not None and previous.get("setting") == setting
        before: dict[str, Any] = previous.get("units", {}) if complete else {}
        dirty = [item for item in plan if before.get(item[0], [None])[0] != item[1]]
        _hydrate(reader, catalogue, dirty, everything=len(dirty) * 3 > len(plan))
    # A build killed halfway left the manifest it invalidated, or none beside the files it wrote.
    interrupted = "inputs" in previous and previous["inputs"] is None
    interrupted = interrupted or (not previous["files"] and out.is_dir() and any(out.iterdir()))
    if before:  # the files the units to render wrote last time, and the folders new servers' pages go in
        paths = [path for key, *_ in dirty for path in before.get(key, [None, []])[1]]
        slugs = [key.removeprefix("server:") for key, *_ in dirty if key.startswith("server:")]
        paths += [f"{folder}/{slug}/" for slug in slugs for folder in ("tools", "api/tools")] + ["api/servers/"]
        _refuse_links_on(out, paths)
    else:
        _refuse_links(out)
    out.mkdir(parents=True, exist_ok=True)
    if previous.get("inputs"):  # from here until the new manifest, the folder is not what the old one says
        _write_atomically(str(out / MANIFEST), _manifest_json(_unclaimed(previous)))
    units = [unit for _, _, unit in dirty if unit is not None]
    keys = [key for key, _, unit in dirty if unit is not None]
    whole = {key for key, _, unit in dirty if unit is None}
    search = previous.get("search") if before else None
    patched = None
    if "@search" in whole and search:  # before the servers' mirror files it reads are written again
        changed = {key.removeprefix("server:") for key in keys if key.startswith("server:")}
        patched = search_patch.patch(out, catalogue, search, changed)
    if patched is not None:
        whole.discard("@search")
        search = patched[2]
    made: dict[str, dict[str, bytes]] = {}

    def meanwhile() -> dict[str, dict[str, bytes]]:
        made.update(extras.files(catalogue, shared, whole))
        return {key: files for key, files in made.items() if key != "@search-state"}

    outcomes = _render_all(units, shared, out, workers, meanwhile)
    if "@search-state" in made:
        search = search_patch.state(catalogue, json.loads(made["@search-state"]["state"]))
    planned = {key for key, *_ in plan}
    after = {key: value for key, value in before.items() if key in planned}
    after.update({key: [digest, []] for key, digest, _ in dirty})
    for index, path, _ in outcomes:
        after[keys[index] if isinstance(index, int) else index][1].append(path)
    if patched is not None:
        outcomes += [("@search", path, _emit(str(out), path, content)) for path, content in patched[0].items()]
        after["@search"][1] = patched[1]
    if before and _same_pages(before, after):  # the sitemap lists the same pages (and the code is the same)
        after["@files"], page_count = before["@files"], previous["pages"]
    else:
        paths = sorted(path for _, paths in after.values() for path in paths if path.endswith(".html"))
        static = templates_dir() / "static"
        files = extras.sitemap(paths, shared["base_url"])
        files.update({f"static/{asset.name}": asset.read_bytes() for asset in sorted(static.iterdir())})
        outcomes += [("@files", path, _emit(str(out), path, content)) for path, content in files.items()]
        after["@files"], page_count = [None, list(files)], len(paths)
    gone = _gone(previous, before, after)
    summary = _finish(out, previous, outcomes, after, page_count, inputs, setting, interrupted, search, gone)
    return replace(summary, rendered=len(dirty), units=len(plan))


def _same_pages(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """No unit came or went, and every unit rendered again made the same pages as last time."""
    if "@files" not in before or before.keys() - {"@files"} != after.keys():
        return False
    html = [[p for p in paths if p.endswith(".html")] for key in after if after[key] != before[key] for paths in
            (before[key][1], after[key][1])]  # fmt: skip
    return all(sorted(html[n]) == sorted(html[n + 1]) for n in range(0, len(html), 2))


def _gone(previous: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The files the previous build wrote and this one did not: when the previous build was complete, only the
    units that changed or went can have lost files (a file belongs to one unit)."""
    if not before:
        return set(previous["files"]) - {path for _, paths in after.values() for path in paths}
    changed = [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
    had = {path for key in changed for path in before.get(key, [None, []])[1]}
    return had - {path for key in changed for path in after.get(key, [None, []])[1]}


Planned = tuple[str, str | None, pages.Unit | None]  # a unit's key, its digest and the unit (None: made whole)


def _plan(catalogue: data.Catalogue, shared: dict[str, Any]) -> list[Planned]:
    """Every unit of the site with the digest of what it is made of: one per page beside the servers' own, one
    per server (its pages and its part of the mirror), and the files made from the whole catalogue."""
    history = digests.history_digest(catalogue)
    plan: list[Planned] = []
    for unit in pages.units(catalogue):
        for page in unit():
            plan.append((page.path, digests.page_digest(page, shared, history), unit))
    for server in catalogue.servers:
        unit = partial(_server_unit, server, catalogue)
        plan.append((f"server:{server['slug']}", digests.server_digest(server, catalogue), unit))
    plan.append(("@index", digests.digest([s["_digest"] for s in catalogue.servers], shared["totals"]), None))
    plan.append(("@search", digests.digest([s["_digest"] for s in catalogue.servers]), None))
    plan.append(("@feed", digests.digest(history, shared["built"]), None))
    return plan


def _hydrate(reader: Any, catalogue: data.Catalogue, dirty: list[Planned], everything: bool) -> None:
    """Load whole the tools the units to render show: all of a server's, those a list shows, and for the change
    log every tool with a history."""
    wanted: dict[int, dict[str, Any]] = {}
    for key, _, unit in [] if everything else dirty:
        if key.startswith("server:"):
            wanted.update((t["id"], t) for t in catalogue.by_server.get(key[len("server:") :], []))
        elif key in ("changes.html", "@feed"):
            wanted.update((t["id"], t) for t in catalogue.tools if t["_history"][0] > 1)
        elif unit is not None:
            for page in unit():
                digests.tools_in(page.context, wanted)
    digests.hydrate(reader, catalogue, list(wanted.values()), everything)


def _refuse_links_on(out: Path, paths: list[str]) -> None:
    """The same, only along the paths a rebuild of a few units rewrites or deletes (the rest is not touched)."""
    folders = {str(out)}
    for path in paths:
        parts = path.split("/")
        folders.update(str(out.joinpath(*parts[:n])) for n in range(1, len(parts) + 1))
    for folder in sorted(folders):
        if os.path.islink(folder):
            where = os.path.relpath(folder, out)
            raise ConfigError(f"{out} holds a symbolic link ({where}): refusing to write through it")


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


def _setting(base_url: str) -> str:
    """What every page depends on beside the catalogue: the templates, the code that renders them (an upgraded
    mcprisk rebuilds everything even when the catalogue did not change) and the build settings."""
    files = [p for folder in (templates_dir(), Path(__file__).parent.parent) for p in folder.rglob("*") if p.is_file()]
    code = sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if "__pycache__" not in p.parts)
    return json.dumps([__version__, code, base_url, os.environ.get("SOURCE_DATE_EPOCH")])


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return {"files": []}
    if not isinstance(manifest, dict):
        return {"files": []}
    if not isinstance(manifest.get("units"), dict):  # an older mcprisk's: files, no units
        return manifest if isinstance(manifest.get("files"), list) else {"files": []}
    return {**manifest, "files": [path for _, paths in manifest["units"].values() for path in paths]}


def _unclaimed(manifest: dict[str, Any]) -> dict[str, Any]:
    """The previous manifest as a build in progress leaves it: it no longer says the folder is a build of anything
    (its units still tell which files are ours; the list of every file is only kept where there are no units)."""
    kept = {key: value for key, value in manifest.items() if key != "files" or "units" not in manifest}
    return {**kept, "inputs": None}


def _manifest_json(manifest: dict[str, Any]) -> bytes:
    """Compact: with an indent, the json module encodes in Python, not C (seconds for 250,000 paths)."""
    return json.dumps(manifest, separators=(",", ":")).encode()


def _built_at(catalogue: data.Catalogue) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the newest change in the catalogue itself."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M UTC")
    newest = max((str(s["last_changed"]) for s in catalogue.servers), default="")
    return newest[:16] + " UTC" if newest else "never"


Outcome = tuple[int | str, str, bool]  # the unit (its number, or the key of a file made whole), path, written
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


def _render_span(span: tuple[int, int]) -> list[Outcome]:
    """Render and write units ``span[0]`` to ``span[1]`` in this process: only unit numbers, paths and outcomes
    go back."""
    if not _ENV:
        _ENV.append(environment())  # once per process: templates compile once, not once per span
    out = _SHARED["out"]
    done = []
    for index in range(span[0], span[1]):
        for page in _UNITS[index]():
            done.append((index, page.path, _emit(out, page.path, _content(page))))
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
    meanwhile: Callable[[], dict[str, dict[str, bytes]]],
) -> list[Outcome]:
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
        return _render_span((0, len(units))) + _write_whole(str(out), meanwhile())
    size = max(1, len(units) // (workers * 32))
    spans = [(i, min(i + size, len(units))) for i in range(0, len(units), size)]
    with get_context("fork").Pool(workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        results = pool.imap_unordered(_render_span, spans)
        done = _write_whole(str(out), meanwhile())
        return done + [item for chunk in results for item in chunk]


def _write_whole(out: str, made: dict[str, dict[str, bytes]]) -> list[Outcome]:
    return [(key, path, _emit(out, path, content)) for key, files in made.items() for path, content in files.items()]


def _finish(
    out: Path,
    manifest: dict[str, Any],
    outcomes: list[Outcome],
    units: dict[str, Any],
    page_count: int,
    inputs: str,
    setting: str,
    interrupted: bool,
    search: dict[str, Any] | None,
    gone: set[str],
) -> BuildSummary:
    """Delete what the previous build wrote and this one did not (``gone``), then record this build's manifest:
    each unit's digest and files, so that the next build renders only the units whose digest changed.
    ``manifest`` is the previous build's (as this build found it)."""
    total = sum(len(paths) for _, paths in units.values())
    written = sum(1 for *_, wrote in outcomes if wrote)
    if interrupted:
        gone = gone | _leftovers(out, {path for _, paths in units.values() for path in paths}, "inputs" in manifest)
    stale = sorted(gone)
    for path in stale:
        (out / path).unlink(missing_ok=True)
    for folder in sorted({(out / p).parent for p in stale}, reverse=True):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    manifest = {"inputs": inputs, "setting": setting, "pages": page_count, "units": units, "search": search}
    _write_atomically(str(out / MANIFEST), _manifest_json(manifest))  # last: complete
    return BuildSummary(written, total - written, len(stale), page_count)


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
