"""AutoThrottle that takes a 304 for the answer it is.

Scrapy's AutoThrottle lets only a 200 lower the delay between requests (error pages are fast and would
talk it down). A night with nothing new is almost all 304s: one slow answer would raise the delay and
nothing could lower it again, so the cheapest crawl of all would crawl along at its slowest pace. A 304 is
an upstream's real answer to a real question, so here its latency counts like a 200's.
"""

from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response


class NotModifiedAwareAutoThrottle(AutoThrottle):
    def _adjust_delay(self, slot: object, latency: float, response: Response) -> None:
        if response.status == 304:
            response = response.replace(status=200)
        super()._adjust_delay(slot, latency, response)  # type: ignore[arg-type]
