"""Item pipelines, in order: normalise, merge by identity, extract tools, store (see crawler.scrapy_settings)."""

from collections import Counter
from typing import Self

from scrapy.crawler import Crawler

from catalog.database import open_engine
from catalog.store import Store


def catalogue(crawler: Crawler) -> Store:
    """The catalogue this crawl writes, opened once per crawler and shared by its pipelines and middlewares."""
    store = getattr(crawler, "_mcprisk_store", None)
    if store is None:
        store = Store(open_engine(crawler.settings["MCPRISK_DATABASE_URL"]))
        crawler._mcprisk_store = store  # type: ignore[attr-defined]
    return store


class Pipeline:
    """A pipeline built from its crawler (Scrapy's ``from_crawler``), which it keeps for settings and counts."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def counts(self) -> Counter[str]:
        """The running spider's tally, which the summary and the crawl-run row report."""
        return self.crawler.spider.counts  # type: ignore[union-attr,no-any-return]
