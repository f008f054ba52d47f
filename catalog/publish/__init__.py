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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from catalog import __version__
from catalog.database import reading
from catalog.publish import data, digests, extras, pages, search_patch
from catalog.publish.manifest import (
    MANIFEST,
    gone_files,
    leftovers,
    manifest_json,
    read_manifest,
    same_pages,
    unclaimed,
)
from catalog.publish.pages import Page
from catalog.publish.render import templates_dir
from catalog.publish.server_pages import server_pages
from catalog.publish.workers import Outcome, render_all
from catalog.publish.writing import emit, refuse_links, refuse_links_on, write_atomically


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
        previous = read_manifest(out)
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
        refuse_links_on(out, paths)
    else:
        refuse_links(out)
    out.mkdir(parents=True, exist_ok=True)
    if previous.get("inputs"):  # from here until the new manifest, the folder is not what the old one says
        write_atomically(str(out / MANIFEST), manifest_json(unclaimed(previous)))
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

    outcomes = render_all(units, shared, out, workers, meanwhile)
    if "@search-state" in made:
        search = search_patch.state(catalogue, json.loads(made["@search-state"]["state"]))
    planned = {key for key, *_ in plan}
    after = {key: value for key, value in before.items() if key in planned}
    after.update({key: [digest, []] for key, digest, _ in dirty})
    for index, path, _ in outcomes:
        after[keys[index] if isinstance(index, int) else index][1].append(path)
    if patched is not None:
        outcomes += [("@search", path, emit(str(out), path, content)) for path, content in patched[0].items()]
        after["@search"][1] = patched[1]
    if before and same_pages(before, after):  # the sitemap lists the same pages (and the code is the same)
        after["@files"], page_count = before["@files"], previous["pages"]
    else:
        paths = sorted(path for _, paths in after.values() for path in paths if path.endswith(".html"))
        static = templates_dir() / "static"
        files = extras.sitemap(paths, shared["base_url"])
        files.update({f"static/{asset.name}": asset.read_bytes() for asset in sorted(static.iterdir())})
        outcomes += [("@files", path, emit(str(out), path, content)) for path, content in files.items()]
        after["@files"], page_count = [None, list(files)], len(paths)
    gone = gone_files(previous, before, after)
    summary = _finish(out, previous, outcomes, after, page_count, inputs, setting, interrupted, search, gone)
    return replace(summary, rendered=len(dirty), units=len(plan))


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


def _built_at(catalogue: data.Catalogue) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the newest change in the catalogue itself."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M UTC")
    newest = max((str(s["last_changed"]) for s in catalogue.servers), default="")
    return newest[:16] + " UTC" if newest else "never"


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
        gone = gone | leftovers(out, {path for _, paths in units.values() for path in paths}, "inputs" in manifest)
    stale = sorted(gone)
    for path in stale:
        (out / path).unlink(missing_ok=True)
    for folder in sorted({(out / p).parent for p in stale}, reverse=True):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    manifest = {"inputs": inputs, "setting": setting, "pages": page_count, "units": units, "search": search}
    write_atomically(str(out / MANIFEST), manifest_json(manifest))  # last: complete
    return BuildSummary(written, total - written, len(stale), page_count)
