"""Store: each crawled server written into the catalogue, one transaction per server, and counted.

The validators of the answers the server came from are saved after it is stored, never before: a crawl
killed in between finds no validator next time and asks again in full, so nothing is skipped unstored.
"""

from collections import Counter
from typing import Any

from scrapy.crawler import Crawler

from catalog.errors import MCPRiskError
from crawler.items import ServerItem
from crawler.pipelines import catalogue


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.store = catalogue(crawler)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ServerItem):
            return item
        spider = self.crawler.spider
        counts: Counter[str] = spider.counts  # type: ignore[union-attr]
        try:
            result = self.store.upsert_server(item.record, item.source)
        except MCPRiskError as exc:
            spider.logger.warning("skipped %s: %s", item.record.identity() or item.source, exc)  # type: ignore[union-attr]
            counts["errors"] += 1
            return item
        self.store.save_validators(item.validators)
        counts[f"servers_{result.status}"] += 1
        counts["tools_new"] += len(result.tools_new)
        counts["tools_changed"] += len(result.tools_changed)
        counts["tools_removed"] += len(result.tools_removed)
        return item
