"""Which files of a tree extraction reads: a walk with caps (count, size), links and binaries skipped, vendored
folders, tests and a project's own documentation left out."""

import re
from pathlib import Path

from crawler.extract.archive import Limits

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
_MANIFESTS = ("package.json", "pyproject.toml", "setup.py", "go.mod", "Cargo.toml", "pom.xml", "build.gradle")


def walk(root: Path, limits: Limits, warnings: list[str]) -> list[Path]:
    found: list[Path] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            warnings.append(f"{folder}: {exc.strerror}")
            continue
        for entry in entries:
            if entry.is_symlink():
                warnings.append(f"{entry.relative_to(root)}: a link, skipped")
            elif entry.is_dir():
                if entry.name not in SKIP_DIRS and not (entry.name in PROJECT_DIRS and _project(folder, root)):
                    stack.append(entry)
            elif entry.is_file():
                if _TEST_FILE.search(entry.name):  # a test declares tools of its own, which the server never lists
                    continue
                if entry.stat().st_size > limits.file_bytes:
                    warnings.append(
                        f"{entry.relative_to(root)}: larger than {limits.file_bytes:,} bytes, skipped"
                    )
                    continue
                found.append(entry)
                if len(found) >= limits.files:
                    warnings.append(f"more than {limits.files} files: the rest was not read")
                    return found
    return found


def _project(folder: Path, root: Path) -> bool:
    """Whether ``folder`` is a project's own folder: the top of the tree, or one holding a manifest."""
    return folder == root or any((folder / name).is_file() for name in _MANIFESTS) or any(folder.glob("*.csproj"))


def text_files(root: Path, files: list[Path], suffixes: set[str], warnings: list[str]) -> list[Path]:
    """The files some extractor reads, but for binaries (a NUL byte in the first 4 KiB)."""
    found = []
    for path in (p for p in files if p.suffix in suffixes):
        with open(path, "rb") as handle:
            if b"\0" in handle.read(4096):
                warnings.append(f"{path.relative_to(root)}: binary, skipped")
                continue
        found.append(path)
    return found
