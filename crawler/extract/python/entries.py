"""A Python package's entry points and the package's own modules each of them runs.

One distribution may ship several servers: a console script per product (`gcal-mcp`, `gsheets-mcp`, each
`module.server:main` building its own server object), or one per top-level package (`excelmcp`, `pptmcp`). A
client starts one of them, and sees only the tools registered by the modules that script imports; the tools of the
others are no part of its answer. The console scripts come from the package's metadata (``entry_points.txt``,
``[project.scripts]``, setup.cfg), the modules each reaches from its module's imports (at module level or inside a
function: a ``main`` importing lazily runs it too), read with ``ast``, together with the ``__init__.py`` of every
package above a module reached (Python runs them on import). Delegation follows the same imports to find the
dependency a shim hands over to.
"""

import ast
import configparser
import tomllib
from pathlib import Path

from crawler.extract.python.syntax import Index, dotted
from crawler.extract.python.values import Project

_LAUNCHERS = ("subprocess.", "os.exec", "os.spawn", "os.system", "asyncio.create_subprocess_")


def console_scripts(root: Path, files: list[Path]) -> dict[str, str]:
    """The package's console scripts, each name with its module: ``name = module.path:function`` →
    ``{"name": "module.path"}``; the first declaration of a name stands."""
    targets: list[tuple[str, str]] = []
    for path in files:
        if path.name == "entry_points.txt" and path.parent.suffix in (".dist-info", ".egg-info"):
            targets += _section(path, "console_scripts", "")
    if (path := root / "setup.cfg").is_file():
        targets += _section(path, "options.entry_points", "console_scripts")
    project = read_toml(root / "pyproject.toml").get("project")
    scripts = project.get("scripts") if isinstance(project, dict) else None
    targets += [(str(k), str(v)) for k, v in scripts.items()] if isinstance(scripts, dict) else []
    found: dict[str, str] = {}
    for name, target in targets:
        if target.strip():
            found.setdefault(name.strip(), target.split(":")[0].strip())
    return found


def read_toml(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _section(path: Path, section: str, option: str) -> list[tuple[str, str]]:
    """Entry points of an INI file as (name, target): the section's options, or one option's ``name = target``
    lines."""
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, configparser.Error):
        return []
    if not parser.has_section(section):
        return []
    if not option:
        return list(parser[section].items())
    lines = parser[section].get(option, "").splitlines()
    return [(name, target) for name, _, target in (line.partition("=") for line in lines if "=" in line)]


def references(project: Project, path: Path, index: Index) -> list[tuple[str, Path | None]]:
    """What a module imports or launches: (a top-level name, the local file it is, if it is one)."""
    found: list[tuple[str, Path | None]] = []
    for node in index.of(ast.Import, ast.ImportFrom, ast.Call):
        if isinstance(node, ast.Import):
            found += [(a.name, project.locate(path, a.name, 0)) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            local = project.locate(path, module, node.level) if module else None
            for alias in node.names:  # `from . import cli`, `from pkg import cli`: the submodule is local too
                sub = project.locate(path, f"{module}.{alias.name}".lstrip("."), node.level)
                found += [(module, sub)] if sub is not None else []
            if node.level or local is not None:
                found += [(module, local)] if local is not None else []
            else:
                found.append((module, None))
        elif isinstance(node, ast.Call) and _launches(dotted(node.func)):
            found += [(word, None) for word in _literal_words(node)]
    return found


def _launches(function: str) -> bool:
    return function.startswith(_LAUNCHERS) or function.split(".")[-1] in ("run_module", "run_path")


def _literal_words(call: ast.Call) -> list[str]:
    """The literal words a launch passes: ``[sys.executable, "-m", "other"]``, ``"other-mcp --stdio"``."""
    words: list[str] = []
    for node in ast.walk(call):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words += [w for w in node.value.split() if not w.startswith("-")]
    return words


def entry_reaches(project: Project, files: list[Path]) -> dict[str, set[Path]]:
    """Each console script of the package and the local modules it runs, when scripts run different modules; a
    script whose module is not among the files (another distribution's, or cut by the walk's caps) is left out."""
    reaches: dict[str, set[Path]] = {}
    scripts = console_scripts(project.root, files)
    if len(set(scripts.values())) < 2:
        return reaches  # one server at most: nothing to tell apart
    for name, module in scripts.items():
        if (start := project.locate(project.root, module, 0)) is not None:
            reaches[name] = _reached(project, start)
    return reaches


def _reached(project: Project, start: Path) -> set[Path]:
    seen: set[Path] = set()
    queue = [start]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        queue += [p / "__init__.py" for p in path.parents if p.is_relative_to(project.root)
                  and p / "__init__.py" in project.files]
        if (index := project.index(path)) is not None:
            queue += [local for _, local in references(project, path, index) if local is not None]
    return seen
