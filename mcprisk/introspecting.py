"""Introspecting the catalogue: every package version not asked before, as many at once as the cores allow, each
answer kept per version; then static extraction measured against every answer (recall, precision, exact
descriptions, and the servers where the two disagree most). The nightly job and ``mcprisk crawl --introspect``
share it."""

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from sqlalchemy import Engine

from catalog import introspections
from catalog.core.settings import Settings
from catalog.database import reading
from catalog.differences import pooled
from crawler.introspect import Target, introspect
from crawler.introspect.sandbox import check_available

log = logging.getLogger("mcprisk.introspect")
Progress = Callable[[int, int, str, str], None]


def workers(settings: Settings) -> int:
    return settings.introspect_workers or max(1, len(os.sched_getaffinity(0)))


def introspect_pending(settings: Settings, engine: Engine, progress: Progress | None = None,
                       use_sandbox: bool = True) -> dict[str, Any]:
    """Ask every version never asked; ConfigError (raised before any server starts) when there is no sandbox."""
    todo = introspections.pending(engine)
    if use_sandbox and todo:
        check_available()
    statuses: dict[str, int] = {}
    with ThreadPoolExecutor(workers(settings)) as pool:
        futures = {pool.submit(introspect, Target(t["registry"], t["name"], t["version"], package=t["package"]),
                               settings, use_sandbox=use_sandbox): t for t in todo}
        for done, future in enumerate(as_completed(futures), 1):
            entry = futures[future]
            answer = future.result().to_json()
            introspections.save(engine, entry["registry"], entry["name"], entry["version"], answer)
            statuses[answer["status"]] = statuses.get(answer["status"], 0) + 1
            label = f"{entry['registry']}:{entry['name']}@{entry['version']}"
            log.info("[%d/%d] %s: %s", done, len(todo), label, answer["status"])
            if progress:
                progress(done, len(todo), label, answer["status"])
    return {"asked": len(todo), "statuses": statuses}


def extraction_report(database_url: str, worst: int = 10) -> dict[str, Any]:
    """Static extraction against every server that answered: pooled figures and the servers that disagree most."""
    with reading(database_url) as reader:
        scores = introspections.extraction_scores(reader)
    total = pooled(c for _, c in scores)
    ranked = sorted(scores, key=lambda s: ((s[1].recall or 0) + (s[1].precision or 0), s[0]))
    return {
        "servers": len(scores),
        "recall": total.recall, "precision": total.precision, "exact_descriptions": total.exact_share,
        "answered_tools": total.answered, "declared_tools": total.declared,
        "disagree_most": [{"server": slug, **c.to_json()} for slug, c in ranked[:worst]
                          if c.recall != 1 or c.precision != 1 or c.exact != c.matched],
    }
