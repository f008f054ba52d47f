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

SOURCES = ("registry",)


@dataclass
class CrawlSummary:
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def failed(self) -> list[str]:
        return [name for name, s in self.sources.items() if s["status"] == "failed"]


def crawl(settings: Settings, sources: list[str], limit: int | None = None, full: bool = False) -> CrawlSummary:
    from scrapy.crawler import CrawlerProcess

    from crawler.settings import scrapy_settings
    from crawler.spiders.registry import RegistrySpider

    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ConfigError(f"unknown or not yet available source {', '.join(unknown)}: choose from {', '.join(SOURCES)}")
    store = Store(open_engine(settings.database_url))
    summary = CrawlSummary()
    counts: dict[str, Counter[str]] = {}
    runs: dict[str, tuple[int, Any]] = {}
    process = CrawlerProcess(install_root_handler=False)
    for source in sources:
        counts[source] = Counter()
        last = None if full else store.last_successful_run(source)
        runs[source] = (store.start_run(source), last)
        since = last.started.strftime("%Y-%m-%dT%H:%M:%SZ") if last is not None else None
        crawler = process.create_crawler(RegistrySpider)
        crawler.settings.setdict(
            scrapy_settings(MCPRISK_DATABASE_URL=settings.database_url, MCPRISK_COUNTS=counts[source]),
            priority="cmdline",
        )
        process.crawl(crawler, base_url=settings.registry_url, counts=counts[source], updated_since=since, limit=limit)
    process.start()
    for source, (run_id, _) in runs.items():
        tally = dict(counts[source])
        failed = tally.get("pages", 0) == 0 and (tally.get("pages_failed", 0) or tally.get("pages_malformed", 0))
        partial = any(tally.get(k) for k in ("pages_failed", "pages_malformed", "records_malformed", "errors"))
        status = "failed" if failed else "partial" if partial else "ok"
        store.finish_run(run_id, status, tally, None if status == "ok" else "see counts")
        summary.sources[source] = {"status": status, **tally}
    return summary
