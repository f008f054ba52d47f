"""When a paginated crawl stops: a page cap per source, and a stop when pages bring nothing new.

A registry whose cursor never ends (each page a new cursor and the same few servers) would keep a nightly
run, and its lock, forever. A cursor seen before ends the crawl at once; pages that name no server not already
seen end it after a few in a row; and however the pages look, a source reads at most so many of them.
"""

from collections.abc import Iterable
from typing import Any

from catalog.core.settings import Settings


class PageGuard:
    def __init__(self, max_pages: int, stale_pages: int) -> None:
        self.max_pages, self.stale_pages = max_pages, stale_pages
        self.pages = self.stale = 0
        self.names: set[str] = set()
        self.cursors: set[str] = set()

    @classmethod
    def from_settings(cls, settings: Any) -> "PageGuard":
        """Scrapy settings (``MCPRISK_CRAWL_MAX_PAGES``, ``MCPRISK_CRAWL_STALE_PAGES``) over mcprisk's."""
        defaults = Settings.from_env()
        return cls(
            settings.getint("MCPRISK_CRAWL_MAX_PAGES", defaults.crawl_max_pages),
            settings.getint("MCPRISK_CRAWL_STALE_PAGES", defaults.crawl_stale_pages),
        )

    def read(self, names: Iterable[str]) -> None:
        """One page read, naming these servers."""
        self.pages += 1
        new = {n for n in names if n not in self.names}
        self.names |= new
        self.stale = 0 if new else self.stale + 1

    def stop(self, cursor: str) -> tuple[str, str] | None:
        """Why the page at ``cursor`` is not asked for ((count, sentence)), or None to go on."""
        if self.pages >= self.max_pages:
            return "pages_capped", f"{self.pages} pages read, the MCPRISK_CRAWL_MAX_PAGES cap"
        if self.stale >= self.stale_pages:
            return "stopped_stale", f"{self.stale} pages in a row brought no new server (a cursor that never ends?)"
        if cursor in self.cursors:
            return "stopped_stale", "the next cursor was one already followed"
        self.cursors.add(cursor)
        return None
