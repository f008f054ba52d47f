"""Item pipelines, in order: normalise, merge by identity, extract tools, store (see crawler.settings)."""

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
