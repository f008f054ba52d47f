"""Awesome lists: a curated README whose list entries name GitHub repositories, for discovery.

Entries look like ``- [owner/repo](https://github.com/owner/repo) 📇 ☁️ - what it does``; some have no
`` - `` between the badges and the description, some repeat across sections, some link elsewhere
(GitLab, a vendor's site, the list's own headings): only GitHub repositories are kept, once each. The
README is read as Markdown (markdown-it), so links inside descriptions and code spans are not mistaken
for entries. Each repository becomes a server keyed by its normalised URL, merging with what other sources
stored; the github source then reads its metadata, README and tools.

The list is asked "changed since?" (the conditional-request middleware): an unchanged list costs one 304.
Its validators travel on the last entry's item, so they are saved only once the whole list is stored (and
never from a ``--limit`` run, which stores part of it).
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy
from markdown_it import MarkdownIt
from scrapy.http import Response

from catalog.core.records import ServerRecord, normalise_repository_url
from crawler.items import ServerItem
from crawler.middlewares.conditional import validators_of
from crawler.spiders import reason

_DASHES = ("-", "–", "—")


@dataclass
class Entry:
    repository: str  # normalised: github.com/owner/repo[/subfolder]
    url: str  # as the list links it
    description: str | None
    badges: list[str] = field(default_factory=list)  # the list's emoji: language, local/cloud, platforms


def parse_awesome(markdown: str) -> list[Entry]:
    """Every GitHub repository the list's entries link first, in order, each once."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    found: dict[str, Entry] = {}
    for i, token in enumerate(tokens):
        if token.type != "inline" or i < 2 or tokens[i - 2].type != "list_item_open" or not token.children:
            continue
        first = token.children[0]
        if first.type != "link_open":
            continue
        href = str(first.attrs.get("href") or "")
        key = normalise_repository_url(href) if href.startswith(("https://", "http://")) else None
        if not key or not key.startswith("github.com/") or key in found:
            continue
        close = next(n for n, child in enumerate(token.children) if child.type == "link_close")
        rest = "".join(c.content for c in token.children[close + 1 :] if c.type in ("text", "code_inline"))
        badges, description = _split(rest)
        found[key] = Entry(key, href, description, badges)
    return list(found.values())


def _split(text: str) -> tuple[list[str], str | None]:
    """``📇 ☁️ - Does things`` or ``📇 ☁️ Does things``: the badges, then the description."""
    words = text.split()
    n = 0
    while n < len(words) and not any(ch.isalnum() for ch in words[n]) and words[n] not in _DASHES:
        n += 1
    badges = [b for b in (w.rstrip("".join(_DASHES)) for w in words[:n]) if b]  # "🐧- real-time access…"
    rest = words[n:]
    if rest and rest[0] in _DASHES:
        rest = rest[1:]
    return badges, " ".join(rest) or None


class AwesomeSpider(scrapy.Spider):
    name = "awesome"
    handle_httpstatus_list = [304]

    def __init__(self, url: str, counts: Counter[str], limit: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.counts = counts
        self.limit = limit

    async def start(self) -> Any:
        yield scrapy.Request(self.url, callback=self.parse, errback=self.failed, meta={"conditional": True})

    def failed(self, failure: Any) -> None:
        self.counts["pages_failed"] += 1
        self.logger.warning("awesome list %s failed: %s", self.url, reason(failure, self))

    def parse(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            self.counts["not_modified"] += 1
            return
        entries = parse_awesome(response.body.decode("utf-8", errors="replace"))
        if not entries:
            self.counts["pages_malformed"] += 1
            self.logger.warning("awesome list %s names no GitHub repository: is it the right file?", self.url)
            return
        self.counts["pages"] += 1
        chosen = entries[: self.limit] if self.limit else entries
        for n, entry in enumerate(chosen, 1):
            record = ServerRecord(
                repository_url=entry.url,  # the store keys it by its normalised form, entry.repository
                description=entry.description,
                extra={"awesome_badges": entry.badges} if entry.badges else {},
            )
            whole = n == len(chosen) == len(entries)
            yield ServerItem(record, self.name, validators=validators_of(response) if whole else {})
