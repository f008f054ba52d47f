"""What to introspect: a registry package at an exact version, or a local folder or archive, plus what the
Registry's ``server.json`` says about starting it (arguments, environment variables, transport).

Parsing lives here so the CLI, the nightly job and the benchmarks name a server the same way.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.core.errors import InputError

_NPM = re.compile(r"^npm:(?P<name>(@[\w.-]+/)?[\w.-]+)@(?P<version>[\w.+-]+)$")
_PYPI = re.compile(r"^pypi:(?P<name>[A-Za-z0-9][\w.-]*)==(?P<version>[\w.+!-]+)$")


@dataclass(frozen=True)
class Target:
    """One server to start. ``registry`` is ``npm``, ``pypi`` or ``local`` (then ``path`` is set)."""

    registry: str
    name: str
    version: str = ""
    path: Path | None = None
    # The server.json package entry (or {}): runtimeArguments, packageArguments, environmentVariables, transport.
    package: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self) -> str:
        if self.registry == "npm":
            return f"npm:{self.name}@{self.version}"
        if self.registry == "pypi":
            return f"pypi:{self.name}=={self.version}"
        return str(self.path)

    @property
    def environment_variables(self) -> list[dict[str, Any]]:
        found = self.package.get("environmentVariables") or []
        return [v for v in found if isinstance(v, dict) and isinstance(v.get("name"), str)]


def parse_target(spec: str, package: dict[str, Any] | None = None) -> Target:
    """``npm:NAME@VERSION``, ``pypi:NAME==VERSION`` or a path; an exact version is required (one version is
    installed once and never again, so "latest" would make the cache lie)."""
    package = package or {}
    if match := _NPM.match(spec):
        return Target("npm", match["name"], match["version"], package=package)
    if match := _PYPI.match(spec):
        return Target("pypi", match["name"], match["version"], package=package)
    if spec.startswith(("npm:", "pypi:")):
        raise InputError(f"{spec!r}: name an exact version, as npm:NAME@1.2.3 or pypi:NAME==1.2.3")
    path = Path(spec).expanduser()
    if not path.exists():
        raise InputError(f"{spec!r} is neither npm:NAME@VERSION, pypi:NAME==VERSION nor an existing path")
    return Target("local", path.name, path=path.resolve(), package=package)
