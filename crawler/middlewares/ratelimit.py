"""Rate limits make the crawl wait, never fail: GitHub's primary and secondary limits, and any Retry-After.

GitHub says how many requests are left (``X-RateLimit-Remaining``) and when the window resets
(``X-RateLimit-Reset``, epoch seconds); a secondary limit answers 403 or 429 with ``Retry-After``, or
with neither header and a message, and then asks for at least a minute's pause. Any host answering 403,
429 or 503 with ``Retry-After`` is treated the same way. A limited request is asked again once the wait is
over, and every other request to that host waits too, instead of burning its retries on the same refusal.
A host that reports zero requests left on a successful answer is paused until its reset before the next
request. Waits are capped (``MCPRISK_RATELIMIT_MAX_WAIT`` seconds), and so is the number of waits per
request: after that the refusal goes to the spider as any failed request would, and the run goes on.
A ``Retry-After`` longer than ``MCPRISK_RETRY_AFTER_MAX`` (a few minutes) is not waited for at all: the source
is given up for the night (its crawl closes, and the run reports it failed), and the log says how long the host
asked for. Every wait logged is the one really waited, after the caps.

Ordinary retries (5xx, and 429 without a word on when to come back) are the retry middleware's; this one only
spaces them out: the n-th retry of a request waits ``MCPRISK_RETRY_BACKOFF`` × 2^(n-1) seconds first.
"""

import logging
import time
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from catalog.core.settings import Settings

logger = logging.getLogger(__name__)

SECONDARY_PAUSE = 60.0  # GitHub: "wait at least one minute" when a secondary limit names no time
LIMITED = (403, 429, 503)
MAX_BACKOFF = 60.0


class RateLimitMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("MCPRISK_RATELIMIT_MAX_WAIT", 3600.0)
        self.max_waits = crawler.settings.getint("MCPRISK_RATELIMIT_MAX_WAITS", 5)
        self.backoff = crawler.settings.getfloat("MCPRISK_RETRY_BACKOFF", 1.0)
        self.retry_after_max = crawler.settings.getfloat("MCPRISK_RETRY_AFTER_MAX", Settings.from_env().retry_after_max)
        self.given_up = False
        self.resume_at: dict[str, float] = {}  # host -> when it may be asked again (time.time())

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RateLimitMiddleware":
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        delay = self.resume_at.get(urlparse_cached(request).netloc, 0.0) - time.time()
        retries = request.meta.get("retry_times", 0)  # set by the retry middleware on the copies it sends again
        if retries:
            delay = max(delay, min(self.backoff * 2 ** (retries - 1), MAX_BACKOFF))
        if delay > 0:
            await _sleep(min(delay, self.max_wait))

    async def process_response(self, request: Request, response: Response) -> Any:
        host = urlparse_cached(request).netloc
        if response.status < 300:
            if response.headers.get("X-RateLimit-Remaining") == b"0":
                self._pause(host, _until_reset(response) or 0.0)
            return response
        wait = limit_wait(response)
        if wait is None:
            return response
        if response.headers.get("Retry-After") is not None and wait > self.retry_after_max:
            return self._give_up(request, response, host, wait)
        waits = request.meta.get("ratelimit_waits", 0)
        if waits >= self.max_waits:
            logger.warning("%s still rate limited after %d waits: %s given up", host, waits, request.url)
            return response
        wait = self._pause(host, wait)
        self.crawler.stats.inc_value("mcprisk/ratelimit_waits")  # type: ignore[union-attr]
        logger.warning("%s is rate limited (%d): waiting %.0f s before asking again", host, response.status, wait)
        retry = request.replace(dont_filter=True)
        retry.meta["ratelimit_waits"] = waits + 1
        return retry

    def _pause(self, host: str, seconds: float) -> float:
        """Pause ``host``; the seconds it will really wait (capped, and at least any pause already set)."""
        until = time.time() + min(seconds, self.max_wait)
        self.resume_at[host] = max(self.resume_at.get(host, 0.0), until)
        return self.resume_at[host] - time.time()

    def _give_up(self, request: Request, response: Response, host: str, wait: float) -> Response:
        """A host asking for longer than the cap: its source fails for tonight instead of holding the run."""
        spider = self.crawler.spider
        counts = getattr(spider, "counts", None)
        if counts is not None:
            counts["rate_limited"] += 1
        request.meta["dont_retry"] = True  # nor does the retry middleware ask again
        if not self.given_up:
            self.given_up = True
            logger.warning(
                "%s asks to wait %.0f s (Retry-After), over the %.0f s cap (MCPRISK_RETRY_AFTER_MAX): %s given up"
                " for tonight",
                host,
                wait,
                self.retry_after_max,
                getattr(spider, "name", "the source"),
            )
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="rate_limited"))  # type: ignore[union-attr]
        return response


def limit_wait(response: Response) -> float | None:
    """Seconds to wait before asking again, or None when ``response`` is no rate limit."""
    if response.status not in LIMITED:
        return None
    retry_after = response.headers.get("Retry-After")
    if retry_after is not None:
        return _retry_after(retry_after.decode("latin-1"))
    if response.status == 503:
        return None  # an ordinary server error: the retry middleware's business
    if response.headers.get("X-RateLimit-Remaining") == b"0":
        return _until_reset(response) or SECONDARY_PAUSE
    if b"rate limit" in response.body[:2000].lower():
        return SECONDARY_PAUSE  # a secondary limit without headers
    return None  # a real 403 (private, blocked): the spider hears of it


def _retry_after(value: str) -> float:
    """Retry-After is delta-seconds or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return SECONDARY_PAUSE


def _until_reset(response: Response) -> float | None:
    reset = response.headers.get("X-RateLimit-Reset")
    try:
        return max(0.0, float(reset) - time.time()) + 0.5 if reset else None  # the reset second itself, then go
    except ValueError:
        return None


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor, task

    await maybe_deferred_to_future(task.deferLater(reactor, seconds))  # type: ignore[arg-type]
