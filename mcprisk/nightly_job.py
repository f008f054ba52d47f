"""The nightly job: crawl, classify what changed, rebuild the site, and report what the night brought.

Every step is incremental and each server is written in its own transaction, so a run that was
killed half-way is resumed simply by running again: what was stored stays, and only what is still
missing or changed gets done. A lock keeps two runs from overlapping.

The crawl runs in a child process: Scrapy's reactor can start only once per process, and a child that
dies with its parent (a SIGKILL of the nightly run) cannot go on writing while the next run starts.
"""

import logging
import os
import signal
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from catalog.core.children import die_with_parent
from catalog.core.errors import ConfigError, MCPRiskError
from catalog.core.settings import Settings
from catalog.database import open_engine, reading, sqlite_file
from catalog.drift import changes_since
from catalog.publish import build_site
from catalog.store import Store, now_utc
from crawler.corpus.serve import is_corpus
from mcprisk.introspecting import extraction_report, introspect_pending
from mcprisk.judging import classify_catalogue
from mcprisk.run_lock import RunLock

log = logging.getLogger("mcprisk.nightly")


@dataclass
class NightlyReport:
    started: str
    finished: str = ""
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    classified: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
    introspection: dict[str, Any] | None = None
    took_over_lock_of: int | None = None

    @property
    def failed_sources(self) -> list[str]:
        return [name for name, s in self.sources.items() if s.get("status") == "failed"]

    @property
    def quiet(self) -> bool:
        """Nothing new, changed or removed: the night changed nothing in the catalogue."""
        return not any(v for k, v in self.changes.items() if k != "since")

    def to_json(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "finished": self.finished,
            "sources": self.sources,
            "failed_sources": self.failed_sources,
            "classified": self.classified,
            "site": self.site,
            "changes": self.changes,
            "changed_nothing": self.quiet,
            "introspection": self.introspection,
            "took_over_lock_of": self.took_over_lock_of,
        }


def lock_path(settings: Settings) -> Path:
    """Beside a SQLite catalogue; in the working folder for a server database."""
    db_file = sqlite_file(settings.database_url)
    return db_file.with_name(db_file.name + ".lock") if db_file else Path(".mcprisk-nightly.lock")


def run_nightly(settings: Settings, snapshot: Path | None, out: Path | None = None) -> NightlyReport:
    """One night. ``snapshot`` None crawls every source live, from the configured URLs; a corpus folder (the
    bundled sample for ``--sample``) is served on loopback and crawled the same way, offline; a saved
    snapshot (``registry.json`` and ``tools/``) is loaded as it is."""
    with RunLock(lock_path(settings)) as lock:
        report = NightlyReport(started=now_utc().replace(tzinfo=None).isoformat(sep=" "))
        if lock.stale_pid is not None:
            log.warning("took over the lock of run %s, which did not finish", lock.stale_pid)
            report.took_over_lock_of = lock.stale_pid
        store = Store(open_engine(settings.database_url))
        if snapshot is not None and not is_corpus(snapshot):
            report.sources["snapshot"] = _gather_snapshot(store, snapshot)
        else:
            report.sources = _gather_crawl(settings, snapshot)
        if settings.introspect:
            log.info("introspecting new package versions")
            asked = introspect_pending(settings, store.engine)
            report.introspection = {**asked, "extraction": extraction_report(settings.database_url)}
        log.info("classifying what changed")
        report.classified = classify_catalogue(store).to_json()
        site = out or Path(settings.site_dir)
        log.info("building the site in %s", site)
        report.site = {"out": str(site), **build_site(settings.database_url, site, settings.base_url).to_json()}
        with reading(settings.database_url) as reader:
            report.changes = changes_since(reader, report.started)
        report.finished = now_utc().replace(tzinfo=None).isoformat(sep=" ")
        log.info("done: %s", "no changes" if report.quiet else "changes reported")
        return report


def _gather_snapshot(store: Store, folder: Path) -> dict[str, Any]:
    from crawler.corpus.snapshot import load_snapshot

    run_id = store.start_run("snapshot")
    log.info("loading the snapshot %s", folder)
    try:
        outcome = load_snapshot(store, folder)
    except Exception as exc:
        store.finish_run(run_id, "failed", {}, str(exc))
        log.error("snapshot failed: %s", exc)
        return {"status": "failed", "error": str(exc)}
    counts = {status: outcome.count(status) for status in ("new", "updated", "unchanged")}
    counts["errors"] = len(outcome.errors)
    status = "failed" if outcome.errors and not outcome.results else ("partial" if outcome.errors else "ok")
    store.finish_run(run_id, status, counts, "; ".join(outcome.errors[:5]) or None)
    for error in outcome.errors:
        log.warning("skipped a record: %s", error)
    return {"status": status, **counts}


def _gather_crawl(settings: Settings, corpus: Path | None) -> dict[str, dict[str, Any]]:
    """Every source, incrementally, in a child process; the corpus (if any) served from this one meanwhile."""
    from crawler.corpus.serve import corpus_settings, serving
    from crawler.registries import npm_registry_url, pypi_url
    from crawler.runner import SOURCES

    failed: dict[str, dict[str, Any]] = {}
    sources = list(SOURCES)
    if corpus is not None:
        with serving(corpus, catalogue=settings.database_url) as server:
            log.info("crawling the corpus %s served at %s", corpus, server.base)
            return _crawl_in_child(corpus_settings(settings, server.base), sources, offline=True)
    for name, setting, where in (("npm", "npm_registry_url", npm_registry_url), ("pypi", "pypi_url", pypi_url)):
        try:  # asked once here, so the crawl does not ask npm's and pip's configuration again
            settings = settings.with_(**{setting: where(settings)})
        except ConfigError as exc:
            log.error("%s: %s", name, exc)
            failed[name] = {"status": "failed", "error": str(exc)}
            sources.remove(name)
    log.info("crawling %s", ", ".join(sources))
    return {**_crawl_in_child(settings, sources, offline=False), **failed}


def _crawl_in_child(settings: Settings, sources: list[str], offline: bool) -> dict[str, dict[str, Any]]:
    context = get_context("spawn")  # a fresh interpreter: no reactor, no database connection inherited
    receive, send = context.Pipe(duplex=False)
    logs = [h.baseFilename for h in logging.getLogger("mcprisk").handlers if isinstance(h, logging.FileHandler)]
    child = context.Process(
        target=_crawl_child, args=(settings, sources, offline, os.getpid(), send, logs), name="mcprisk-crawl"
    )
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited: Ctrl-C is the parent's to handle
    try:
        child.start()
    finally:
        signal.signal(signal.SIGINT, previous)
    send.close()
    try:
        outcome: dict[str, dict[str, Any]] = receive.recv()
    except EOFError:
        outcome = {"crawl": {"status": "failed", "error": "the crawl process died"}}
    child.join()
    for name, counts in outcome.items():
        log.info("%s: %s", name, ", ".join(f"{k} {v}" for k, v in counts.items()))
    return outcome


def _crawl_child(
    settings: Settings, sources: list[str], offline: bool, parent: int, send: Connection, logs: list[str]
) -> None:
    """The crawl process: it dies with the nightly run, logs where the run logs, and sends back its counts."""
    from crawler.runner import crawl

    die_with_parent(parent)
    for path in logs:
        handler = logging.FileHandler(path)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.WARNING)
    try:
        send.send(crawl(settings, sources, offline=offline).sources)
    except MCPRiskError as exc:
        send.send({"crawl": {"status": "failed", "error": str(exc)}})
    send.close()
