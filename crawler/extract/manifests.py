"""Tools listed in files rather than code: saved `tools/list` answers, `tools.json`, server cards, mcp.json.

A manifest is the author's own statement of the tool set, so it ranks above what static analysis finds, unless it
is stale: a tools list or server manifest shipped in a package is often left from an older version, naming tools the
code no longer declares or lacking ones it now does; then the code, which is what runs, is taken over it.
"""

import json
from pathlib import Path
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError
from crawler.extract.limits import relative

MANIFEST_NAMES = ("tools.json", "server-card.json", "mcp.json", "server.json", "manifest.json")


def tools_from_json(data: Any, where: dict[str, Any]) -> list[ToolDefinition] | None:
    """The tool list in a JSON document: ``{"tools": [...]}``, a bare list, or a card with ``tools``; else None."""
    if isinstance(data, dict):
        data = data.get(
            "tools", data.get("capabilities", {}).get("tools") if isinstance(data.get("capabilities"), dict) else None
        )
    if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
        return None
    tools = []
    for entry in data:
        try:
            tools.append(ToolDefinition.from_mcp(entry, **where))
        except ValueError:
            continue  # an entry without a name is not a tool we can catalogue
    return tools


# A saved answer larger than this is refused before it is read: the largest real servers answer a few hundred KiB.
TOOLS_LIST_BYTES = 8 * 2**20


def read_tools_list(path: Path, max_bytes: int = TOOLS_LIST_BYTES) -> list[ToolDefinition]:
    """A saved ``tools/list`` answer: ``{"tools": [...]}`` or a bare list."""
    try:
        if path.stat().st_size > max_bytes:
            raise InputError(f"the tools/list answer {path.name} is larger than {max_bytes:,} bytes: not read")
        data = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise InputError(f"cannot read the tools/list answer {path}: nested too deep") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the tools/list answer {path}: {exc}") from None
    tools = tools_from_json(data, {"origin": "live", "file": path.name})
    if tools is None:
        raise InputError(f"{path} holds no tool list")
    return tools


def from_manifests(root: Path, files: list[Path]) -> list[ToolDefinition]:
    """Tools declared by manifest files anywhere in the tree (each file read once, malformed ones skipped)."""
    found: list[ToolDefinition] = []
    for path in files:
        if path.name not in MANIFEST_NAMES:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # unreadable, malformed, or nested deeper than the parser goes
            continue
        where = {"origin": "manifest", "file": relative(path, root), "confidence": 0.95}
        found += tools_from_json(data, where) or []
    return found


def without_stale(manifest: list[ToolDefinition], declared: list[ToolDefinition]) -> list[ToolDefinition]:
    """The manifest tools to keep beside the tools the code ``declared``: a manifest file whose tool names differ
    from the code's is dropped whole (its descriptions are as old as its names); one the code confirms, or any when
    the code declares nothing, is kept."""
    names = {tool.name for tool in declared}
    if not names:
        return manifest
    by_file: dict[str | None, list[ToolDefinition]] = {}
    for tool in manifest:
        by_file.setdefault(tool.file, []).append(tool)
    return [tool for tools in by_file.values() if {t.name for t in tools} == names for tool in tools]
