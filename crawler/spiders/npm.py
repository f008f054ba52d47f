"""npm packages: the packument, then the tarball of the chosen version, then the tools extracted from it.

The tarball is hostile input: Scrapy's DOWNLOAD_MAXSIZE caps the download, and extraction unpacks it with
its own caps into a temporary folder that is removed afterwards. A package whose entry point only hands over
to a dependency is followed into it (a bounded depth) and the tools are attributed to the package itself.
"""

import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response

from catalog.errors import MCPRiskError
from catalog.records import PackageRecord, ServerRecord
from crawler.items import ServerItem

MAX_DELEGATION = 2


class NpmSpider(scrapy.Spider):
    name = "npm"

    def __init__(
        self, base_url: str, packages: list[tuple[str, str | None]], counts: Counter[str], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.packages = packages  # (name, wanted version or None for the latest)
        self.counts = counts

    def packument(self, name: str) -> str:
        return f"{self.base_url}/{name.replace('/', '%2F')}"  # @scope%2Fname, as npm's own client asks

    async def start(self) -> Any:
        for name, version in self.packages:
            yield scrapy.Request(
                self.packument(name),
                callback=self.parse_packument,
                errback=self.failed,
                cb_kwargs={"package": name, "version": version, "owner": name, "depth": 0},
            )

    def failed(self, failure: Any) -> None:
        self.counts["requests_failed"] += 1
        self.logger.warning("npm request failed: %s", failure.value)

    def parse_packument(
        self, response: Response, package: str, version: str | None, owner: str, depth: int
    ) -> Iterator[Any]:
        try:
            doc = json.loads(response.text)
            chosen = version or doc["dist-tags"]["latest"]
            meta = doc["versions"][chosen]
            tarball = meta["dist"]["tarball"]
        except (ValueError, KeyError, TypeError):
            self.counts["packuments_malformed"] += 1
            self.logger.warning("npm packument of %s is malformed or lacks the version: skipped", package)
            return
        self.counts["packuments"] += 1
        # The same tarball may serve two servers (its own, and one that delegates to it): never a dupe.
        yield scrapy.Request(
            tarball,
            callback=self.parse_tarball,
            errback=self.failed,
            dont_filter=True,
            cb_kwargs={"package": package, "version": chosen, "owner": owner, "depth": depth, "meta": meta},
        )

    def parse_tarball(
        self, response: Response, package: str, version: str, owner: str, depth: int, meta: dict[str, Any]
    ) -> Iterator[Any]:
        from crawler.extract import extract

        with tempfile.TemporaryDirectory(prefix="mcprisk-npm-") as folder:
            archive = Path(folder) / "package.tgz"
            archive.write_bytes(response.body)
            try:
                result = extract(archive)
            except MCPRiskError as exc:
                self.counts["artifacts_refused"] += 1
                self.logger.warning("npm tarball of %s@%s refused: %s", package, version, exc)
                return
        self.counts["tarballs"] += 1
        if not result.tools and result.delegates_to and depth < MAX_DELEGATION:
            for dependency in result.delegates_to:
                wanted = (meta.get("dependencies") or {}).get(dependency)
                yield scrapy.Request(
                    self.packument(dependency),
                    callback=self.parse_packument,
                    errback=self.failed,
                    dont_filter=True,
                    cb_kwargs={"package": dependency, "version": _exact(wanted), "owner": owner, "depth": depth + 1},
                )
            return
        repository = meta.get("repository")
        record = ServerRecord(
            repository_url=repository.get("url") if isinstance(repository, dict) else repository,
            description=meta.get("description") if owner == package else None,
            license=meta.get("license") if isinstance(meta.get("license"), str) else None,
            packages=[PackageRecord("npm", owner, version if owner == package else None)],
            tools=result.tools,
        )
        if owner != package:
            record.repository_url = None  # the dependency's repository is not the server's
        yield ServerItem(record, "npm")


def _exact(spec: str | None) -> str | None:
    """An exact version pin, or None (then the latest is taken)."""
    if spec and spec[0].isdigit() and all(c.isdigit() or c == "." for c in spec):
        return spec
    return None
