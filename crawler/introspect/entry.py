"""How an installed server is started: its command inside the sandbox, as its package (and server.json) says.

npm: the package's ``bin`` (the one named like the package, or the only one) run by node; PyPI: the console
script the distribution installed, else ``python -m`` its module; a local folder: its bin, its ``[project.scripts]``
entry, or a ``server.py``/``main.py``. ``packageArguments`` from server.json follow, with dummy values.
"""

import json
import re
import sys
import tomllib
from importlib.metadata import PathDistribution
from pathlib import Path
from typing import Any

from crawler.introspect.install import Installed, distribution_name, normalised, site_packages
from crawler.introspect.pythons import ours

_SKIP_SCRIPTS = re.compile(r"^(python[\d.]*|pip[\d.]*|activate.*|Activate.*|wheel|normalizer|distro|.*-config)$")


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().rsplit("/", 1)[-1])


def _pick(names: list[str], package: str, named_only: bool = False) -> str | None:
    """The name most like the package's, else one saying mcp, else (unless ``named_only``) the first."""
    if not names:
        return None
    wanted = _norm(package)
    for test in (lambda n: _norm(n) == wanted, lambda n: wanted.startswith(_norm(n)) or _norm(n).startswith(wanted),
                 lambda n: "mcp" in n.lower()):
        found = [n for n in names if test(n)]
        if found:
            return sorted(found, key=len)[0]
    if named_only:
        return None
    return names[0] if len(names) == 1 else sorted(names)[0]


def _node_command(folder: Path, name: str) -> list[str] | None:
    try:
        manifest = json.loads((folder / "package.json").read_text())
    except (OSError, ValueError):
        return None
    bins = manifest.get("bin")
    if isinstance(bins, str):
        bins = {manifest.get("name", name): bins}
    script = None
    if isinstance(bins, dict) and bins:
        chosen = _pick([str(k) for k in bins], name)
        script = bins.get(chosen) if chosen else None
    script = script or manifest.get("main") or ("index.js" if (folder / "index.js").exists() else None)
    if not isinstance(script, str):
        return None
    return ["node", str((folder / script).resolve())]


def _python_scripts(root: Path) -> list[str]:
    folder = root / "venv" / "bin"
    if not folder.is_dir():
        return []
    return [p.name for p in folder.iterdir() if p.is_file() and not _SKIP_SCRIPTS.match(p.name)]


def _own_scripts(installed: Installed) -> list[str]:
    """The console scripts the distribution itself declares (its entry_points.txt), not its dependencies' (the
    ``mcp`` SDK's own ``mcp`` command is no server)."""
    site = site_packages(installed.root)
    for info in site.glob("*.dist-info") if site else []:
        if distribution_name(info) != normalised(installed.target.name):
            continue
        try:
            return [point.name for point in PathDistribution(info).entry_points if point.group == "console_scripts"]
        except (OSError, ValueError, TypeError):  # unreadable, or malformed (a line without "=" is a TypeError)
            return []
    return []


def _pypi_command(installed: Installed) -> list[str] | None:
    name = installed.target.name
    present = set(_python_scripts(installed.root))
    own = [script for script in _own_scripts(installed) if script in present]
    if own:
        return [str(installed.root / "venv" / "bin" / _pick(own, name))]  # type: ignore[operator]
    site = site_packages(installed.root)
    modules = [p.stem for p in installed.package_paths if p.is_dir() or p.suffix == ".py"]
    module = _pick(modules, name) or normalised(name)
    if site and ((site / module / "__main__.py").exists() or (site / f"{module}.py").exists()):
        return [str(installed.root / "venv" / "bin" / "python"), "-m", module]
    # a package without __main__ cannot be run with -m (a library, or a name held); a script the distribution
    # does not declare is its dependencies' (idna, uvicorn...) unless its name says the package's or mcp
    script = _pick(sorted(present - {"mcp", "fastmcp", "uvicorn", "httpx", "dotenv", "typer"}), name, named_only=True)
    return [str(installed.root / "venv" / "bin" / script)] if script else None


def _local_python(folder: Path) -> list[str] | None:
    python = str(ours()) if sys.base_prefix == sys.prefix else sys.executable
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text())
        scripts = project.get("project", {}).get("scripts", {})
    except (OSError, ValueError):
        scripts = {}
    chosen = _pick(list(scripts), folder.name)
    if chosen and ":" in scripts[chosen]:
        module, func = scripts[chosen].split(":", 1)
        return [python, "-c", f"import sys; from {module} import {func} as main; sys.exit(main())"]
    for name in ("server.py", "main.py", "__main__.py"):
        if (folder / name).exists():
            return [python, str(folder / name)]
    return None


def arguments(package: dict[str, Any]) -> list[str]:
    """server.json's packageArguments as a command line, with their values or dummy ones."""
    out: list[str] = []
    for arg in package.get("packageArguments") or []:
        if not isinstance(arg, dict):
            continue
        value = arg.get("value") or arg.get("default") or arg.get("valueHint")
        if arg.get("type") == "named" and arg.get("name"):
            out.append(str(arg["name"]))
            if value is not None:
                out.append(str(value))
        elif value is not None:
            out.append(str(value))
        elif arg.get("isRequired"):
            out.append("/sandbox")
    return out


def start_command(installed: Installed) -> list[str] | None:
    """The command line to run, or None when the package names no way to start it."""
    if installed.kind == "npm":
        command = _node_command(installed.package_paths[0], installed.target.name)
    elif installed.kind == "pypi":
        command = _pypi_command(installed)
    elif installed.kind == "node":
        command = _node_command(installed.root, installed.target.name)
    else:
        command = _local_python(installed.root)
    return command + arguments(installed.target.package) if command else None
