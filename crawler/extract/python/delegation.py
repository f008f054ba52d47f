"""Python packages that only hand over to a dependency: a shim whose console script imports and calls another
distribution's ``main``, or launches it (``python -m other``, ``runpy.run_module("other")``, a subprocess running
the dependency's command).

The dependencies come from the package's own metadata, read with the parsers packaging tools use (``Requires-Dist``
in PKG-INFO/METADATA through ``email.parser`` and ``packaging.requirements``, ``[project].dependencies`` through
``tomllib``); the entry points from ``entry_points.txt``, ``[project.scripts]`` and setup.cfg ``console_scripts``,
plus any ``__main__.py``. The entry modules and the package's own modules they import are read with ``ast``; an
import of a top-level module whose name is a dependency's (compared lowercase, ``-`` and ``.`` as ``_``) names the
delegate. Work is bounded: only the files the extractor's walk kept (capped in count and size), at most
``MAX_MODULES`` modules followed.

A metapackage ships no code at all, only its metadata (a server published again under an old or shorter name,
its wheel requiring the real one; a suite's name requiring its core and plugins): what it requires is all it does,
so it hands over to the dependencies named as MCP servers (``mcp`` a word of the name) or sharing a word of its own
name beyond the ecosystem's common ones (``tide-mcp`` requiring ``tide-core`` and ``tide-plugins``), or to its only
one; never to an unrelated library it merely pins.
"""

import re
import sys
from collections.abc import Iterable
from email.parser import BytesHeaderParser
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from crawler.extract.python.entries import console_scripts, read_toml, references
from crawler.extract.python.values import Project

MAX_MODULES = 100
FRAMEWORKS = {"mcp", "fastmcp"}  # the SDKs every server imports: never where a shim's tools are
_COMMON_WORDS = {"mcp", "server", "py", "python", "model", "context", "protocol"}


def key(name: str) -> str:
    """A distribution or module name as both compare: ``Other-MCP``, ``other.mcp`` and ``other_mcp`` are one."""
    return re.sub(r"[-_.]+", "_", name).lower()


def python_delegates(root: Path, files: list[Path]) -> list[str]:
    """The dependencies (as the package names them) that its entry points import or launch, in the order found."""
    dependencies = {key(d): d for d in _dependencies(root, files) if key(d) not in FRAMEWORKS}
    if not dependencies:
        return []
    if _codeless(root, files):
        own = set(key(_name(root, files)).split("_")) - _COMMON_WORDS
        named = [d for k, d in dependencies.items() if "mcp" in k.split("_") or own & set(k.split("_"))]
        return named or (list(dependencies.values()) if len(dependencies) == 1 else [])
    project = Project(root, [f for f in files if f.suffix == ".py"])
    modules = dict.fromkeys(console_scripts(root, files).values())
    queue = [p for p in (project.locate(root, m, 0) for m in modules) if p is not None]
    queue += sorted(f for f in project.files if f.name == "__main__.py")
    found: list[str] = []
    foreign: set[str] = (
        set()
    )  # top-level modules imported that are neither local, nor stdlib, nor named as a dependency
    seen: set[Path] = set()
    while queue and len(seen) < MAX_MODULES:
        path = queue.pop(0)
        if path in seen or (index := project.index(path)) is None:
            continue
        seen.add(path)
        for name, local in references(project, path, index):
            top = key(name.split(".")[0])
            if local is not None:
                queue.append(local)
            elif (dependency := dependencies.get(top)) and dependency not in found:
                found.append(dependency)
            elif top and dependency is None and top not in sys.stdlib_module_names and top not in FRAMEWORKS:
                foreign.add(top)
    return found or _renamed(foreign, list(dependencies.values()))


def _codeless(root: Path, files: list[Path]) -> bool:
    """Nothing but metadata: every file in a ``.dist-info``/``.egg-info`` folder or beside them at the root (an
    sdist's PKG-INFO, pyproject.toml, README), and no module there but a ``setup.py``."""
    for path in files:
        parts = path.relative_to(root).parts
        if len(parts) > 1 and not parts[0].endswith((".dist-info", ".egg-info")):
            return False
        if len(parts) == 1 and path.suffix == ".py" and path.name != "setup.py":
            return False
    return True


def _renamed(modules: set[str], dependencies: list[str]) -> list[str]:
    """A distribution whose import name is not its own (``mcp-for-blender`` installs ``blender_mcp``): the one
    dependency a package declares, when its entry point imports a module no other name explains and the two
    names share a word beyond the ecosystem's common ones."""
    if len(dependencies) != 1:
        return []
    words = set(key(dependencies[0]).split("_")) - _COMMON_WORDS
    return dependencies if any(words & set(module.split("_")) for module in modules) else []


def _dependencies(root: Path, files: list[Path]) -> list[str]:
    return list(dict.fromkeys(r.name for r in declared_requirements(root, files)))


def declared_requirements(root: Path, files: list[Path]) -> list[Requirement]:
    """Required (not optional-extra) dependencies from the core metadata, else from pyproject.toml."""
    found: list[Requirement] = []
    for path in files:
        if path.name == "PKG-INFO" or (path.name == "METADATA" and path.parent.suffix == ".dist-info"):
            headers = BytesHeaderParser().parsebytes(path.read_bytes())
            found += requirements(headers.get_all("Requires-Dist") or [])
    if not found and (project := read_toml(root / "pyproject.toml").get("project")):
        found = requirements(project.get("dependencies") or [] if isinstance(project, dict) else [])
    return found


def _name(root: Path, files: list[Path]) -> str:
    """The distribution's own name, from its core metadata, else pyproject.toml."""
    for path in files:
        if path.name == "PKG-INFO" or (path.name == "METADATA" and path.parent.suffix == ".dist-info"):
            return BytesHeaderParser().parsebytes(path.read_bytes()).get("Name") or ""
    project = read_toml(root / "pyproject.toml").get("project")
    return str(project.get("name") or "") if isinstance(project, dict) else ""


def requirements(specs: Iterable[object]) -> list[Requirement]:
    """The readable requirements among ``specs`` (``Requires-Dist`` values, PEP 621 strings), optional extras
    left out: what installing the package always brings."""
    found = []
    for spec in specs:
        try:
            requirement = Requirement(str(spec))
        except InvalidRequirement:
            continue
        if requirement.marker is None or "extra" not in str(requirement.marker):
            found.append(requirement)
    return found
