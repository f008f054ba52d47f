"""The bins of an npm package that ships several servers, and the files each runs.

A package may name one bin per product (`acme-mail`, `acme-calendar`), each a script building its own server and
registering its own tools; a client starts one, and is answered by the tools of the files that script reaches.
The files are those of reachability's walk from the bin's script.
"""

import os
from pathlib import Path

from crawler.extract.javascript.reach.reachability import walk
from crawler.extract.javascript.values.module import Loader
from crawler.extract.javascript.values.subpaths import read_package


def bin_reaches(root: Path, loader: Loader) -> dict[str, set[Path]]:
    """Each script the package's ``bin`` names (keyed by its path in the package, as the command starting it
    ends) and the files it reaches; empty when the bins run fewer than two scripts, or when one of them loads
    modules by computed names (what it runs is then unknown, and no tool is told apart)."""
    bins = (read_package(root) or {}).get("bin")
    scripts = {os.path.normpath(s): s for s in bins.values() if isinstance(s, str)} if isinstance(bins, dict) else {}
    reaches: dict[str, set[Path]] = {}
    if len(scripts) < 2:
        return reaches
    for key, script in scripts.items():
        start = loader.locate(root / "package.json", script if script.startswith(("./", "../")) else f"./{script}")
        if start is None:
            continue
        walked = walk(loader, [start])
        if walked.dynamic:
            return {}
        reaches[key] = set(walked.files)
    return reaches
