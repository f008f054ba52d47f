"""Tool definitions out of artifacts: source trees, package archives, manifests, saved tools/list answers.

`extract(path)` is the one entry point, used by the crawler and by `mcprisk scan`. Files are walked with
caps (count, size, binaries and links skipped, vendored folders ignored); each language's extractor sees
only its files; manifests outrank source, which outranks a README; a package that declares nothing but
hands over to a dependency says which one, so the crawler can follow it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError
from crawler.extract.archive import Limits, is_archive, unpacked
from crawler.extract.manifests import from_manifests, read_tools_list

if TYPE_CHECKING:
    from crawler.extract.js_values import Loader

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
ORIGIN_RANK = {"live": 0, "manifest": 1, "source": 2, "readme": 3}
# Recorded with every artifact the crawler reads, and bumped whenever extraction would find other tools in the same
# artifact: the next crawl then reads every package and repository again rather than skipping them as read.
VERSION = "12"
_PACKAGE = re.compile(r"(?:@[\w.-]+/)?[\w.-]+")


@dataclass
class ExtractionResult:
    tools: list[ToolDefinition] = field(default_factory=list)
    delegates_to: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_scanned: int = 0


def extract(path: str | Path, *, limits: Limits | None = None) -> ExtractionResult:
    """Every tool ``path`` declares: a directory, an archive, or a saved ``tools/list`` answer."""
    limits = limits or Limits()
    path = Path(path).resolve()  # imports between files resolve to absolute paths: so must the files
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.is_file() and path.suffix == ".json":
        return ExtractionResult(tools=read_tools_list(path), files_scanned=1)
    if is_archive(path):
        with unpacked(path, limits) as folder:
            return _tree(_package_root(folder), limits)
    if path.is_dir():
        return _tree(path, limits)
    raise InputError(f"{path} is not a directory, an archive (.tgz .tar.gz .zip .whl) or a tools/list JSON file")


def _package_root(folder: Path) -> Path:
    """npm tarballs put everything under `package/`, sdists under `name-version/`: start there."""
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else folder


def _files(root: Path, limits: Limits, result: ExtractionResult) -> list[Path]:
    found: list[Path] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            result.warnings.append(f"{folder}: {exc.strerror}")
            continue
        for entry in entries:
            if entry.is_symlink():
                result.warnings.append(f"{entry.relative_to(root)}: a link, skipped")
            elif entry.is_dir():
                if entry.name not in SKIP_DIRS and not (entry.name in PROJECT_DIRS and _project(folder, root)):
                    stack.append(entry)
            elif entry.is_file():
                if _TEST_FILE.search(entry.name):  # a test declares tools of its own, which the server never lists
                    continue
                if entry.stat().st_size > limits.file_bytes:
                    result.warnings.append(
                        f"{entry.relative_to(root)}: larger than {limits.file_bytes:,} bytes, skipped"
                    )
                    continue
                found.append(entry)
                if len(found) >= limits.files:
                    result.warnings.append(f"more than {limits.files} files: the rest was not read")
                    return found
    return found


def _project(folder: Path, root: Path) -> bool:
    """Whether ``folder`` is a project's own folder: the top of the tree, or one holding a manifest."""
    return folder == root or any((folder / name).is_file() for name in _MANIFESTS) or any(folder.glob("*.csproj"))


def _tree(root: Path, limits: Limits) -> ExtractionResult:
    from crawler.extract.js_values import Loader
    from crawler.extract.lang_js import SUFFIXES, extract_js
    from crawler.extract.lang_python import extract_python
    from crawler.extract.py_delegation import declared_requirements

    languages = _languages()
    result = ExtractionResult()
    files = _files(root, limits, result)
    result.files_scanned = len(files)
    text_files = []
    for path in (p for p in files if p.suffix in SUFFIXES or p.suffix == ".py" or p.suffix in languages):
        with open(path, "rb") as handle:
            if b"\0" in handle.read(4096):
                result.warnings.append(f"{path.relative_to(root)}: binary, skipped")
                continue
        text_files.append(path)
    found = from_manifests(root, files)
    js_files = [p for p in text_files if p.suffix in SUFFIXES]
    loader = Loader(root, js_files)  # each module parsed once, for its tools and for the delegation below
    found += extract_js(loader, js_files)
    found += extract_python(root, [p for p in text_files if p.suffix == ".py"], declared_requirements(root, files))
    for suffix, extractor in languages.items():
        found += extractor(root, [p for p in text_files if p.suffix == suffix], result.warnings)
    best: dict[str, ToolDefinition] = {}
    for tool in sorted(found, key=lambda t: (ORIGIN_RANK.get(t.origin, 9), -t.confidence)):
        best.setdefault(tool.name, tool)
    result.tools = sorted(best.values(), key=lambda t: (t.file or "", t.line or 0, t.name))
    if not result.tools:
        from crawler.extract.readme import from_readme

        result.delegates_to = _delegation(root, files, loader)
        result.tools = from_readme(root)  # the last resort, at low confidence
    return result


def _languages() -> dict[str, Callable[[Path, list[Path], list[str]], list[ToolDefinition]]]:
    """Extractors of the compiled languages by file suffix (imported on use: `mcprisk` starts fast)."""
    from crawler.extract.lang_csharp import extract_csharp
    from crawler.extract.lang_go import extract_go
    from crawler.extract.lang_java import extract_java
    from crawler.extract.lang_rust import extract_rust

    return {".go": extract_go, ".rs": extract_rust, ".cs": extract_csharp, ".java": extract_java}


def _delegation(root: Path, files: list[Path], loader: "Loader") -> list[str]:
    """Dependencies a package's entry points import or launch, directly or through its own modules, when it
    declares no tool itself: an npm package here, a Python sdist or wheel in ``py_delegation``."""
    if not (root / "package.json").is_file():
        from crawler.extract.py_delegation import python_delegates

        return python_delegates(root, files)
    from crawler.extract.js_reach import entry_points, read_package, walk

    package = read_package(root)
    if package is None:
        return []
    dependencies = {d for d in package.get("dependencies") or {} if not d.startswith("@modelcontextprotocol/")}
    found: list[str] = []
    for spec in walk(loader, entry_points(root, package, loader)[0]).packages:
        if (name := _PACKAGE.match(spec)) and name[0] in dependencies and name[0] not in found:
            found.append(name[0])
    return found
