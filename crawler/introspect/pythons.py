"""Which Python a PyPI server's venv is made from: the one its release asks for (``Requires-Python``).

A server published for a newer Python than ours (``>=3.12``, ``>=3.13``) has no wheel pip will take for our
interpreter and refuses to build its sdist; every user of it runs it on a Python it accepts, and so must we, or its
tools are lost. The interpreters considered are ours, those installed beside ours (pyenv's versions, uv's managed
Pythons, or ``/usr/bin`` itself when ours is the system's) and ``python3.N`` on PATH, each asked what it is (a
pyenv shim for a version not selected fails, and is left out). Ours is kept when it satisfies the release; else the
one nearest ours that does (the newer of two as near): its dependencies are the likeliest to have wheels for it,
and the pip that installs it the likeliest to support it.
"""

import functools
import json
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from shutil import which

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

_ASK = "import json, sys; print(json.dumps([sys.base_prefix, '%d.%d.%d' % sys.version_info[:3]]))"
_MINORS = range(8, 20)


@dataclass(frozen=True)
class Python:
    executable: Path  # the real binary under its prefix, never a shim: venvs name it by absolute path
    version: Version


def ours() -> Path:
    """The Python the venvs are made from by default: this one's base interpreter (its prefix is bound into the
    sandbox)."""
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    return base if base.exists() else Path(sys.executable)


def _candidates() -> list[Path]:
    found = [ours()]
    beside = Path(sys.base_prefix).parent
    found += sorted(beside.glob("*/bin/python3.*"))
    found += [Path(p) for p in (which(f"python3.{minor}") for minor in _MINORS) if p]
    return [p for p in found if p.name.removeprefix("python3.").isdigit()]


def _described(path: Path) -> Python | None:
    try:
        done = subprocess.run([str(path), "-I", "-c", _ASK], capture_output=True, text=True, timeout=20)
        prefix, version = json.loads(done.stdout) if done.returncode == 0 else (None, None)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    if not prefix:
        return None
    real = Path(prefix) / "bin" / path.name
    return Python(real if real.exists() else path.resolve(), Version(version))


@functools.cache
def available() -> tuple[Python, ...]:
    """Every distinct interpreter found, ours first."""
    seen: dict[str, Python] = {}
    for path in _candidates():
        python = _described(path)
        if python is not None:
            seen.setdefault(str(python.version), python)
    return tuple(seen.values())


def for_release(requires_python: str | None, pythons: tuple[Python, ...] | None = None) -> Path:
    """The interpreter to make a release's venv from: ours, unless ``requires_python`` excludes it and another
    found satisfies it (then the one nearest ours); ours again when none does (pip then says why it cannot install)."""
    pythons = available() if pythons is None else pythons
    try:
        wanted = SpecifierSet(requires_python or "")
    except InvalidSpecifier:
        return ours()
    mine = Version(platform.python_version())
    if wanted.contains(mine, prereleases=True):
        return ours()
    fitting = sorted((p for p in pythons if wanted.contains(p.version, prereleases=True)),
                     key=lambda p: (abs(p.version.minor - mine.minor), -p.version.minor))
    return fitting[0].executable if fitting else ours()


def venv_prefix(venv: Path) -> Path | None:
    """The prefix of the interpreter a venv was made from (its ``pyvenv.cfg`` ``home``), which the sandbox must bind
    for the venv's python to run; None for a folder that is no venv."""
    try:
        lines = (venv / "pyvenv.cfg").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == "home" and value.strip():
            return Path(value.strip()).parent
    return None
