"""Merge by identity: which source's word stands when several describe the same server.

The catalogue finds a server by its identity (repository URL, then package, then registry name) and
lets any value a source gives overwrite the stored one. For descriptive fields that would make a server
flip between the registry's description and its GitHub description, night after night, each change a
spurious "updated". So sources rank: the registry (the author's own entry), then the packages, then GitHub,
then awesome lists; a lower-ranked source only fills those fields where no higher-ranked source that
already describes the server could have (tool sets rank the same way, in the github spider: a server
whose package gave it tools has no archive read). Within one crawl, a record identical to one already
passed (awesome lists repeat entries across sections) is dropped before it reaches the database.
"""

import hashlib
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ServerItem
from crawler.pipelines import Pipeline, catalogue

RANK = {"registry": 0, "npm": 1, "pypi": 1, "github": 2, "awesome": 3}
DESCRIPTIVE = ("title", "description", "website", "license")


class MergePipeline(Pipeline):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.passed: set[bytes] = set()  # digests of records already passed in this crawl

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ServerItem):
            return item
        if item.artifact is None:
            key = hashlib.sha256(repr((item.source, item.record)).encode()).digest()
            if key in self.passed:
                self.counts["duplicates"] += 1
                raise DropItem(f"{item.record.identity()[0][1]} listed twice", log_level="DEBUG")
            self.passed.add(key)
        rank = RANK.get(item.source, len(RANK))
        if rank == 0 or all(getattr(item.record, f) is None for f in DESCRIPTIVE):
            return item  # the registry's word stands as it is
        existing = catalogue(self.crawler).find_server(item.record)
        if existing is not None and any(RANK.get(s, len(RANK)) < rank for s in existing.sources or []):
            for name in DESCRIPTIVE:
                if getattr(existing, name) is not None:
                    setattr(item.record, name, None)
        return item
