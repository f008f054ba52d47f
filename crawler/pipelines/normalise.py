"""Normalise: scraped text is trimmed, empty strings become "not said", and a record must be identifiable.

Every source hands over strings as it found them; " " or "" from one source must not overwrite what
another said, and a record with no repository, package or registry name cannot be merged with anything,
so it is dropped here, counted and logged, before it reaches the catalogue.
"""

from dataclasses import fields
from typing import Any

from scrapy.exceptions import DropItem

from catalog.core.records import ServerRecord, normalise_repository_url
from crawler.items import ServerItem
from crawler.pipelines import Pipeline

_TEXT = [f.name for f in fields(ServerRecord) if f.type in (str | None, "str | None")]


class NormalisePipeline(Pipeline):
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ServerItem):
            return item
        record = item.record
        for name in _TEXT:
            value = getattr(record, name)
            if isinstance(value, str):
                setattr(record, name, value.strip() or None)
        if record.repository_url and normalise_repository_url(record.repository_url) is None:
            record.repository_url = None  # "https://example.com" names no repository
        if not record.identity():
            self.counts["records_malformed"] += 1
            raise DropItem(f"a {item.source} record names no repository, package or registry name")
        return item
