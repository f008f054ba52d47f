"""Crawls end: a registry whose cursor never ends, a page cap, a host asking to wait an hour. Real Scrapy crawls
against loopback registries; each run ends in seconds, and the summary says why it stopped."""

import json
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.crawler.test_registry import CURRENT, wrap
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve


class EndlessCursor(Upstream):
    """Each page a new cursor and the same three servers, for ever."""

    def answer(self, path: str) -> Answer:
        page = int(parse_qs(urlsplit(path).query).get("cursor", ["0"])[0])
        servers = [wrap(s) for s in CURRENT[:3]]
        return Answer(body={"servers": servers, "metadata": {"nextCursor": str(page + 1)}}, cacheable=False)


class NewEveryPage(Upstream):
    """Each page a new cursor and a server never seen: only the page cap stops it."""

    def answer(self, path: str) -> Answer:
        page = int(parse_qs(urlsplit(path).query).get("cursor", ["0"])[0])
        server = {**CURRENT[0], "name": f"io.github.endless/server-{page}"}
        return Answer(body={"servers": [wrap(server)], "metadata": {"nextCursor": str(page + 1)}}, cacheable=False)


class Throttled(Upstream):
    """The first page, then a 429 asking to come back in an hour."""

    def answer(self, path: str) -> Answer:
        if "cursor" not in path:
            return Answer(body={"servers": [wrap(CURRENT[0])], "metadata": {"nextCursor": "2"}}, cacheable=False)
        return Answer(429, {"error": "slow down"}, {"Retry-After": "3600"}, cacheable=False)


def env(**values: str) -> dict[str, str]:
    return {**os.environ, **values}


def test_a_cursor_that_never_ends_stops_when_pages_bring_nothing_new(tmp_path: Path) -> None:
    with serve(EndlessCursor) as base:
        started = time.monotonic()
        code, summary, _ = mcprisk_crawl(tmp_path / "c.db", "--source", "registry", "--registry-url", base)
    stats = summary["registry"]
    assert time.monotonic() - started < 60
    assert stats["stopped_stale"] == 1 and stats["pages"] == 4 and stats["status"] == "partial"
    assert len(EndlessCursor.seen) == 4 and code == 0


def test_a_page_cap_per_source(tmp_path: Path) -> None:
    with serve(NewEveryPage) as base:
        code, summary, stderr = mcprisk_crawl(
            tmp_path / "c.db", "--source", "registry", "--registry-url", base, env=env(MCPRISK_CRAWL_MAX_PAGES="7")
        )
    stats = summary["registry"]
    assert stats["pages_capped"] == 1 and stats["pages"] == 7
    assert len(NewEveryPage.seen) == 7 and "MCPRISK_CRAWL_MAX_PAGES" in stderr


def test_a_retry_after_over_the_cap_fails_the_source_for_the_night_at_once(tmp_path: Path) -> None:
    with serve(Throttled) as base:
        started = time.monotonic()
        code, summary, stderr = mcprisk_crawl(tmp_path / "c.db", "--source", "registry", "--registry-url", base)
    stats = summary["registry"]
    assert time.monotonic() - started < 30  # was: an hour, five times over
    assert stats["status"] == "failed" and stats["rate_limited"] >= 1 and code == 4
    assert sum("cursor" in s.path for s in Throttled.seen) == 1  # neither waited for nor retried
    assert "asks to wait 3600 s (Retry-After), over the 300 s cap" in stderr and "given up for tonight" in stderr


class Elsewhere(Upstream):
    """Another host (another port of loopback): what a redirect would reach."""

    def answer(self, path: str) -> Answer:
        return Answer(body={"servers": [wrap(CURRENT[0])], "metadata": {}}, cacheable=False)


class Redirecting(Upstream):
    def answer(self, path: str) -> Answer:
        return Answer(302, b"", {"Location": f"{Elsewhere.base}{path}"}, cacheable=False)


def test_a_redirect_to_another_host_is_followed_only_when_a_setting_allows_it(tmp_path: Path) -> None:
    with serve(Elsewhere), serve(Redirecting) as base:
        code, summary, stderr = mcprisk_crawl(tmp_path / "c.db", "--source", "registry", "--registry-url", base)
        assert not Elsewhere.seen and summary["registry"]["status"] == "failed"  # was: followed
        assert summary["registry"]["redirects_refused"] >= 1 and "redirects to another host (127.0.0.1:" in stderr
        assert "a redirect to another host, refused" in stderr
        allowed = env(MCPRISK_REDIRECT_HOSTS="127.0.0.1")
        code, summary, _ = mcprisk_crawl(tmp_path / "d.db", "--source", "registry", "--registry-url", base, env=allowed)
        assert Elsewhere.seen and summary["registry"]["status"] == "ok"


def test_a_page_cut_at_the_size_cap_is_logged_with_the_reason(tmp_path: Path) -> None:
    with serve(EndlessCursor) as base:
        code, summary, stderr = mcprisk_crawl(
            tmp_path / "c.db",
            "--registry-url",
            base,
            "--source",
            "registry",
            env=env(MCPRISK_ARTIFACT_MAX_BYTES="1000"),
        )
    assert summary["registry"]["status"] == "failed"
    assert "cut at the 1,000-byte size cap (MCPRISK_ARTIFACT_MAX_BYTES)" in stderr  # was: "registry page failed: "


class WrongTypes(Upstream):
    """Fields of the wrong type, as the fuzzer sent them: a number where a list of packages goes, a cursor that no
    URL can carry, then a cursor that is an object."""

    def answer(self, path: str) -> Answer:
        broken = [{**CURRENT[0], "packages": 1.5}, {**CURRENT[1], "remotes": {"a": 1}}, {**CURRENT[2], "packages": [7]}]
        cursor: Any = {"a": 1} if "cursor" in path else "\udcff"
        page = {"servers": [wrap(s) for s in broken] + [wrap(CURRENT[3])], "metadata": {"nextCursor": cursor}}
        return Answer(body=json.dumps(page).encode())


def test_a_record_with_fields_of_the_wrong_type_is_skipped_not_a_spider_error(tmp_path: Path) -> None:
    with serve(WrongTypes) as base:
        code, summary, stderr = mcprisk_crawl(tmp_path / "c.db", "--source", "registry", "--registry-url", base)
    assert "Traceback" not in stderr and "Spider error" not in stderr, stderr[-2000:]
    assert summary["registry"]["records_malformed"] >= 1 and summary["registry"]["status"] == "partial"
    assert summary["registry"]["pages"] == 2 and summary["registry"]["pages_malformed"] == 1
