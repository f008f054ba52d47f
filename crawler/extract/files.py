"""Which files of a tree extraction reads: a walk with caps (count, size), links and binaries skipped, vendored
folders, tests and a project's own documentation left out."""

import os
import re
from pathlib import Path

from crawler.extract.archive import Limits
from crawler.extract.limits import clean_name

SKIP_DIRS = {
    "node_modules",
    ".git",
    "vendor",
    "__pycache__",
    ".venv",
    "venv",
    "dist-types",
    "test",
    "tests",
    "__tests__",
    ".github",
    "coverage",
}
# A project's documentation and examples, skipped where a project keeps them: beside its manifest (or at the top).
# Deeper in the code the same names are features (`dist/tools/docs/` is a documentation-search tool).
PROJECT_DIRS = {"docs", "examples"}
_TEST_FILE = re.compile(r"\.(?:test|spec)\.[cm]?[jt]sx?$")
KEPT_BYTES = 64 * 2**20  # source bytes kept between the walk and the parse; beyond, a file is read again
_CHUNK = 1 << 16
_MANIFESTS = ("package.json", "pyproject.toml", "setup.py", "go.mod", "Cargo.toml", "pom.xml", "build.gradle")


def walk(root: Path, limits: Limits, warnings: list[str]) -> list[Path]:
    """The files extraction may read, without recursion (a tree thousands of folders deep is walked to
    ``limits.depth`` and no further); an entry the system cannot stat (a path over PATH_MAX) is a warning."""
    found: list[Path] = []
    stack = [(root, 0)]
    too_deep = False
    while stack:
        folder, depth = stack.pop()
        try:  # scandir, not iterdir: its entries know their kind without a system call each
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
        except OSError as exc:
            warnings.append(f"{_shown(folder, root)}: {exc.strerror}")
            continue
        for entry in entries:
            path = folder / entry.name
            try:
                kind = _kind(entry, folder, root, limits)
            except OSError as exc:
                warnings.append(f"{_shown(path, root)}: {exc.strerror}, skipped")
                continue
            if kind == "link":
                warnings.append(f"{_shown(path, root)}: a link, skipped")
            elif kind == "dir":
                if depth + 1 > limits.depth:
                    too_deep = True
                else:
                    stack.append((path, depth + 1))
            elif kind == "large":
                warnings.append(f"{_shown(path, root)}: larger than {limits.file_bytes:,} bytes, skipped")
            elif kind == "file":
                found.append(path)
                if len(found) >= limits.files:
                    warnings.append(f"more than {limits.files} files: the rest was not read")
                    return found
    if too_deep:
        warnings.append(f"folders more than {limits.depth} deep were not read")
    return found


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name  # the order of sorted paths: their names, within one folder


def _kind(entry: os.DirEntry[str], folder: Path, root: Path, limits: Limits) -> str:
    entry.stat(follow_symlinks=False)  # raises where the path cannot be used at all (longer than PATH_MAX)
    if entry.is_symlink():
        return "link"
    if entry.is_dir():
        wanted = entry.name not in SKIP_DIRS and not (entry.name in PROJECT_DIRS and _project(folder, root))
        return "dir" if wanted else "skip"
    if not entry.is_file() or _TEST_FILE.search(entry.name):  # a test declares tools its server never lists
        return "skip"
    return "large" if entry.stat().st_size > limits.file_bytes else "file"


def _shown(path: Path, root: Path) -> str:
    """A path as a warning names it: relative, its undecodable bytes escaped, a very long one cut."""
    text = clean_name(str(path.relative_to(root))) if path != root else "."
    return text if len(text) <= 200 else text[:100] + "…" + text[-80:]


def _project(folder: Path, root: Path) -> bool:
    """Whether ``folder`` is a project's own folder: the top of the tree, or one holding a manifest."""
    return folder == root or any((folder / name).is_file() for name in _MANIFESTS) or any(folder.glob("*.csproj"))


def text_files(
    root: Path, files: list[Path], suffixes: set[str], warnings: list[str], sources: dict[Path, bytes]
) -> list[tuple[Path, str]]:
    """The files some extractor reads, each with its suffix (a property computed in Python: once each), but for
    binaries (a NUL byte in the first 4 KiB). Each is read whole here, its bytes kept in ``sources`` (up to
    ``KEPT_BYTES`` in all) for the extractor that parses it to take: opening a small file cost as much as a third of
    its parse, and every file was opened twice."""
    found, budget = [], KEPT_BYTES
    for path in files:
        suffix = path.suffix
        if suffix not in suffixes:
            continue
        source = _read(path, whole=budget > 0)
        if source.find(b"\0", 0, 4096) >= 0:
            warnings.append(f"{_shown(path, root)}: binary, skipped")
            continue
        if budget > 0:
            sources[path] = source
            budget -= len(source)
        found.append((path, suffix))
    return found


def _read(path: Path, whole: bool) -> bytes:
    """The file's bytes (its first 4 KiB unless ``whole``), read with the system's own calls: a file object, even
    unbuffered, cost half as much again as the reads themselves (1.4 µs of a small file's 3.5)."""
    handle = os.open(path, os.O_RDONLY)
    try:
        if not whole:
            return os.read(handle, 4096)
        chunks = []
        while chunk := os.read(handle, _CHUNK):
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(handle)
