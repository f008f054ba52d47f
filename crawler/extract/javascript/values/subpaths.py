"""A package's own import map: the `#name` specifiers its package.json's `imports` field maps to its files.

TypeScript servers compiled as they are written keep `import { registerTools } from "#tools/index"`, with
`"imports": {"#tools/*": "./dist/tools/*.js"}` in their package.json. Node resolves such a specifier against the
nearest package.json above the importing file: an exact key, or a key with one `*` whose match replaces the `*`
of the target; a target may be a set of conditions (`{"node": ..., "default": ...}`), of which the first that
Node running the server meets is taken. A target naming another package is that package's, not a file here.
"""

import json
from pathlib import Path
from typing import Any

_CONDITIONS = ("node", "import", "require", "module", "default")  # what Node running a server meets
MAX_NESTING = 16


def read_package(folder: Path) -> dict[str, Any] | None:
    """The folder's package.json as a dict, or None when it has none (or an unreadable one)."""
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # a hostile one may nest deeper than the parser goes
        return None
    return package if isinstance(package, dict) else None


class Subpaths:
    """The `#name` specifiers of the packages under ``root``, each package.json read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._maps: dict[Path, tuple[Path, Any] | None] = {}  # folder -> its package's folder and import map

    def __call__(self, importer: Path, spec: str) -> tuple[Path, str] | None:
        """The folder of the package whose map names ``spec`` and the target there: a file of its own
        (`./dist/tools/index.js`) or another package (`node-fetch`); None when no package.json above ``importer``
        (up to the root) maps it."""
        found = self._map(importer.parent)
        if found is None or not isinstance(found[1], dict):
            return None
        folder, imports = found
        target = imports.get(spec)
        if target is None:
            for key, value in imports.items():
                head, star, tail = key.partition("*")
                if star and spec.startswith(head) and spec.endswith(tail) and len(spec) >= len(head) + len(tail):
                    target = _leaf(value)
                    target = target.replace("*", spec[len(head):len(spec) - len(tail)]) if target else None
                    break
        else:
            target = _leaf(target)
        return (folder, target) if target is not None else None

    def _map(self, folder: Path) -> tuple[Path, Any] | None:
        if folder not in self._maps:
            package = read_package(folder)
            if package is not None:
                self._maps[folder] = (folder, package.get("imports"))
            elif folder == self.root or self.root not in folder.parents:
                self._maps[folder] = None
            else:
                self._maps[folder] = self._map(folder.parent)
        return self._maps[folder]


def _leaf(target: Any, depth: int = 0) -> str | None:
    """The file a target names: itself, or the first condition Node meets, or the first of a list that is one (a
    hostile package.json may nest them a thousand deep: past MAX_NESTING, none)."""
    if isinstance(target, str):
        return target
    if depth >= MAX_NESTING:
        return None
    if isinstance(target, dict):
        return next((leaf for key, value in target.items() if key in _CONDITIONS
                     and (leaf := _leaf(value, depth + 1)) is not None), None)
    if isinstance(target, list):
        return next((leaf for value in target if (leaf := _leaf(value, depth + 1)) is not None), None)
    return None
