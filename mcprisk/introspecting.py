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

from catalog import answers, introspections
from catalog.core.settings import Settings
from catalog.database import reading
from catalog.differences import pooled
from crawler.introspect import Outcome, Target, introspect
from crawler.introspect.sandbox import check_available

log = logging.getLogger("mcprisk.introspect")
Progress = Callable[[int, int, str, str], None]


def workers(settings: Settings) -> int:
    return settings.introspect_workers or max(1, len(os.sched_getaffinity(0)))


def claimer(redis_url: str | None) -> Callable[[dict[str, Any]], bool]:
    """Whether this worker takes a version: always, alone; with a Redis shared by several workers (the distributed
    crawl's), only when it is the first to claim it (SET NX), so a batch is split and no version asked twice."""
    if not redis_url:
        return lambda entry: True
    import redis

    client = redis.Redis.from_url(redis_url)

    def claim(entry: dict[str, Any]) -> bool:
        key = f"mcprisk:introspect:{entry['registry']}:{entry['name']}@{entry['version']}"
        return bool(client.set(key, os.getpid(), nx=True, ex=7 * 24 * 3600))

    return claim


def introspect_pending(settings: Settings, engine: Engine, progress: Progress | None = None,
                       use_sandbox: bool = True) -> dict[str, Any]:
    """Ask every version never asked (the ones this worker claims, when ``settings.redis_url`` is shared with
    others); ConfigError, raised before any server starts, when there is no sandbox."""
    todo = introspections.pending(engine)
    if use_sandbox and todo:
        check_available()
    claim = claimer(settings.redis_url)
    statuses: dict[str, int] = {}
    with ThreadPoolExecutor(workers(settings)) as pool:
        futures = {pool.submit(_ask_claimed, t, claim, settings, use_sandbox): t for t in todo}
        for done, future in enumerate(as_completed(futures), 1):
            entry = futures[future]
            result = future.result()
            if result is None:  # another worker took it
                continue
            answer = result.to_json()
            introspections.save(engine, entry["registry"], entry["name"], entry["version"], answer)
            statuses[answer["status"]] = statuses.get(answer["status"], 0) + 1
            label = f"{entry['registry']}:{entry['name']}@{entry['version']}"
            log.info("[%d/%d] %s: %s", done, len(todo), label, answer["status"])
            if progress:
                progress(done, len(todo), label, answer["status"])
    return {"asked": sum(statuses.values()), "statuses": statuses}


def _ask_claimed(entry: dict[str, Any], claim: Callable[[dict[str, Any]], bool], settings: Settings,
                 use_sandbox: bool) -> Outcome | None:
    if not claim(entry):
        return None
    target = Target(entry["registry"], entry["name"], entry["version"], package=entry["package"])
    return introspect(target, settings, use_sandbox=use_sandbox)


def extraction_report(database_url: str, worst: int = 10) -> dict[str, Any]:
    """Static extraction against every server that answered: pooled figures and the servers that disagree most."""
    with reading(database_url) as reader:
        scores = answers.extraction_scores(reader)
    total = pooled(c for _, c in scores)
    ranked = sorted(scores, key=lambda s: ((s[1].recall or 0) + (s[1].precision or 0), s[0]))
    return {
        "servers": len(scores),
        "recall": total.recall, "precision": total.precision, "exact_descriptions": total.exact_share,
        "answered_tools": total.answered, "declared_tools": total.declared,
        "disagree_most": [{"server": slug, **c.to_json()} for slug, c in ranked[:worst]
                          if c.recall != 1 or c.precision != 1 or c.exact != c.matched],
    }
