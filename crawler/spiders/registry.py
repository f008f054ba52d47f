"""The official MCP Registry: every server, page by page, in the current and the legacy response shapes.

`GET /v0.1/servers?limit=&cursor=&updated_since=` (the current API wraps each server with its registry
metadata); a base URL whose `/v0.1` answers 404 is read through the legacy `/v0` shape. One malformed
record is logged with its name and skipped; the rest of the page is still stored.
"""

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from catalog.core.errors import MCPRiskError
from catalog.core.jsontext import clean_text
from crawler.items import ServerItem
from crawler.registry_shapes import server_from_registry
from crawler.spiders import reason
from crawler.spiders.pages import PageGuard


class RegistrySpider(scrapy.Spider):
    name = "registry"
    handle_httpstatus_list = [404]

    def __init__(
        self,
        base_url: str,
        counts: Counter[str],
        page_size: int = 100,
        updated_since: str | None = None,
        limit: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.counts = counts
        self.page_size = page_size
        self.updated_since = updated_since
        self.limit = limit
        self.seen = 0

    def page_url(self, version: str, cursor: str | None = None) -> str:
        params: dict[str, Any] = {"limit": self.page_size}
        if version == "v0.1":
            params["version"] = "latest"
        if cursor:
            params["cursor"] = cursor
        if self.updated_since:
            params["updated_since"] = self.updated_since
        return f"{self.base_url}/{version}/servers?{urlencode(params)}"

    async def start(self) -> Any:
        self.guard = PageGuard.from_settings(self.settings)
        yield scrapy.Request(self.page_url("v0.1"), cb_kwargs={"version": "v0.1"}, errback=self.failed)

    def failed(self, failure: Any) -> None:
        self.counts["pages_failed"] += 1
        self.logger.warning("registry page %s failed: %s", failure.request.url, reason(failure, self))

    def parse(self, response: Response, version: str) -> Iterator[Any]:
        if response.status == 404 and version == "v0.1":
            yield scrapy.Request(self.page_url("v0"), cb_kwargs={"version": "v0"}, errback=self.failed)
            return
        try:
            page = json.loads(response.text)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
            self.counts["pages_malformed"] += 1
            self.logger.warning("registry page %s is not JSON (truncated?): skipped", response.url)
            return
        entries = page.get("servers") if isinstance(page, dict) else page
        if not isinstance(entries, list):
            self.counts["pages_malformed"] += 1
            return
        self.counts["pages"] += 1
        names: list[str] = []
        for entry in entries:
            if self.limit is not None and self.seen >= self.limit:
                return
            try:
                record = server_from_registry(entry)
            except MCPRiskError as exc:
                self.counts["records_malformed"] += 1
                self.logger.warning("registry record skipped: %s", exc)
                continue
            except (TypeError, AttributeError, ValueError, KeyError, IndexError) as exc:  # a field of the wrong type
                self.counts["records_malformed"] += 1  # (found by tests/fuzz: "packages": 1.5 was a spider error)
                self.logger.warning("registry record skipped: malformed (%s: %s)", type(exc).__name__, str(exc)[:200])
                continue
            self.seen += 1
            names.append(f"{record.registry_name}@{record.version}")
            yield ServerItem(record, "registry")
        self.guard.read(names)
        metadata = page.get("metadata") if isinstance(page, dict) else None
        cursor = (metadata or {}).get("nextCursor") or (metadata or {}).get("next_cursor")
        if cursor and not isinstance(cursor, str | int):  # found by tests/fuzz: a cursor of any JSON type
            self.counts["pages_malformed"] += 1
            self.logger.warning("registry page %s names a cursor that is no string: the crawl stops", response.url)
            return
        cursor = clean_text(str(cursor)) if cursor else cursor  # "\udcff" decodes to what no URL can carry
        if cursor and entries and (self.limit is None or self.seen < self.limit):
            if stop := self.guard.stop(str(cursor)):
                self.counts[stop[0]] += 1
                self.logger.warning("registry crawl stopped: %s", stop[1])
                return
            yield scrapy.Request(self.page_url(version, cursor), cb_kwargs={"version": version}, errback=self.failed)
