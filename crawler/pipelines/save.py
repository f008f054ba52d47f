"""Store: each crawled server written into the catalogue, one transaction per server, and counted.

The validators of the answers the server came from are saved after it is stored, never before: a crawl
killed in between finds no validator next time and asks again in full, so nothing is skipped unstored.
"""

from typing import Any

from scrapy.crawler import Crawler

from catalog.core.errors import MCPRiskError
from crawler.items import ServerItem
from crawler.pipelines import Pipeline, catalogue


class StorePipeline(Pipeline):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.store = catalogue(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ServerItem):
            return item
        counts = self.counts
        try:
            result = self.store.upsert_server(item.record, item.source)
        except MCPRiskError as exc:
            self.crawler.spider.logger.warning("skipped %s: %s", item.record.identity() or item.source, exc)  # type: ignore[union-attr]
            counts["errors"] += 1
            return item
        self.store.save_validators(item.validators)
        counts[f"servers_{result.status}"] += 1
        counts["tools_new"] += len(result.tools_new)
        counts["tools_changed"] += len(result.tools_changed)
        counts["tools_removed"] += len(result.tools_removed)
        return item
