"""Merge by identity: which source's word stands when several describe the same server.

The catalogue finds a server by its identity (repository URL, then package, then registry name) and
lets any value a source gives overwrite the stored one. For descriptive fields that would make a server
flip between the registry's description and its GitHub description, night after night, each change a
spurious "updated". So sources rank: the registry (the author's own entry), then the packages, then GitHub,
then awesome lists; a lower-ranked source only fills those fields where no higher-ranked source that
already describes the server could have. Tool sets rank the same way: the published package is what
users run, so once a server's npm or PyPI package has given it tools, its repository archive is not
extracted over them (a tool found in one and missed in the other would otherwise be removed and added
back night after night). Within one crawl, a record identical to one already passed (awesome lists
repeat entries across sections) is dropped before it reaches the database.
"""

import hashlib
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ServerItem
from crawler.pipelines import Pipeline, catalogue

RANK = {"registry": 0, "npm": 1, "pypi": 1, "github": 2, "awesome": 3}
DESCRIPTIVE = ("title", "description", "website", "license")
PACKAGES = {"npm", "pypi"}


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
        describes = any(getattr(item.record, f) is not None for f in DESCRIPTIVE)
        if rank <= 1 or not (describes or item.artifact is not None):
            return item  # the registry's and the packages' word stands as it is
        store = catalogue(self.crawler)
        existing = store.find_server(item.record)
        if existing is None or existing.id is None:
            return item
        above = {s for s in existing.sources or [] if RANK.get(s, len(RANK)) < rank}
        if above:
            for name in DESCRIPTIVE:
                if getattr(existing, name) is not None:
                    setattr(item.record, name, None)
        if item.artifact is not None and above & PACKAGES and store.has_tools(existing.id):
            item.artifact = None
            self.counts["tools_left_to_packages"] += 1
        return item
