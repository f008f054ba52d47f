"""The scheduler of a shared crawl: scrapy-redis's, plus knowing when the other workers are done with a phase.

Keys in Redis (all under ``PREFIX``): ``worker:<host>:<pid>`` while a worker lives, ``<spider>:busy:<worker>``
while it has requests in hand, ``<spider>:done`` once a phase is over, beside scrapy-redis's queue and seen-set.
Liveness keys expire unless renewed, so a killed worker stops holding the others back after ``ALIVE_SECONDS``.
"""

import os
import socket
import warnings
from typing import Any

from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.scheduler import Scheduler

from crawler.distributed import PREFIX

ALIVE_SECONDS = 60  # a worker that has not renewed its keys for this long is taken for dead
RECHECK_SECONDS = 0.5  # how often a waiting worker looks at the queue again


class SharedScheduler(Scheduler):  # type: ignore[misc]
    """Seeds, fetches and closes a phase together with the other workers of the same crawl."""

    leaving: set[str] = set()  # workers of this process whose key is removed when the reactor stops

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedScheduler":
        from scrapy import signals

        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        crawler.signals.connect(scheduler.idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider: Any) -> None:
        from twisted.internet import reactor, task

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScrapyDeprecationWarning)  # scrapy-redis 0.9 still calls Spider.log()
            super().open(spider)
        me = f"{socket.gethostname()}:{os.getpid()}"
        self.worker_key = f"{PREFIX}:worker:{me}"
        self.busy_key = f"{PREFIX}:{spider.name}:busy:{me}"
        self.done_key = f"{PREFIX}:{spider.name}:done"
        with self.server.lock(f"{PREFIX}:lock", timeout=30, blocking_timeout=60):
            others = [k for k in self.server.keys(f"{PREFIX}:worker:*") if k.decode() != self.worker_key]
            if not others and not self.server.exists(self.worker_key):
                self._new_crawl()
            self.server.set(self.worker_key, 1, ex=ALIVE_SECONDS)
            self.skipped = bool(self.server.exists(self.done_key))
            if not self.skipped:
                self.server.set(self.busy_key, 1, ex=ALIVE_SECONDS)  # busy from the start: it is seeding
        if self.skipped:
            spider.logger.info("the %s phase of this crawl was finished by other workers: skipped", spider.name)
        if self.worker_key not in SharedScheduler.leaving:  # once per process, whatever the number of phases
            SharedScheduler.leaving.add(self.worker_key)
            # Gone when the crawl ends, so a crawl started right after is a new one, not this finished one.
            reactor.addSystemEventTrigger("before", "shutdown", self.server.delete, self.worker_key)
        self.beat = task.LoopingCall(self._renew)
        self.beat.start(ALIVE_SECONDS / 3, now=False)

    def _new_crawl(self) -> None:
        """Nobody is crawling: what Redis holds is a finished or abandoned crawl's, and this one starts afresh."""
        stale = [k for k in self.server.keys(f"{PREFIX}:*") if k.decode() != f"{PREFIX}:lock"]
        if stale:
            self.server.delete(*stale)

    def _renew(self) -> None:
        self.server.set(self.worker_key, 1, ex=ALIVE_SECONDS)
        if self.server.exists(self.busy_key):
            self.server.expire(self.busy_key, ALIVE_SECONDS)

    # enqueue_request and next_request as scrapy-redis's, without the spider argument Scrapy's stats deprecate.
    def enqueue_request(self, request: Any) -> bool:
        if self.skipped:
            return False
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Any:
        if self.skipped:
            return None
        request = self.queue.pop(self.idle_before_close)
        if request is not None:
            self.server.set(self.busy_key, 1, ex=ALIVE_SECONDS)
            if self.stats:
                self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def idle(self, spider: Any) -> None:
        """Close only when the queue is empty and no other worker is busy (what it fetches may bring more)."""
        from scrapy.exceptions import DontCloseSpider
        from twisted.internet import reactor

        if self.skipped:
            return
        self.server.delete(self.busy_key)
        if len(self.queue) or self.server.keys(f"{PREFIX}:{spider.name}:busy:*"):
            engine_slot = getattr(self.crawler.engine, "_slot", None)  # look again soon, not at the 5 s heartbeat
            if engine_slot is not None:
                reactor.callLater(RECHECK_SECONDS, engine_slot.nextcall.schedule)  # type: ignore[attr-defined]
            raise DontCloseSpider
        self.server.set(self.done_key, 1)

    def close(self, reason: str) -> None:
        if self.beat.running:
            self.beat.stop()
        super().close(reason)
