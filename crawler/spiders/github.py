"""GitHub repositories: metadata and README from the REST API, the archive only when ``pushed_at`` moved.

For each repository the catalogue knows (its servers' repository URLs) or the command line names:
``GET /repos/{owner}/{repo}`` (stars, license, pushed_at, archived, default branch, topics), asked
conditionally with the ETag stored last time, so an unchanged repository costs one 304 and nothing else;
then ``/repos/{owner}/{repo}/readme`` (raw); then, when ``pushed_at`` differs from the one whose archive was
last read (or an older extraction read it: ``archive_extractor``), the archive
``/repos/{owner}/{repo}/tarball/{default branch}``, one capped download whose tools the extraction pipeline finds.
One repository can hold several servers (a monorepo's subfolders): it is asked once, and each server's tools come
from its own folder of the same archive. A server whose npm or PyPI package gave it its tools needs no archive (the
published package is what users run): a repository of such servers only is never downloaded.

With a ``file://`` base URL (a snapshot on disk) the metadata is ``repos/{owner}/{repo}.json`` beside the
``repos/{owner}/{repo}/readme`` and ``repos/{owner}/{repo}/tarball/{ref}`` files.
"""

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import scrapy
from scrapy.http import Response

from catalog.core.records import ServerRecord, normalise_repository_url
from crawler.extract import VERSION as EXTRACTOR_VERSION
from crawler.items import Artifact, ServerItem, Validators
from crawler.middlewares.conditional import validators_of
from crawler.spiders import over_size_cap, reason

README_CHARS = 100_000  # a README is stored for the site and the classifier's context, not archived whole
API_VERSION = "2022-11-28"
ARCHIVE_TIMEOUT = 300  # seconds: a monorepo's archive is larger than any API answer


class Known(NamedTuple):
    """A server's repository as the catalogue knows it."""

    url: str  # normalised: github.com/owner/repo[/subfolder]
    archive_pushed_at: str | None = None  # the pushed_at whose archive was last read for it
    packaged: bool = False  # its tools came with its npm/PyPI package: its archive needs no reading


@dataclass
class Repository:
    owner: str
    name: str
    servers: dict[str, str | None]  # normalised repository URL (with any subfolder) -> pushed_at last extracted
    packaged: set[str] = field(default_factory=set)  # those of its servers whose tools came with a package

    @property
    def slug(self) -> str:
        return f"{self.owner}/{self.name}"


@dataclass
class Metadata:
    stars: int | None
    license: str | None
    pushed_at: str | None
    archived: bool
    default_branch: str
    topics: list[str]
    description: str | None


def repositories(servers: list[Known]) -> list[Repository]:
    """The servers' GitHub repositories, each once, with what was read of them before."""
    found: dict[tuple[str, str], Repository] = {}
    for known in servers:
        key = normalise_repository_url(known.url)
        if not key or not key.startswith("github.com/"):
            continue
        owner, name = key.split("/")[1:3]
        repo = found.setdefault((owner, name), Repository(owner, name, {}))
        repo.servers.setdefault(key, known.archive_pushed_at)
        if known.packaged:
            repo.packaged.add(key)
    return list(found.values())


