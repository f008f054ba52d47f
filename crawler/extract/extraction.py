"""Tool definitions out of artifacts: source trees, package archives, manifests, saved tools/list answers.

Files are walked with caps (``files``); each language's extractor sees only its own files; manifests outrank source,
which outranks a README; a package that declares nothing but hands over to a dependency says which one, so the
crawler can follow it.
"""

from datetime import datetime
from pathlib import Path

from catalog.core.collector import paused
from catalog.core.definition import SERVERS, ToolDefinition
from catalog.core.errors import InputError
from catalog.core.jsontext import clean_text, finite
from crawler.extract.archive import Limits, is_archive, unpacked
from crawler.extract.contract import Context, ExtractionResult
from crawler.extract.files import text_files, walk
from crawler.extract.languages import EXTRACTORS
from crawler.extract.limits import clean_name, relative
from crawler.extract.manifests import from_manifests, read_tools_list, without_stale
from crawler.extract.native import native_executable
from crawler.extract.readme import from_readme

ORIGIN_RANK = {"live": 0, "manifest": 1, "source": 2, "readme": 3}


def extract(path: str | Path, *, limits: Limits | None = None, released: datetime | None = None,
            libraries: Path | None = None) -> ExtractionResult:
    """Every tool ``path`` declares: a directory, an archive, or a saved ``tools/list`` answer; ``released``, when
    its registry published it (``Context.released``); ``libraries``, where its requirements are installed
    (``Context.libraries``)."""
    limits = limits or Limits()
    path = Path(path).resolve()  # imports between files resolve to absolute paths: so must the files
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.is_file() and path.suffix == ".json":
        return ExtractionResult(tools=_storable(read_tools_list(path)), files_scanned=1)
    if is_archive(path):
        with unpacked(path, limits) as folder:
            return extract_tree(package_root(folder), limits, released, libraries)
    if path.is_dir():
        return extract_tree(path, limits, released, libraries)
    raise InputError(f"{path} is not a directory, an archive (.tgz .tar.gz .zip .whl) or a tools/list JSON file")


def package_root(folder: Path) -> Path:
    """npm tarballs put everything under `package/`, sdists under `name-version/`: start there."""
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else folder


def extract_tree(root: Path, limits: Limits, released: datetime | None = None,
                 libraries: Path | None = None) -> ExtractionResult:
    """Every tool a folder declares, its files read by the extractor of their language."""
    with paused():  # a tree's hundreds of thousands of objects hold no cycles (``catalog.core.collector``)
        return _extract_tree(root, limits, released, libraries)


def _extract_tree(root: Path, limits: Limits, released: datetime | None, libraries: Path | None) -> ExtractionResult:
    warnings: list[str] = []
    files = walk(root, limits, warnings)
    context = Context(root, files, warnings, released=released, libraries=libraries)
    suffixes = text_files(root, files, {suffix for e in EXTRACTORS for suffix in e.suffixes}, warnings, context.sources)
    declared: list[ToolDefinition] = []
    for extractor in EXTRACTORS:
        declared += extractor.extract(root, [p for p, suffix in suffixes if suffix in extractor.suffixes], context)
    found = without_stale(from_manifests(root, files), declared) + declared
    _attribute(found, context.entries, root)
    best: dict[tuple[str, tuple[str, ...]], ToolDefinition] = {}
    first: dict[str, tuple[str, ...]] = {}  # the servers of each name's first definition
    for tool in sorted(found, key=lambda t: (ORIGIN_RANK.get(t.origin, 9), -t.confidence)):
        # One definition a name, but for a package's several servers: each of its servers may register a tool of
        # the same name (`get_profile` of the mail server and of the calendar's), and a client sees only its own.
        # A definition named with no server is every server's: it and one server's are one tool, the first stands.
        servers = first.setdefault(tool.name, tuple(tool.extra.get(SERVERS, ())))
        if servers and tool.extra.get(SERVERS):
            servers = tuple(tool.extra[SERVERS])
        kept = best.setdefault((tool.name, servers), tool)
        if kept is not tool and (kept.origin, kept.confidence) == (tool.origin, tool.confidence) and (
            kept.to_mcp() != tool.to_mcp()
        ):
            # Two registrations as sure as each other: a client that keeps the last definition would run one
            # nobody judged, so say so. (A tool's data read beside its registration is one tool read twice, at
            # different confidences, and no duplicate.)
            warnings.append(
                f"duplicate tool name {tool.name!r}: defined differently at {_where(kept)} and {_where(tool)};"
                " the first is judged"
            )
    result = ExtractionResult(files_scanned=len(files), warnings=warnings)
    result.tools = sorted(best.values(), key=lambda t: (t.file or "", t.line or 0, t.name))
    for tool in result.tools:  # a file name that is not UTF-8 is shown escaped (\xff), never as raw bytes
        tool.file = clean_name(tool.file) if tool.file else tool.file
    _storable(result.tools)
    if not result.tools:
        result.delegates_to = next((found for e in EXTRACTORS if (found := e.delegates(root, context)) is not None), [])
        if (binary := native_executable(root)) is not None:  # its README names tools no one can see
            warnings.append(f"{clean_name(relative(binary, root))}: a native executable: README not read")
        else:
            result.tools = from_readme(root)  # the last resort, at low confidence
    return result


def _attribute(tools: list[ToolDefinition], entries: dict[str, set[Path]], root: Path) -> None:
    """Name with each tool the entry points (of a package shipping several servers) whose code declares it, when
    they part: each entry point reaching a tool's file registers it, and a tool whose file none reaches (a
    manifest's) is named with none and so counts for every one. Entry points reaching no tool (a command-line
    helper) are left out; when fewer than two remain, or every tool is every server's, nothing is named."""
    if len(entries) < 2:
        return  # one server at most (nearly every package): nothing to name
    reached = {key: {relative(p, root) for p in files if p.is_relative_to(root)} for key, files in entries.items()}
    owners = {id(tool): sorted(key for key, files in reached.items() if tool.file in files) for tool in tools}
    servers = {key for found in owners.values() for key in found}
    if len(servers) < 2 or all(len(found) in (0, len(servers)) for found in owners.values()):
        return
    for tool in tools:
        if owners[id(tool)]:
            tool.extra[SERVERS] = owners[id(tool)]


def _where(tool: ToolDefinition) -> str:
    return f"{clean_name(tool.file or '?')}:{tool.line}" if tool.line else clean_name(tool.file or "?")


def _storable(tools: list[ToolDefinition]) -> list[ToolDefinition]:
    """Definitions any UTF-8 output or database takes: lone surrogates (a JSON ``"\\udcff"`` decodes to one)
    escaped, NaN and Infinity named; found by tests/fuzz (scan --json failed with UnicodeEncodeError, exit 70). The
    structured fields of every tool go through one ``finite`` together: its cost is mostly per call, not per value
    (a call per tool was a twentieth of extraction)."""
    for tool in tools:  # each field by name: getattr and setattr by a name cost a fifth of the whole
        tool.name = clean_text(tool.name) if isinstance(tool.name, str) else tool.name
        tool.title = clean_text(tool.title) if isinstance(tool.title, str) else tool.title
        tool.description = clean_text(tool.description) if isinstance(tool.description, str) else tool.description
    fields = finite([[tool.input_schema, tool.output_schema, tool.annotations] for tool in tools], strings=True)
    for tool, (inputs, outputs, annotations) in zip(tools, fields, strict=True):
        tool.input_schema, tool.output_schema, tool.annotations = inputs, outputs, annotations
    return tools
