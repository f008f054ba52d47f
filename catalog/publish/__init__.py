"""Publishing the catalogue as a static site: every page, the JSON mirror, search, feed and sitemap.

The output depends only on the catalogue (and SOURCE_DATE_EPOCH): the same catalogue builds the same
bytes. A rebuild writes only files whose bytes changed and deletes the files of tools and servers that
are gone, so a quiet night touches almost nothing; pages render on every core.
"""

import json
import os
import shutil
import signal
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from markupsafe import Markup

from catalog.database import reading
from catalog.publish import data, extras
from catalog.publish.pages import Page, pages, root_of
from catalog.publish.render import environment, templates_dir

MANIFEST = ".mcprisk-site.json"


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
    built = _built_at(catalogue)
    shared = {"totals": catalogue.counts, "built": built, "base_url": base_url.rstrip("/")}
    all_pages = list(pages(catalogue))
    out.mkdir(parents=True, exist_ok=True)
    outcomes = _render_all([*all_pages, *extras.json_pages(catalogue)], shared, out, workers)
    files = extras.files(catalogue, [p.path for p in all_pages], shared)
    static = templates_dir() / "static"
    files.update({f"static/{asset.name}": asset.read_bytes() for asset in sorted(static.iterdir())})
    outcomes += [(path, _emit(out, path, content)) for path, content in files.items()]
    return _finish(out, outcomes, len(all_pages), inputs)


def _inputs(reader: Any, base_url: str) -> str:
    """Everything the output depends on: the catalogue's fingerprint, the templates and the build settings."""
    site = templates_dir()
    assets = sorted(
        (str(p.relative_to(site)), p.stat().st_mtime_ns, p.stat().st_size) for p in site.rglob("*") if p.is_file()
    )
    return json.dumps([data.fingerprint(reader), assets, base_url, os.environ.get("SOURCE_DATE_EPOCH")])


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
_ENV: list[Any] = []
_MADE: set[Path] = set()  # folders this process created or saw: one mkdir each, not one per file


def _emit(out: Path, path: str, content: bytes) -> bool:
    """Write a file only when its bytes changed; True when written."""
    target = out / path
    if target.is_file():
        if target.stat().st_size == len(content) and target.read_bytes() == content:
            return False
    elif target.parent not in _MADE:
        target.parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(target.parent)
    _write_atomically(target, content)
    return True


def _write_atomically(target: Path, content: bytes) -> None:
    """Readers of the live site, and a run killed mid-write, never leave or see half a file."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(target)


def _die_with_parent(parent: int) -> None:
    """Pool initializer: SIGKILL reaches only the build's own process, and a worker outliving it would go on
    writing pages and holding the nightly lock (inherited with the fork) while the next run wants both."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG, Linux
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _render_chunk(chunk: list[Page]) -> list[tuple[str, bool]]:
    """Render and write a chunk of pages in this process: only paths and outcomes go back to the parent."""
    if not _ENV:
        _ENV.append(environment())  # once per process: templates compile once, not once per chunk
    env, out, base = _ENV[0], _SHARED["out"], _SHARED["base_url"]
    chrome: dict[str, dict[str, Markup]] = {}
    done = []
    for page in chunk:
        if not page.template:  # a JSON file of the mirror
            content = json.dumps(page.context, sort_keys=True, ensure_ascii=True, default=str, separators=(",", ":"))
            done.append((page.path, _emit(out, page.path, (content + "\n").encode())))
            continue
        root = root_of(page.path)
        if root not in chrome:  # header and footer differ only by depth: render them once per depth
            common = {**_SHARED, "root": root}
            chrome[root] = {
                part: Markup(env.get_template(f"_{part}.html").render(common)) for part in ("header", "footer")
            }
        context = {
            **_SHARED,
            **page.context,
            "root": root,
            "chrome": chrome[root],
            "canonical": f"{base}/{page.path}" if base else "",
        }
        done.append((page.path, _emit(out, page.path, env.get_template(page.template).render(context).encode())))
    return done


def _render_all(
    all_pages: list[Page], shared: dict[str, Any], out: Path, workers: int | None
) -> list[tuple[str, bool]]:
    """Render in forked workers (each inherits the loaded catalogue), or in-process for small sites."""
    _SHARED.clear()
    _MADE.clear()
    _SHARED.update(shared, out=out)  # forked workers inherit it, with the loaded catalogue inside the pages
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(all_pages) < 200:
        return _render_chunk(all_pages)
    size = -(-len(all_pages) // (workers * 8))
    chunks = [all_pages[i : i + size] for i in range(0, len(all_pages), size)]
    with get_context("fork").Pool(workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        return [item for chunk in pool.imap(_render_chunk, chunks) for item in chunk]


def _finish(out: Path, outcomes: list[tuple[str, bool]], page_count: int, inputs: str) -> BuildSummary:
    """Delete what the previous build wrote and this one did not, then record this build's manifest."""
    previous = set(_read_manifest(out)["files"])
    paths = {path for path, _ in outcomes}
    written = sum(1 for _, wrote in outcomes if wrote)
    stale = sorted(previous - paths)
    for path in stale:
        (out / path).unlink(missing_ok=True)
    for folder in sorted({(out / p).parent for p in stale}, reverse=True):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    manifest = {"inputs": inputs, "pages": page_count, "files": sorted(paths)}
    _write_atomically(out / MANIFEST, json.dumps(manifest, indent=0).encode())  # last: the build is complete
    return BuildSummary(written, len(outcomes) - written, len(stale), page_count)
