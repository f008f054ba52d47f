"""Extract tools: the artifact a spider downloaded becomes the server's tool list.

Extraction parses (tree-sitter, ast) and unpacks hostile archives with the caps of
``crawler.extract.archive``; it runs in one worker thread, off the reactor, so downloads go on meanwhile,
and one at a time, since parsers are not shared between threads. A refused archive (traversal, a link, a
bomb) leaves the server's tools exactly as the catalogue held them: the record goes on without a tool list,
or is dropped when it was only ever about tools. A package whose code declares nothing but hands over to
a dependency is followed through the requests the spider's ``follow`` returns; what its README listed is kept
only if no dependency it was followed into declares a tool.
"""

import asyncio
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError, MCPRiskError
from crawler.extract import ExtractionResult, extract
from crawler.extract.archive import TEMP_PREFIX, Limits, remove_leftovers, unpacked
from crawler.extract.extraction import package_root
from crawler.items import Artifact, ServerItem
from crawler.pipelines import Pipeline


class ExtractPipeline(Pipeline):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mcprisk-extract")
        self.limits = Limits(archive_bytes=crawler.settings.getint("DOWNLOAD_MAXSIZE") or Limits.archive_bytes)
        self.waiting: dict[Any, _Waiting] = {}  # by the packages of the server a hand-over chain is for
        if removed := remove_leftovers():  # unpack folders of a crawl that was killed mid-extraction
            crawler.stats.inc_value("mcprisk/leftovers_removed", removed)  # type: ignore[union-attr]

    def close_spider(self) -> None:
        self.pool.shutdown(wait=True)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ServerItem) or item.artifact is None:
            return item
        artifact, item.artifact = item.artifact, None  # the bytes are not needed past this point
        owner = tuple((p.registry_type, p.identifier) for p in item.record.packages) if artifact.follow else None
        waiting = self.waiting.get(owner) if owner else None  # set: this item is a dependency's answer
        if artifact.missing:
            return self._handover_failed(item, artifact, owner, waiting)
        try:
            loop = asyncio.get_running_loop()
            result = await loop.run_in_executor(self.pool, extract_artifact, artifact, self.limits)
        except MCPRiskError as exc:
            self.counts["artifacts_refused"] += 1
            self.crawler.spider.logger.warning("%s refused: %s", artifact.label, exc)  # type: ignore[union-attr]
            if waiting and (readme := self._settled(owner, waiting, [])):
                item.record.tools = readme  # the last dependency refused, none had tools: the README's list
                return item
            if artifact.keep_if_refused:
                return item
            raise DropItem(f"{artifact.label} refused", log_level="DEBUG") from None
        self.counts["artifacts"] += 1
        # Delegates are named only when the package's code declares nothing (its README may still list tools, at
        # low confidence): the dependency's real tools are worth more than the README's list.
        followed = list(artifact.follow(result.delegates_to)) if artifact.follow and result.delegates_to else []
        if followed:  # none past the delegation depth: then the server is stored with what it declares itself
            if waiting is None:
                self.waiting[owner] = _Waiting(len(followed), result.tools)
            else:
                waiting.remaining += len(followed) - 1
            for request in followed:
                self.crawler.engine.crawl(request)  # type: ignore[union-attr]
            raise DropItem(f"{artifact.label} hands over to {', '.join(result.delegates_to)}", log_level="DEBUG")
        # Finding nothing says nothing (the package may declare its tools in a way no extractor reads): the
        # tools the catalogue holds for the server stay, rather than all being marked removed by a miss.
        item.record.tools = (self._settled(owner, waiting, result.tools) if waiting else result.tools) or None
        return item

    def _handover_failed(self, item: ServerItem, artifact: Artifact, owner: Any, waiting: "_Waiting | None") -> Any:
        """A dependency could not be read: once none is left to answer, the server is stored with what its own
        package declared (its README's list, or the tools the catalogue holds) and the version it read."""
        self.crawler.spider.logger.warning("%s could not be read: %s", artifact.label, artifact.missing)  # type: ignore[union-attr]
        if waiting is None:
            raise DropItem(f"{artifact.label}: no hand-over waits for it", log_level="DEBUG")
        tools = self._settled(owner, waiting, [])
        if owner in self.waiting:  # other dependencies have yet to answer: they settle the server
            raise DropItem(f"{artifact.label} missing", log_level="DEBUG")
        item.record.tools = tools or None
        return item

    def _settled(self, owner: Any, waiting: "_Waiting", tools: list[ToolDefinition]) -> list[ToolDefinition]:
        """A dependency answered: its tools; or, when the last one answered and none had any, the README's."""
        waiting.remaining -= 1
        waiting.found |= bool(tools)
        if waiting.remaining > 0:
            return tools
        del self.waiting[owner]
        return tools or ([] if waiting.found else waiting.readme)


@dataclass
class _Waiting:
    """A server whose package handed over to dependencies: how many have yet to answer, and what its README listed
    (kept if none of them declares a tool: a package importing a mere library is no shim)."""

    remaining: int
    readme: list[ToolDefinition]
    found: bool = False


def extract_artifact(artifact: Artifact, limits: Limits) -> ExtractionResult:
    """The tools in ``artifact`` (in its subfolder, for a monorepo server), unpacked in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-artifact-") as folder:
        archive = Path(folder) / f"artifact{artifact.suffix}"
        archive.write_bytes(artifact.body)
        if not artifact.subfolder:
            return extract(archive, limits=limits, released=artifact.released)
        with unpacked(archive, limits) as tree:
            root = package_root(tree).resolve()
            target = (root / artifact.subfolder).resolve()
            if not target.is_relative_to(root) or not target.is_dir():
                raise InputError(f"the archive has no folder {artifact.subfolder!r}")
            return extract(target, limits=limits, released=artifact.released)
