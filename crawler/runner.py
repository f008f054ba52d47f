"""Running a crawl in this process: one Scrapy run, one CrawlRun row per source, a summary at the end.

Incremental by default: the registry is asked only for servers updated since the start of the last
successful run of that source. Scrapy's reactor starts once per process, so one call per process.
"""

import signal
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from catalog.core.errors import ConfigError
from catalog.core.settings import Settings
from catalog.database import open_engine
from catalog.store import Store

# In the order they run: packages after the registry that names them, GitHub after every source of repositories.
SOURCES = ("registry", "npm", "pypi", "awesome", "github")
PROBLEMS = (  # counts that make a source's run partial, or failed when nothing else got through
    "pages_failed",
    "pages_malformed",
    "records_malformed",
    "errors",
    "requests_failed",
    "metadata_malformed",
    "artifacts_refused",
    "pages_capped",
    "stopped_stale",
    "redirects_refused",
)
Progress = Callable[[str, dict[str, int]], None]  # (source, counts so far), called twice a second while crawling


@dataclass
class CrawlSummary:
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def failed(self) -> list[str]:
        return [name for name, s in self.sources.items() if s["status"] == "failed"]


def crawl(
    settings: Settings,
    sources: list[str],
    limit: int | None = None,
    full: bool = False,
    repositories: list[str] | None = None,
    progress: Progress | None = None,
    offline: bool = False,
) -> CrawlSummary:
    """Crawl ``sources`` in the order of SOURCES (npm after the registry, so it sees the packages the registry
    just named; github after awesome, so it reads the repositories the list just discovered).

    ``repositories`` (GitHub URLs or owner/name) limits the github source to those; ``full`` also turns off
    conditional requests, so every answer is read again in full. ``offline`` (a corpus served on loopback)
    ignores any proxy the environment names, so the crawl never leaves the machine.
    """
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ConfigError(f"unknown or not yet available source {', '.join(unknown)}: choose from {', '.join(SOURCES)}")
    from scrapy.crawler import CrawlerRunner
    from scrapy.utils.reactor import install_reactor

    from crawler.distributed import redis_settings
    from crawler.scrapy_settings import scrapy_settings

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    from twisted.internet import defer, reactor

    store = Store(open_engine(settings.database_url))
    shared = redis_settings(settings.redis_url)  # several workers, one queue and seen-set, when Redis is given
    runner = CrawlerRunner(
        scrapy_settings(
            MCPRISK_DATABASE_URL=settings.database_url,
            MCPRISK_CONDITIONAL=not full,
            DOWNLOAD_MAXSIZE=settings.artifact_max_bytes,
            HTTPPROXY_ENABLED=not offline,
            **shared,
        )
    )
    summary = CrawlSummary()

    @defer.inlineCallbacks
    def run_all() -> Any:
        from twisted.internet import task

        try:
            for source in sorted(set(sources), key=SOURCES.index):
                counts: Counter[str] = Counter()
                url = settings.registry_url if source == "registry" else None  # what updated_since depends on
                last = None if full else store.last_successful_run(source, url)
                run_id = store.start_run(source, url)
                spider, kwargs = _spider(source, settings, store, last, limit, repositories, full)
                ticker = task.LoopingCall(lambda: progress(source, dict(counts))) if progress else None  # noqa: B023
                if ticker is not None:
                    ticker.start(0.5)
                yield runner.crawl(spider, counts=counts, **kwargs)
                if ticker is not None:
                    ticker.stop()
                summary.sources[source] = _finish(store, run_id, dict(counts))
                if progress is not None:
                    progress(source, summary.sources[source])
        finally:
            if reactor.running:  # type: ignore[attr-defined]
                reactor.stop()  # type: ignore[attr-defined]

    interrupted = _stop_on_interrupt(reactor)
    run_all()
    reactor.run()  # type: ignore[attr-defined]
    if interrupted:
        raise KeyboardInterrupt  # what was stored stays; the CLI says "interrupted" and exits 130
    return summary


def _stop_on_interrupt(reactor: Any) -> list[int]:
    """Ctrl-C stops the reactor and is then raised again, instead of Twisted's handler ending the crawl as if it
    were done. Left alone where SIGINT is ignored (the nightly's crawl process: its parent handles Ctrl-C)."""
    caught: list[int] = []
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:

        def stop(signum: int, _frame: Any) -> None:
            caught.append(signum)
            reactor.callFromThread(lambda: reactor.running and reactor.stop())

        signal.signal(signal.SIGINT, stop)  # Twisted installs none of its own over a handler already set
    return caught


def _spider(
    source: str,
    settings: Settings,
    store: Store,
    last: Any,
    limit: int | None,
    repositories: list[str] | None,
    full: bool,
) -> tuple[Any, dict[str, Any]]:
    if source == "registry":
        from crawler.spiders.registry import RegistrySpider

        since = last.started.strftime("%Y-%m-%dT%H:%M:%SZ") if last is not None else None
        return RegistrySpider, {"base_url": settings.registry_url, "updated_since": since, "limit": limit}
    if source == "awesome":
        from crawler.spiders.awesome import AwesomeSpider

        return AwesomeSpider, {"url": settings.awesome_url, "limit": limit}
    if source == "github":
        return _github(settings, store, limit, repositories, full)
    from crawler.registries import npm_registry_url, pypi_url
    from crawler.spiders.package_reads import wanted
    from crawler.spiders.packages import NpmSpider, PypiSpider

    packages = wanted(source, store.packages(source), full)
    packages = packages[:limit] if limit else packages
    if source == "npm":
        return NpmSpider, {"base_url": npm_registry_url(settings), "packages": packages}
    return PypiSpider, {"base_url": pypi_url(settings), "packages": packages}


def _github(
    settings: Settings, store: Store, limit: int | None, repositories: list[str] | None, full: bool
) -> tuple[Any, dict[str, Any]]:
    """Every GitHub repository the catalogue knows, or only those named, with what was read of each before
    (``full``: nothing, so every archive is read again)."""
    from catalog.core.records import normalise_repository_url
    from crawler.extract import VERSION as EXTRACTOR_VERSION
    from crawler.spiders.github import GithubSpider, Known

    known = {
        url: Known(url, None if full or stale else extra.get("archive_pushed_at"), packaged)
        for url, extra, packaged in store.repositories("github.com")
        for stale in [extra.get("archive_extractor") != EXTRACTOR_VERSION]  # read by an older extraction
    }
    if repositories:
        named = (r if "://" in r or r.startswith("github.com/") else f"github.com/{r}" for r in repositories)
        wanted = [normalise_repository_url(r) for r in named]  # a URL, or owner/name
        servers = [known.get(url) or Known(url) for url in dict.fromkeys(w for w in wanted if w)]
    else:
        servers = list(known.values())
    options = {"base_url": settings.github_api_url, "servers": servers, "token": settings.github_token}
    return GithubSpider, {**options, "limit": limit}


def _finish(store: Store, run_id: int, tally: dict[str, int]) -> dict[str, Any]:
    done = sum(tally.get(k, 0) for k in ("pages", "artifacts", "metadata", "not_modified", "skipped_by_version"))
    failed = (done == 0 and any(tally.get(k) for k in PROBLEMS)) or bool(tally.get("rate_limited"))
    status = "failed" if failed else "partial" if any(tally.get(k) for k in PROBLEMS) else "ok"
    store.finish_run(run_id, status, tally, None if status == "ok" else "see counts")
    return {"status": status, **tally}
