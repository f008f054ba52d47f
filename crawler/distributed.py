"""One crawl split between several processes and machines: scrapy-redis's shared request queue and seen-set.

Every worker runs the same ``mcprisk crawl --redis-url …``; each source is a phase that all workers go
through together. Requests (the registry's pages, the packuments, the artifacts) go through one queue in
Redis, and a URL seen by any worker is never fetched again by another, so the start requests every worker
makes are fetched once. A worker that runs out of work waits while another is still busy, since whatever
that one fetches may bring more; the phase is over when the queue is empty and nobody is busy, and a
worker that arrives later skips it. A worker announces itself with a key that expires unless renewed, so
one that was killed stops counting; when no worker is alive, the next one starts a new crawl and clears
what the last crawl left in Redis.
"""

from typing import Any

from catalog.core.errors import ConfigError

PREFIX = "mcprisk"  # every key this crawl keeps in Redis starts with it


def redis_settings(redis_url: str | None) -> dict[str, Any]:
    """Scrapy settings that make this crawl one worker of a shared crawl; nothing when there is no Redis."""
    if not redis_url:
        return {}
    try:
        import redis  # noqa: F401
        import scrapy_redis  # noqa: F401
    except ImportError:
        raise ConfigError("a shared crawl needs scrapy-redis: pip install 'mcprisk[distributed]'") from None
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.shared_scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{PREFIX}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{PREFIX}:%(spider)s:seen",
        "SCHEDULER_PERSIST": True,  # a worker that is done must not empty the queue others still read
    }
