"""TypeScript sources shipped beside their compiled output: `src/tools/search.ts` and `dist/tools/search.js`.

The package's entry points run the compiled files, so reach.reachability judges those, and TypeScript sources stay
(they are read for their tools: better text than the compiled output). A source whose compiled twin nothing runs is
dead as its twin is: the tool it declares is never registered. Twins are files of one package at the same path
below their first folder, the suffix aside (`src/tools/search.ts`, `dist/tools/search.js`); a source with no twin
(a bundled build, a file left out of the build) is not judged here.
"""

from pathlib import Path

_JS = (".js", ".mjs", ".cjs", ".jsx")
_TS = (".ts", ".mts", ".cts", ".tsx")


def dead_sources(judged: set[Path], dead: set[Path]) -> set[Path]:
    """The TypeScript sources, among ``judged`` (the files of packages whose entry points reachability followed),
    whose compiled twins are all in ``dead``."""
    homes: dict[Path, Path] = {}
    twins: dict[tuple[Path, tuple[str, ...]], list[Path]] = {}
    for path in judged:
        if path.suffix in _JS and (key := _key(path, homes)) is not None:
            twins.setdefault(key, []).append(path)
    found: set[Path] = set()
    for path in judged:
        if path.suffix in _TS and not path.name.endswith((".d.ts", ".d.mts", ".d.cts")):
            key = _key(path, homes)
            compiled = [t for t in twins.get(key, []) if t.parts[len(key[0].parts)] != path.parts[len(key[0].parts)]] \
                if key is not None else []
            if compiled and all(t in dead for t in compiled):
                found.add(path)
    return found


def _key(path: Path, homes: dict[Path, Path]) -> tuple[Path, tuple[str, ...]] | None:
    """The file's package folder and its path there below the first folder, without suffix; None for a file at the
    package's top."""
    home = _home(path.parent, homes)
    if home is None:
        return None
    parts = path.relative_to(home).with_suffix("").parts
    return (home, parts[1:]) if len(parts) > 1 else None


def _home(folder: Path, homes: dict[Path, Path]) -> Path | None:
    start = folder
    while folder not in homes:
        if (folder / "package.json").is_file():
            homes[start] = folder
            return folder
        if folder.parent == folder:
            return None
        folder = folder.parent
    homes[start] = homes[folder]
    return homes[folder]
