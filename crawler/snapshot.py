"""Offline snapshots: a registry page saved to disk plus the saved ``tools/list`` answer of each server.

The bundled sample corpus is such a snapshot, so the whole pipeline runs without a network. Each
entry is written in its own transaction; a malformed entry is reported and skipped, never fatal.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import InputError, MCPRiskError
from catalog.store import Store, UpsertResult
from crawler.extract.manifests import read_tools_list
from crawler.normalise import server_from_registry

SAMPLE_DIR = Path(__file__).parent / "sample"


@dataclass
class SnapshotResult:
    results: list[UpsertResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def load_snapshot(store: Store, folder: Path, source: str = "registry") -> SnapshotResult:
    """Store every server of ``folder/registry.json``, with tools from ``folder/tools/<name>.json``."""
    try:
        page = json.loads((folder / "registry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the snapshot {folder}: {exc}") from None
    outcome = SnapshotResult()
    for entry in page.get("servers", []) if isinstance(page, dict) else []:
        try:
            record = server_from_registry(entry)
            assert record.registry_name is not None
            tools_file = folder / "tools" / f"{record.registry_name.rsplit('/', 1)[-1]}.json"
            if tools_file.exists():
                record.tools = read_tools_list(tools_file)
            outcome.results.append(store.upsert_server(record, source))
        except (MCPRiskError, ValueError) as exc:
            outcome.errors.append(str(exc))
    return outcome
