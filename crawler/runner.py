"""Running a crawl in this process: one Scrapy run, one CrawlRun row per source, a summary at the end.

Incremental by default: the registry is asked only for servers updated since the start of the last
successful run of that source. Scrapy's reactor starts once per process, so one call per process.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from catalog.database import open_engine
from catalog.errors import ConfigError
from catalog.settings import Settings
from catalog.store import Store

SOURCES = ("registry", "npm", "pypi")


@dataclass
class CrawlSummary:
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def failed(self) -> list[str]:
        return [name for name, s in self.sources.items() if s["status"] == "failed"]


def crawl(settings: Settings, sources: list[str], limit: int | None = None, full: bool = False) -> CrawlSummary:
    """Crawl ``sources`` in order (npm after the registry, so it sees the packages the registry just named)."""
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ConfigError(f"unknown or not yet available source {', '.join(unknown)}: choose from {', '.join(SOURCES)}")
    from scrapy.crawler import CrawlerRunner
    from scrapy.utils.reactor import install_reactor

    from crawler.distributed import redis_settings
    from crawler.settings import scrapy_settings

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    from twisted.internet import defer, reactor

    store = Store(open_engine(settings.database_url))
    shared = redis_settings(settings.redis_url)  # several workers, one queue and seen-set, when Redis is given
    runner = CrawlerRunner(scrapy_settings(MCPRISK_DATABASE_URL=settings.database_url, **shared))
    summary = CrawlSummary()

    @defer.inlineCallbacks
    def run_all() -> Any:
        try:
            for source in sources:
                counts: Counter[str] = Counter()
                last = None if full else store.last_successful_run(source)
                run_id = store.start_run(source)
                spider, kwargs = _spider(source, settings, store, last, limit)
                yield runner.crawl(spider, counts=counts, **kwargs)
                summary.sources[source] = _finish(store, run_id, dict(counts))
        finally:
            reactor.stop()  # type: ignore[attr-defined]

    run_all()
    reactor.run()  # type: ignore[attr-defined]
    return summary


def _spider(source: str, settings: Settings, store: Store, last: Any, limit: int | None) -> tuple[Any, dict[str, Any]]:
    if source == "registry":
        from crawler.spiders.registry import RegistrySpider

        since = last.started.strftime("%Y-%m-%dT%H:%M:%SZ") if last is not None else None
        return RegistrySpider, {"base_url": settings.registry_url, "updated_since": since, "limit": limit}
    from crawler.registries import npm_registry_url, pypi_url
    from crawler.spiders.packages import NpmSpider, PypiSpider

    packages = store.packages(source)[:limit] if limit else store.packages(source)
    if source == "npm":
        return NpmSpider, {"base_url": npm_registry_url(settings), "packages": packages}
    return PypiSpider, {"base_url": pypi_url(settings), "packages": packages}


def _finish(store: Store, run_id: int, tally: dict[str, int]) -> dict[str, Any]:
    done = tally.get("pages", 0) + tally.get("artifacts", 0) + tally.get("metadata", 0)
    problems = (
        "pages_failed",
        "pages_malformed",
        "records_malformed",
        "errors",
        "requests_failed",
        "metadata_malformed",
        "artifacts_refused",
    )
    failed = done == 0 and any(tally.get(k) for k in problems)
    status = "failed" if failed else "partial" if any(tally.get(k) for k in problems) else "ok"
    store.finish_run(run_id, status, tally, None if status == "ok" else "see counts")
    return {"status": status, **tally}
