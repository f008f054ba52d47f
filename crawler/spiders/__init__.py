"""Scrapy spiders, one per source; what they share about downloads is here."""

from typing import Any

from scrapy.exceptions import DownloadCancelledError
from twisted.internet.defer import CancelledError


def over_size_cap(failure: Any) -> bool:
    """Whether a download failed because Scrapy stopped it at DOWNLOAD_MAXSIZE: then the artifact is refused,
    like a hostile one, and remembered as dealt with, so it is not downloaded again until it changes."""
    return bool(failure.check(DownloadCancelledError, CancelledError))


def reason(failure: Any, spider: Any) -> str:
    """Why a request failed, in words for the log: the size cap (with its figure), an HTTP status, a redirect
    refused, or the error itself (cut short). A cancelled download's own message is empty."""
    if over_size_cap(failure):
        cap = spider.settings.getint("DOWNLOAD_MAXSIZE") if getattr(spider, "settings", None) else 0
        return f"cut at the {cap:,}-byte size cap (MCPRISK_ARTIFACT_MAX_BYTES)"
    response = getattr(failure.value, "response", None)
    if response is not None:
        if 300 <= response.status < 400:
            return f"HTTP {response.status}: a redirect to another host, refused (MCPRISK_REDIRECT_HOSTS)"
        return f"HTTP {response.status}"
    return f"{type(failure.value).__name__}: {str(failure.value)[:200]}"
