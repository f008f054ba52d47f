"""The dependency an npm package hands over to when it declares no tool itself: what its entry points import or
launch, directly or through its own modules."""

import re
from pathlib import Path

from crawler.extract.javascript.reach.reachability import entry_points, walk
from crawler.extract.javascript.values.module import Loader
from crawler.extract.javascript.values.subpaths import read_package

_PACKAGE = re.compile(r"(?:@[\w.-]+/)?[\w.-]+")


def npm_delegates(root: Path, loader: Loader) -> list[str] | None:
    """None when ``root`` is no npm package (no package.json): another language's extractor is asked."""
    if not (root / "package.json").is_file():
        return None
    package = read_package(root)
    if package is None:
        return []
    dependencies = {d for d in package.get("dependencies") or {} if not d.startswith("@modelcontextprotocol/")}
    found: list[str] = []
    for spec in walk(loader, entry_points(root, package, loader)[0]).packages:
        if (name := _PACKAGE.match(spec)) and name[0] in dependencies and name[0] not in found:
            found.append(name[0])
    return found
