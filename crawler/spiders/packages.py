"""Package registries (npm, PyPI): metadata, then the artifact of the chosen version, then its tools.

Artifacts are hostile input: Scrapy's DOWNLOAD_MAXSIZE caps the download, and extraction unpacks with its
own caps into a temporary folder that is removed afterwards. A package whose entry point only hands over
to a dependency is followed into it (to a bounded depth), and the tools are attributed to the package itself.
"""

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from catalog.records import PackageRecord, ServerRecord
from crawler.extract.archive import ARCHIVE_SUFFIXES
from crawler.items import Artifact, ServerItem, Validators
from crawler.middlewares.conditional import validators_of

MAX_DELEGATION = 2


class Release:
    """The chosen version of a package: where its artifact is and what its metadata says."""

    def __init__(
        self,
        version: str,
        artifact: str,
        repository: str | None,
        description: str | None,
        license: str | None,
        dependencies: dict[str, str],
    ) -> None:
        self.version, self.artifact, self.repository = version, artifact, repository
        self.description, self.license, self.dependencies = description, license, dependencies


class PackageSpider(scrapy.Spider):
    registry_type = ""
    handle_httpstatus_list = [304]

    def __init__(
        self, base_url: str, packages: list[tuple[str, str | None]], counts: Counter[str], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.packages = packages  # (name, wanted version or None for the latest)
        self.counts = counts

    def metadata_url(self, name: str, version: str | None) -> str:
        raise NotImplementedError

    def release(self, doc: Any, version: str | None) -> Release:
        raise NotImplementedError

    async def start(self) -> Any:
        for name, version in self.packages:
            yield self._metadata(name, version, owner=name, depth=0)

    def _metadata(self, name: str, version: str | None, owner: str, depth: int) -> scrapy.Request:
        return scrapy.Request(
            self.metadata_url(name, version),
            callback=self.parse_metadata,
            errback=self.failed,
            dont_filter=depth > 0,
            # A package's own metadata is asked "changed since?": a 304 means nothing to do for this server.
            meta={"conditional": depth == 0},
            cb_kwargs={"package": name, "version": version, "owner": owner, "depth": depth, "validators": {}},
        )

    def failed(self, failure: Any) -> None:
        self.counts["requests_failed"] += 1
        self.logger.warning("%s request failed: %s", self.name, failure.value)

    def parse_metadata(
        self, response: Response, package: str, version: str | None, owner: str, depth: int, validators: Validators
    ) -> Iterator[Any]:
        if response.status == 304:
            self.counts["not_modified"] += 1
            self.counts["servers_unchanged"] += 1
            return
        try:
            release = self.release(json.loads(response.text), version)
        except (ValueError, KeyError, TypeError, IndexError):
            self.counts["metadata_malformed"] += 1
            self.logger.warning("%s metadata of %s is malformed or lacks the version: skipped", self.name, package)
            return
        self.counts["metadata"] += 1
        # The same artifact may serve two servers (its own, and one that delegates to it): never a dupe.
        yield scrapy.Request(
            release.artifact,
            callback=self.parse_artifact,
            errback=self.failed,
            dont_filter=True,
            cb_kwargs={
                "package": package,
                "release": release,
                "owner": owner,
                "depth": depth,
                # Only the server's own metadata is asked conditionally: a dependency's validators are not kept.
                "validators": validators if depth else validators_of(response),
            },
        )

    def parse_artifact(
        self, response: Response, package: str, release: Release, owner: str, depth: int, validators: Validators
    ) -> Iterator[Any]:
        name = release.artifact.rsplit("/", 1)[-1].split("?")[0].lower()
        suffix = next((s for s in ARCHIVE_SUFFIXES if name.endswith(s)), ".tgz")

        def follow(dependencies: list[str]) -> Iterator[scrapy.Request]:
            if depth >= MAX_DELEGATION:
                return
            for dependency in dependencies:
                request = self._metadata(dependency, _exact(release.dependencies.get(dependency)), owner, depth + 1)
                request.cb_kwargs["validators"] = validators  # saved with the server the chain ends in
                yield request

        own = owner == package
        record = ServerRecord(
            repository_url=release.repository if own else None,  # a dependency's repository is not the server's
            description=release.description if own else None,
            license=release.license if own else None,
            packages=[PackageRecord(self.registry_type, owner, release.version if own else None)],
        )
        artifact = Artifact(response.body, suffix, f"{self.name} {package} {release.version}", follow=follow)
        yield ServerItem(record, self.name, artifact=artifact, validators=validators)


class NpmSpider(PackageSpider):
    name = registry_type = "npm"

    def metadata_url(self, name: str, version: str | None) -> str:
        return f"{self.base_url}/{name.replace('/', '%2F')}"  # @scope%2Fname, as npm's own client asks

    def release(self, doc: Any, version: str | None) -> Release:
        chosen = version if version in doc["versions"] else doc["dist-tags"]["latest"]
        meta = doc["versions"][chosen]
        repository = meta.get("repository")
        return Release(
            chosen,
            meta["dist"]["tarball"],
            repository.get("url") if isinstance(repository, dict) else repository,
            meta.get("description"),
            meta.get("license") if isinstance(meta.get("license"), str) else None,
            meta.get("dependencies") or {},
        )


class PypiSpider(PackageSpider):
    name = registry_type = "pypi"

    def metadata_url(self, name: str, version: str | None) -> str:
        return f"{self.base_url}/pypi/{name}/{version}/json" if version else f"{self.base_url}/pypi/{name}/json"

    def release(self, doc: Any, version: str | None) -> Release:
        info = doc["info"]
        files = doc["urls"]
        chosen = next((f for f in files if f["packagetype"] == "sdist"), None) or next(
            f for f in files if f["filename"].endswith(".whl")
        )
        urls = info.get("project_urls") or {}
        repository = next(
            (u for k, u in urls.items() if k.lower() in ("source", "repository", "source code")), info.get("home_page")
        )
        return Release(info["version"], chosen["url"], repository, info.get("summary"), info.get("license"), {})


def _exact(spec: str | None) -> str | None:
    """An exact version pin, or None (then the latest is taken)."""
    if spec and spec[0].isdigit() and all(c.isdigit() or c == "." for c in spec):
        return spec
    return None
