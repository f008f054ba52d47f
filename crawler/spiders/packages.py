"""Package registries (npm, PyPI): metadata, then the artifact of the chosen version, then its tools.

Artifacts are hostile input: Scrapy's DOWNLOAD_MAXSIZE caps the download, and extraction unpacks with its
own caps into a temporary folder that is removed afterwards. A package whose entry point only hands over
to a dependency is followed into it (to a bounded depth), and the tools are attributed to the package itself.

Each server remembers, in its extras (``npm_read``: ``name@version``, and ``npm_extractor``), the version whose
artifact was last read (or refused as over the size cap), and by which version of the extraction: when its server
names exactly that version and holds its tools, the package is not asked at all; when the metadata moved but the
chosen version is the one already read, its artifact is not downloaded again. ``--full`` forgets both, and so does
a new extraction (``crawler.extract.VERSION``): what an older one read is read again.
"""

import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import scrapy
from packaging.specifiers import SpecifierSet
from scrapy.http import Response

from catalog.core.records import PackageRecord, ServerRecord
from crawler.extract.archive import ARCHIVE_SUFFIXES
from crawler.extract.python.delegation import requirements
from crawler.introspect.released import uploaded
from crawler.items import Artifact, ServerItem, Validators
from crawler.middlewares.conditional import validators_of
from crawler.spiders import over_size_cap, reason
from crawler.spiders.package_reads import Wanted, read_marker

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
        released: datetime | None = None,
    ) -> None:
        self.version, self.artifact, self.repository = version, artifact, repository
        self.description, self.license, self.dependencies = description, license, dependencies
        self.released = released  # when the registry published the artifact, when it says


