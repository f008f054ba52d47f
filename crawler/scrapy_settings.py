"""Scrapy settings for every mcprisk crawl: polite, patient with failing hosts, quiet in the logs."""

from typing import Any

USER_AGENT = "mcprisk/0.1 (risk catalogue of MCP servers; crawler)"


def scrapy_settings(**overrides: Any) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": False,  # APIs, not pages; rate limits are honoured through Retry-After instead
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 4.0,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "DOWNLOAD_TIMEOUT": 30,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504, 522, 524, 408],
        "DOWNLOAD_MAXSIZE": 100 * 2**20,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "LOG_INSTALL_ROOT_HANDLER": False,
        "ITEM_PIPELINES": {
            "crawler.pipelines.normalise.NormalisePipeline": 100,
            "crawler.pipelines.merge.MergePipeline": 200,
            "crawler.pipelines.extract.ExtractPipeline": 300,
            "crawler.pipelines.save.StorePipeline": 800,
        },
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.conditional.ConditionalRequestsMiddleware": 560,
            # Sees answers before the retry middleware (550) does: a rate limit is waited out, not retried.
            "crawler.middlewares.ratelimit.RateLimitMiddleware": 580,
            "crawler.middlewares.redirects.RedirectHostsMiddleware": 650,  # before the redirect middleware (600)
        },
        "MCPRISK_CONDITIONAL": True,  # If-None-Match / If-Modified-Since from the catalogue's validators
        "MCPRISK_RATELIMIT_MAX_WAIT": 3600.0,  # seconds: GitHub's primary window is an hour
        "MCPRISK_RATELIMIT_MAX_WAITS": 5,
        "MCPRISK_RETRY_BACKOFF": 1.0,  # seconds before the first retry of a failed request, doubled each time
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }
    settings.update(overrides)
    return settings
