"""Writing each crawled server into the catalogue, one transaction per server, and counting what happened."""

from collections import Counter
from typing import Any

from scrapy.crawler import Crawler

from catalog.database import open_engine
from catalog.errors import MCPRiskError
from catalog.store import Store
from crawler.items import ServerItem


class StorePipeline:
    def __init__(self, database_url: str, crawler: Crawler) -> None:
        self.store = Store(open_engine(database_url))
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        return cls(crawler.settings["MCPRISK_DATABASE_URL"], crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ServerItem):
            return item
        spider = self.crawler.spider
        counts: Counter[str] = spider.counts  # type: ignore[union-attr]
        try:
            result = self.store.upsert_server(item.record, item.source)
        except MCPRiskError as exc:
            spider.logger.warning("skipped %s: %s", item.record.registry_name, exc)
            counts["errors"] += 1
            return item
        counts[f"servers_{result.status}"] += 1
        counts["tools_new"] += len(result.tools_new)
        counts["tools_changed"] += len(result.tools_changed)
        counts["tools_removed"] += len(result.tools_removed)
        return item