class PackageSpider(scrapy.Spider):
    registry_type = ""
    handle_httpstatus_list = [304]

    def __init__(self, base_url: str, packages: list[Wanted], counts: Counter[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.packages = packages
        self.counts = counts

    def metadata_url(self, name: str, version: str | None) -> str:
        raise NotImplementedError

    def release(self, doc: Any, version: str | None) -> Release:
        raise NotImplementedError

    async def start(self) -> Any:
        for package in self.packages:
            if package.unchanged:
                self.counts["servers_unchanged"] += 1
                self.counts["skipped_by_version"] += 1
                continue
            yield self._metadata(package.name, package.version, owner=package.name, depth=0, read=package.read)

    def _metadata(
        self, name: str, version: str | None, owner: str, depth: int, read: str | None = None
    ) -> scrapy.Request:
        """``read``: the owner's version already read, whose artifact is not downloaded again."""
        return scrapy.Request(
            self.metadata_url(name, version),
            callback=self.parse_metadata,
            errback=self.dependency_failed if depth else self.failed,
            dont_filter=depth > 0,
            # A package's own metadata is asked "changed since?": a 304 means nothing to do for this server. But a
            # 304 says the metadata is as it was, not that it was read for this version (or by this extractor): a
            # pin that moved, or a package never read by this code, asks anew.
            meta={"conditional": depth == 0 and read is not None and version in (None, read)},
            cb_kwargs={
                "package": name,
                "version": version,
                "owner": owner,
                "depth": depth,
                "validators": {},
                "read": read,
                "marker": {},  # the extras that say which version of the owner this chain reads
            },
        )

    def failed(self, failure: Any) -> None:
        self.counts["requests_failed"] += 1
        self.logger.warning("%s request %s failed: %s", self.name, failure.request.url, reason(failure, self))

    def dependency_failed(self, failure: Any) -> Iterator[Any]:
        """A dependency followed that answers 404 (or fails): the hand-over ends, and the server is stored with
        what its own package declares, and the version read, so it is not downloaded again until it changes."""
        self.failed(failure)
        yield self._handover_failed(failure.request.cb_kwargs, reason(failure, self))

    def _handover_failed(self, kwargs: dict[str, Any], why: str) -> ServerItem:
        self.counts["handovers_failed"] += 1
        owner, marker = kwargs["owner"], kwargs["marker"]
        record = ServerRecord(packages=[PackageRecord(self.registry_type, owner)], extra=marker)
        label = f"{self.name} {owner}: dependency {kwargs['package']}"
        artifact = Artifact(b"", ".tgz", label, follow=lambda _: iter(()), missing=why)
        return ServerItem(record, self.name, artifact=artifact, validators=kwargs["validators"])

    def parse_metadata(
        self,
        response: Response,
        package: str,
        version: str | None,
        owner: str,
        depth: int,
        validators: Validators,
        read: str | None,
        marker: dict[str, str],
    ) -> Iterator[Any]:
        if response.status == 304:
            self.counts["not_modified"] += 1
            self.counts["servers_unchanged"] += 1
            return
        try:
            release = self.release(json.loads(response.text), version)
        except (ValueError, KeyError, TypeError, IndexError, RecursionError):
            self.counts["metadata_malformed"] += 1
            self.logger.warning("%s metadata of %s is malformed or lacks the version: skipped", self.name, package)
            if depth:
                kwargs = {"owner": owner, "marker": marker, "package": package, "validators": validators}
                yield self._handover_failed(kwargs, "malformed metadata")
            return
        self.counts["metadata"] += 1
        if not depth:
            validators = validators_of(response)
            marker = read_marker(self.registry_type, owner, release.version)
            if release.version == read:  # the metadata moved, not the version: its artifact was read already
                self.counts["artifacts_skipped"] += 1
                yield ServerItem(self._record(package, release, owner, marker), self.name, validators=validators)
                return
        # The same artifact may serve two servers (its own, and one that delegates to it): never a dupe.
        yield scrapy.Request(
            release.artifact,
            callback=self.parse_artifact,
            errback=self.artifact_failed,
            dont_filter=True,
            # Only the server's own metadata is asked conditionally: a dependency's validators are not kept.
            cb_kwargs={
                "package": package,
                "release": release,
                "owner": owner,
                "depth": depth,
                "validators": validators,
                "marker": marker,
            },
        )

    def artifact_failed(self, failure: Any) -> Iterator[Any]:
        """An artifact over the size cap is refused, and its version remembered as read, so it is not downloaded
        again night after night; any other failure leaves the server as it was, to be asked again in full."""
        if not over_size_cap(failure):
            self.failed(failure)
            if failure.request.cb_kwargs["depth"]:
                yield self._handover_failed(failure.request.cb_kwargs, reason(failure, self))
            return
        kwargs = failure.request.cb_kwargs
        release = kwargs["release"]
        self.counts["artifacts_refused"] += 1
        self.logger.warning("%s %s %s is over the size cap: skipped", self.name, kwargs["package"], release.version)
        record = self._record(kwargs["package"], release, kwargs["owner"], kwargs["marker"])
        yield ServerItem(record, self.name, validators=kwargs["validators"])

    def _record(self, package: str, release: Release, owner: str, marker: dict[str, str]) -> ServerRecord:
        """What the chain's metadata says of the owner's server; the version its registry entry names stands."""
        own = owner == package
        return ServerRecord(
            repository_url=release.repository if own else None,  # a dependency's repository is not the server's
            description=release.description if own else None,
            license=release.license if own else None,
            packages=[PackageRecord(self.registry_type, owner)],
            extra=marker,
        )

    def parse_artifact(
        self,
        response: Response,
        package: str,
        release: Release,
        owner: str,
        depth: int,
        validators: Validators,
        marker: dict[str, str],
    ) -> Iterator[Any]:
        name = release.artifact.rsplit("/", 1)[-1].split("?")[0].lower()
        suffix = next((s for s in ARCHIVE_SUFFIXES if name.endswith(s)), ".tgz")

        def follow(dependencies: list[str]) -> Iterator[scrapy.Request]:
            if depth >= MAX_DELEGATION:
                return
            for dependency in dependencies:
                request = self._metadata(dependency, _exact(release.dependencies.get(dependency)), owner, depth + 1)
                request.cb_kwargs["validators"] = validators  # saved with the server the chain ends in
                request.cb_kwargs["marker"] = marker
                yield request

        record = self._record(package, release, owner, marker)
        artifact = Artifact(response.body, suffix, f"{self.name} {package} {release.version}", follow=follow,
                            released=release.released)
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
        pins = {r.name: _pin(r.specifier) for r in requirements(info.get("requires_dist") or [])}
        return Release(info["version"], chosen["url"], repository, info.get("summary"), info.get("license"), pins,
                       uploaded([chosen]))


def _pin(specifier: SpecifierSet) -> str:
    """The one version ``==`` allows (the one a hand-over follows), or "" (then the latest is taken)."""
    pinned = [s.version for s in specifier if s.operator in ("==", "===") and "*" not in s.version]
    return pinned[0] if len(pinned) == 1 and len(specifier) == 1 else ""


def _exact(spec: str | None) -> str | None:
    """An exact version pin, or None (then the latest is taken)."""
    if spec and spec[0].isdigit() and all(c.isdigit() or c == "." for c in spec):
        return spec
    return None
