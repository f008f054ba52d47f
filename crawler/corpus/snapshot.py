"""Offline snapshots: registry pages saved to disk with each server's tools, stored without any crawl.

Two shapes are read. A saved snapshot: ``registry.json`` (one registry page) beside ``tools/<name>.json``,
each server's saved ``tools/list`` answer. A corpus (the bundled sample's shape, see
``crawler.corpus.serve``): ``registry/page-N.json`` beside ``servers/{owner}/{repo}/``, each server's source
tree, whose tools are extracted here directly; the nightly job crawls a corpus instead, through the spiders.
Each entry is written in its own transaction; a malformed entry is reported and skipped, never fatal.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.core.errors import InputError, MCPRiskError
from catalog.store import Store, UpsertResult
from crawler.corpus.serve import SAMPLE_DIR, Corpus, is_corpus
from crawler.extract import extract
from crawler.extract.manifests import read_tools_list
from crawler.registry_shapes import server_from_registry

__all__ = ["SAMPLE_DIR", "SnapshotResult", "load_snapshot"]  # SAMPLE_DIR: the bundled corpus, loadable here too


@dataclass
class SnapshotResult:
    results: list[UpsertResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def load_snapshot(store: Store, folder: Path, source: str = "registry") -> SnapshotResult:
    """Store every server of the snapshot or corpus in ``folder``, with its tools."""
    corpus = Corpus(folder) if is_corpus(folder) else None
    try:
        if corpus is not None:
            entries: list[Any] = [e for page in corpus.pages for e in page["servers"]]
        else:
            page = json.loads((folder / "registry.json").read_text(encoding="utf-8"))
            entries = page.get("servers", []) if isinstance(page, dict) else []
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise InputError(f"cannot read the snapshot {folder}: {exc}") from None
    outcome = SnapshotResult()
    for entry in entries:
        try:
            record = server_from_registry(entry)
            assert record.registry_name is not None
            if corpus is not None:
                tree = corpus.tree(record.repository_url or "")
                record.tools = extract(tree).tools if tree is not None else None
            else:
                tools_file = folder / "tools" / f"{record.registry_name.rsplit('/', 1)[-1]}.json"
                if tools_file.exists():
                    record.tools = read_tools_list(tools_file)
            outcome.results.append(store.upsert_server(record, source))
        except (MCPRiskError, ValueError) as exc:
            outcome.errors.append(str(exc))
    return outcome
