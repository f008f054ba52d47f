"""Conditional requests: ask "changed since?" with the validators the catalogue stored last time.

A request whose ``meta["conditional"]`` is true gets ``If-None-Match`` / ``If-Modified-Since`` from what
the same URL answered the last time its result was stored; an upstream with nothing new answers 304, which
costs no rate limit on GitHub and no body anywhere. The validators live in the catalogue (table
``validator``), not in an HTTP cache folder: they survive between nights wherever the catalogue goes, they
are saved only once the server they describe is stored, and no artifact is ever kept whole. ``--full``
turns them off (``MCPRISK_CONDITIONAL``).

Spiders mark only their first request per server conditional (a packument, a repository's metadata), and
read the answer's own validators with :func:`validators_of` to carry them to the store pipeline.
"""

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.items import Validators
from crawler.pipelines import catalogue


class ConditionalRequestsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("MCPRISK_CONDITIONAL", True)
        self.known: Validators | None = None  # read once, when the first conditional request goes out

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ConditionalRequestsMiddleware":
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if not (self.enabled and request.meta.get("conditional")):
            return
        if self.known is None:
            # A snapshot taken before this crawl stores anything: a URL asked twice in one crawl (a package
            # followed as another's dependency) is asked in full the second time.
            self.known = catalogue(self.crawler).validators()
        etag, modified = self.known.get(request.url, (None, None))
        if etag:
            request.headers.setdefault("If-None-Match", etag)
        if modified:
            request.headers.setdefault("If-Modified-Since", modified)
        if etag or modified:
            # AutoThrottle only ever raises its delay on an answer that is not a 200 (it never lowers it on one):
            # a night of 304s would slow the crawl down step by step for no reason.
            request.meta["autothrottle_dont_adjust_delay"] = True

    def process_response(self, request: Request, response: Response) -> Any:
        if response.status == 304 and request.meta.get("conditional"):
            self.crawler.stats.inc_value("mcprisk/not_modified")  # type: ignore[union-attr]
        return response


def validators_of(response: Response) -> Validators:
    """The validators ``response`` carries, keyed by the URL first asked (before any redirect)."""
    etag = response.headers.get("ETag")
    modified = response.headers.get("Last-Modified")
    if not etag and not modified:
        return {}
    url = (response.meta.get("redirect_urls") or [response.url])[0]
    return {url: (_text(etag), _text(modified))}


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