class GithubSpider(scrapy.Spider):
    name = "github"
    handle_httpstatus_list = [304, 404]
    # GitHub's secondary limits punish many simultaneous requests: a few at a time, however many repositories.
    custom_settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": 4}

    def __init__(
        self,
        base_url: str,
        servers: list[Known],
        counts: Counter[str],
        token: str | None = None,
        limit: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.repositories = repositories(servers)[:limit] if limit else repositories(servers)
        self.counts = counts
        self.token = token

    def url(self, repo: Repository, what: str = "") -> str:
        base = f"{self.base_url}/repos/{repo.owner}/{repo.name}"
        if not what and self.base_url.startswith("file:"):
            return f"{base}.json"
        return f"{base}/{what}" if what else base

    def headers(self, accept: str = "application/vnd.github+json") -> dict[str, str]:
        headers = {"Accept": accept, "X-GitHub-Api-Version": API_VERSION}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    async def start(self) -> Any:
        for repo in self.repositories:
            # Only a repository whose every server was read before may be skipped by a 304.
            known = all(repo.servers.values())
            yield scrapy.Request(
                self.url(repo),
                headers=self.headers(),
                callback=self.parse_repo,
                errback=self.failed,
                meta={"conditional": known},
                cb_kwargs={"repo": repo},
            )

    def failed(self, failure: Any) -> None:
        self.counts["requests_failed"] += 1
        self.logger.warning("github request %s failed: %s", failure.request.url, reason(failure, self))

    def parse_repo(self, response: Response, repo: Repository) -> Iterator[Any]:
        if response.status == 304:
            self.counts["not_modified"] += 1
            self.counts["servers_unchanged"] += len(repo.servers)
            return
        if response.status == 404:
            self.counts["repos_missing"] += 1
            self.logger.warning("github repository %s is gone (404): left as it was", repo.slug)
            return
        try:
            meta = _metadata(json.loads(response.text))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.counts["metadata_malformed"] += 1
            self.logger.warning("github metadata of %s is malformed or truncated: skipped", repo.slug)
            return
        self.counts["metadata"] += 1
        yield scrapy.Request(
            self.url(repo, "readme"),
            headers=self.headers("application/vnd.github.raw+json"),  # the README itself, not its JSON wrapper
            callback=self.parse_readme,
            errback=self.readme_failed,
            cb_kwargs={"repo": repo, "meta": meta, "validators": validators_of(response)},
        )

    def readme_failed(self, failure: Any) -> Iterator[Any]:
        kwargs = failure.request.cb_kwargs
        yield from self._after_readme(kwargs["repo"], kwargs["meta"], kwargs["validators"], None)

    def parse_readme(
        self, response: Response, repo: Repository, meta: Metadata, validators: Validators
    ) -> Iterator[Any]:
        readme = response.text[:README_CHARS] if response.status == 200 else None
        yield from self._after_readme(repo, meta, validators, readme)

    def _after_readme(
        self, repo: Repository, meta: Metadata, validators: Validators, readme: str | None
    ) -> Iterator[Any]:
        unread = [url for url, pushed in repo.servers.items() if pushed != meta.pushed_at]
        if meta.pushed_at and any(url not in repo.packaged for url in unread):
            yield scrapy.Request(
                self.url(repo, f"tarball/{meta.default_branch}"),
                headers=self.headers(),
                callback=self.parse_archive,
                errback=self.archive_failed,
                dont_filter=True,
                meta={"download_timeout": ARCHIVE_TIMEOUT},
                cb_kwargs={"repo": repo, "meta": meta, "validators": validators, "readme": readme},
            )
            return
        yield from self._items(repo, meta, validators, readme, None)

    def archive_failed(self, failure: Any) -> Iterator[Any]:
        """No archive this time: the metadata is stored, but neither its ETag nor its pushed_at, so the
        next crawl asks again in full and downloads the archive then. An archive over the size cap is the
        exception: it is refused like a hostile one, and not downloaded again until the repository is pushed to."""
        kwargs = failure.request.cb_kwargs
        repo, meta, readme = kwargs["repo"], kwargs["meta"], kwargs["readme"]
        if over_size_cap(failure):
            self.counts["artifacts_refused"] += 1
            self.logger.warning("github archive of %s is over the size cap: skipped until its next push", repo.slug)
            yield from self._items(repo, meta, kwargs["validators"], readme, None, read=True)
            return
        self.failed(failure)
        yield from self._items(repo, meta, {}, readme, None)

    def parse_archive(
        self, response: Response, repo: Repository, meta: Metadata, validators: Validators, readme: str | None
    ) -> Iterator[Any]:
        if response.status == 404:  # an empty repository has no archive: nothing to read until its next push
            self.counts["archives_empty"] += 1
            yield from self._items(repo, meta, validators, readme, None, read=True)
            return
        if response.status != 200:
            self.counts["requests_failed"] += 1
            self.logger.warning("github archive of %s answered %d", repo.slug, response.status)
            yield from self._items(repo, meta, {}, readme, None)
            return
        yield from self._items(repo, meta, validators, readme, response.body)

    def _items(
        self,
        repo: Repository,
        meta: Metadata,
        validators: Validators,
        readme: str | None,
        archive: bytes | None,
        read: bool = False,
    ) -> Iterator[ServerItem]:
        """One item per server of ``repo``; ``read``: its archive was dealt with, even without bytes to extract."""
        for url in repo.servers:
            subfolder = url.split("/", 3)[3] if url.count("/") >= 3 else ""
            extra: dict[str, Any] = {
                "pushed_at": meta.pushed_at,
                "archived": meta.archived,
                "default_branch": meta.default_branch,
                "topics": meta.topics,
            }
            if readme is not None and not subfolder:
                extra["readme"] = readme
            artifact = None
            if archive is not None or read or url in repo.packaged:
                extra["archive_pushed_at"] = meta.pushed_at  # refused, not needed, or read: done with this push
                extra["archive_extractor"] = EXTRACTOR_VERSION
            if archive is not None and url not in repo.packaged:
                label = f"github {repo.slug}" + (f" ({subfolder})" if subfolder else "")
                artifact = Artifact(archive, ".tar.gz", label, subfolder=subfolder, keep_if_refused=True)
            record = ServerRecord(
                repository_url=url,
                description=meta.description if not subfolder else None,  # the repository's, not a subfolder's
                license=meta.license,
                stars=meta.stars,
                extra=extra,
            )
            yield ServerItem(record, self.name, artifact=artifact, validators=validators)


def _metadata(doc: dict[str, Any]) -> Metadata:
    """The fields mcprisk keeps from ``GET /repos/{owner}/{repo}``; KeyError/TypeError when it is not one."""
    license_id = (doc.get("license") or {}).get("spdx_id")
    topics = doc.get("topics") or []
    stars = doc["stargazers_count"]
    branch = doc["default_branch"]
    if not isinstance(branch, str) or not branch or not isinstance(topics, list):
        raise TypeError("not a repository")
    return Metadata(
        stars=int(stars) if stars is not None else None,
        license=license_id if license_id and license_id != "NOASSERTION" else None,
        pushed_at=doc.get("pushed_at"),
        archived=bool(doc.get("archived")),
        default_branch=branch,
        topics=[str(t) for t in topics],
        description=doc.get("description") or None,
    )
