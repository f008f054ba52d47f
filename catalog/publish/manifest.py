"""The build manifest: which files each unit of the site wrote from which digest, so that a rebuild renders only
what changed and deletes only what is its own."""

import json
import os
from pathlib import Path
from typing import Any

MANIFEST = ".mcprisk-site.json"


def read_manifest(out: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return {"files": []}
    if not isinstance(manifest, dict):
        return {"files": []}
    if not isinstance(manifest.get("units"), dict):  # an older mcprisk's: files, no units
        return manifest if isinstance(manifest.get("files"), list) else {"files": []}
    return {**manifest, "files": [path for _, paths in manifest["units"].values() for path in paths]}


def unclaimed(manifest: dict[str, Any]) -> dict[str, Any]:
    """The previous manifest as a build in progress leaves it: it no longer says the folder is a build of anything
    (its units still tell which files are ours; the list of every file is only kept where there are no units)."""
    kept = {key: value for key, value in manifest.items() if key != "files" or "units" not in manifest}
    return {**kept, "inputs": None}


def manifest_json(manifest: dict[str, Any]) -> bytes:
    """Compact: with an indent, the json module encodes in Python, not C (seconds for 250,000 paths)."""
    return json.dumps(manifest, separators=(",", ":")).encode()


def same_pages(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """No unit came or went, and every unit rendered again made the same pages as last time."""
    if "@files" not in before or before.keys() - {"@files"} != after.keys():
        return False
    html = [[p for p in paths if p.endswith(".html")] for key in after if after[key] != before[key] for paths in
            (before[key][1], after[key][1])]  # fmt: skip
    return all(sorted(html[n]) == sorted(html[n + 1]) for n in range(0, len(html), 2))


def gone_files(previous: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The files the previous build wrote and this one did not: when the previous build was complete, only the
    units that changed or went can have lost files (a file belongs to one unit)."""
    if not before:
        return set(previous["files"]) - {path for _, paths in after.values() for path in paths}
    changed = [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
    had = {path for key in changed for path in before.get(key, [None, []])[1]}
    return had - {path for key in changed for path in after.get(key, [None, []])[1]}


def leftovers(out: Path, paths: set[str], ours: bool) -> set[str]:
    """What a killed build may have left that this one did not write: temporary copies of its files, and, in a
    folder a manifest shows is the site's own, the pages of tools and servers that are gone since."""
    folders = {path.split("/")[0] for path in paths if "/" in path}
    found = set()
    for folder, _, names in os.walk(out):
        relative = os.path.relpath(folder, out)
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if path in paths or path == MANIFEST:
                continue
            ours_aside = path.endswith(".tmp") and (path[:-4] in paths or path[:-4] == MANIFEST)
            if ours_aside or (ours and path.split("/")[0] in folders):
                found.add(path)
    return found
