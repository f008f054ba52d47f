"""Redirects stay on the host that was asked, unless a setting names the other host.

A crawler running inside a cloud follows what hostile upstreams answer: a registry page redirecting to
``http://169.254.169.254/`` or an internal service would be a server-side request forgery. A redirect to
another host (or another port of the same one) is followed only when ``MCPRISK_REDIRECT_HOSTS`` names that
host (``*``: any); otherwise the 3xx goes to the spider as a failed request, and the log says where it pointed.
Runs before Scrapy's redirect middleware (600) sees the answer.
"""

import logging
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from catalog.core.settings import Settings

logger = logging.getLogger(__name__)
REDIRECTS = (301, 302, 303, 307, 308)


class RedirectHostsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        value = crawler.settings.get("MCPRISK_REDIRECT_HOSTS")
        value = Settings.from_env().redirect_hosts if value is None else value
        self.allowed = {host.strip().lower() for host in str(value).split(",") if host.strip()}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RedirectHostsMiddleware":
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Any:
        location = response.headers.get("Location")
        if response.status not in REDIRECTS or location is None or "*" in self.allowed:
            return response
        target = urlsplit(urljoin(request.url, location.decode("latin-1")))
        if target.netloc == urlsplit(request.url).netloc or (target.hostname or "").lower() in self.allowed:
            return response
        request.meta["dont_redirect"] = True
        counts = getattr(self.crawler.spider, "counts", None)
        if counts is not None:
            counts["redirects_refused"] += 1
        logger.warning(
            "%s redirects to another host (%s): not followed (MCPRISK_REDIRECT_HOSTS)", request.url, target.netloc
        )
        return response
