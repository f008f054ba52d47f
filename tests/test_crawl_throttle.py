"""AutoThrottle on a no-change night: a 304's latency lowers the delay as a 200's does."""

from scrapy.core.downloader import Slot
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.settings import scrapy_settings
from crawler.throttle import NotModifiedAwareAutoThrottle


def test_a_fast_304_lowers_the_delay_that_a_slow_answer_raised() -> None:
    crawler = get_crawler(settings_dict=scrapy_settings())
    throttle = NotModifiedAwareAutoThrottle.from_crawler(crawler)
    throttle.mindelay, throttle.maxdelay = throttle._min_delay(), throttle._max_delay()  # as when a spider opens
    slot = Slot(concurrency=8, delay=0.0, jitter=0)
    throttle._adjust_delay(slot, 2.0, Response("http://127.0.0.1/npm/a", status=304))  # one slow answer
    raised = slot.delay
    assert raised == 0.5
    for _ in range(10):
        throttle._adjust_delay(slot, 0.004, Response("http://127.0.0.1/npm/b", status=304))
    assert slot.delay < 0.01
    throttle._adjust_delay(slot, 0.001, Response("http://127.0.0.1/npm/c", status=404))  # errors still cannot
    assert slot.delay > 0.001
