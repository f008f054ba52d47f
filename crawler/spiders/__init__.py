"""Scrapy spiders, one per source; what they share about downloads is here."""

from typing import Any

from scrapy.exceptions import DownloadCancelledError
from twisted.internet.defer import CancelledError


def over_size_cap(failure: Any) -> bool:
    """Whether a download failed because Scrapy stopped it at DOWNLOAD_MAXSIZE: then the artifact is refused,
    like a hostile one, and remembered as dealt with, so it is not downloaded again until it changes."""
    return bool(failure.check(DownloadCancelledError, CancelledError))
