"""The nightly job: gather, classify what changed, rebuild the site, and report what the night brought.

Every step is incremental and each server is written in its own transaction, so a run that was
killed half-way is resumed simply by running again: what was stored stays, and only what is still
missing or changed gets done. A lock keeps two runs from overlapping.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.classify import classify_catalogue
from catalog.database import open_engine, reading, sqlite_file
from catalog.drift import changes_since
from catalog.errors import ConfigError
from catalog.lock import RunLock
from catalog.publish import build_site
from catalog.settings import Settings
from catalog.store import Store, now_utc

log = logging.getLogger("mcprisk.nightly")


@dataclass
class NightlyReport:
    started: str
    finished: str = ""
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    classified: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
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
            "took_over_lock_of": self.took_over_lock_of,
        }


def lock_path(settings: Settings) -> Path:
    """Beside a SQLite catalogue; in the working folder for a server database."""
    db_file = sqlite_file(settings.database_url)
    return db_file.with_name(db_file.name + ".lock") if db_file else Path(".mcprisk-nightly.lock")


def run_nightly(settings: Settings, snapshot: Path | None, out: Path | None = None) -> NightlyReport:
    """One night: ``snapshot`` is an offline snapshot folder (the bundled sample for ``--sample``)."""
    with RunLock(lock_path(settings)) as lock:
        report = NightlyReport(started=now_utc().replace(tzinfo=None).isoformat(sep=" "))
        if lock.stale_pid is not None:
            log.warning("took over the lock of run %s, which did not finish", lock.stale_pid)
            report.took_over_lock_of = lock.stale_pid
        store = Store(open_engine(settings.database_url))
        if snapshot is None:
            raise ConfigError("live crawling is not available in this version: run with --sample or --snapshot DIR")
        report.sources["snapshot"] = _gather_snapshot(store, snapshot)
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
    from crawler.snapshot import load_snapshot

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
