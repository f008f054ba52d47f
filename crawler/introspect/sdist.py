"""A PyPI package without a wheel: its sdist is built only inside the sandbox.

Building runs the package's own code (setup.py, an in-tree backend), so it gets what a server gets: no network,
nobody's uid, rlimits. The sdist is fetched as a file (no code runs to fetch it), its declared build requirements
are installed into the venv from wheels only, then pip, from this interpreter's read-only prefix, builds and installs
the sdist into the venv (bound read-write, and only it) with ``--no-deps --no-build-isolation --no-index``.
Dependencies follow afterwards, from wheels, outside.
"""

import os
import subprocess
import tarfile
import tomllib
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from crawler.introspect import pythons, sandbox
from crawler.introspect.limits import Limits
from crawler.introspect.outcome import InstallError
from crawler.introspect.released import project_releases

_DEFAULT_REQUIRES = ["setuptools>=40.8.0", "wheel"]


def fetch_sdist(api: str, name: str, version: str, folder: Path, limits: Limits,
                releases: dict[str, Any] | None = None) -> tuple[Path, dict[str, Any]]:
    """The sdist file of ``name==version``, downloaded (with the download cap) into ``folder``, and the project's
    page its files were read from (every index with a JSON API serves it, not every one a page per version): the
    page also dates the release (released.constraints), and is read once (``releases`` when read already)."""
    try:
        releases = project_releases(api, name) if releases is None else releases
    except (OSError, ValueError, AttributeError) as error:
        raise InstallError(f"could not read {name}=={version}'s release files: {error}") from None
    files = releases.get(version) or []
    sdists = [u for u in files if isinstance(u, dict) and u.get("packagetype") == "sdist"]
    if not sdists:
        raise InstallError(f"{name}=={version} has neither a wheel for this machine nor an sdist")
    target = folder / Path(sdists[0]["filename"]).name
    url = urljoin(f"{api}/pypi/{name}/json", sdists[0]["url"])  # a mirror may name its files relative to the page
    try:
        with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as out:  # noqa: S310
            while chunk := response.read(65536):
                if out.tell() + len(chunk) > limits.download_bytes:
                    raise InstallError(f"the sdist is over the {limits.download_bytes:,}-byte download cap")
                out.write(chunk)
    except (OSError, ValueError) as error:
        raise InstallError(f"could not download the sdist: {error}") from None
    return target, releases


def build_requires(archive: Path) -> list[str]:
    """What the sdist's pyproject.toml says it needs to build (setuptools and wheel when it says nothing)."""
    try:
        with tarfile.open(archive) as tar:
            member = next((m for m in tar.getmembers() if m.isfile() and m.name.count("/") == 1
                           and m.name.endswith("/pyproject.toml")), None)
            data = tar.extractfile(member).read() if member else None
    except (tarfile.TarError, OSError):
        return _DEFAULT_REQUIRES
    if not data:
        return _DEFAULT_REQUIRES
    try:
        requires = tomllib.loads(data.decode(errors="replace")).get("build-system", {}).get("requires")
    except ValueError:
        return _DEFAULT_REQUIRES
    return [str(r) for r in requires] if isinstance(requires, list) else _DEFAULT_REQUIRES


def _own(folder: Path, uid: int) -> None:
    for dirpath, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(dirpath, name), uid, uid)
    os.lchown(folder, uid, uid)


def build_in_sandbox(python: Path, venv: Path, archive: Path, limits: Limits) -> None:
    """Build and install ``archive`` into ``venv`` inside the sandbox; InstallError with pip's last lines if not."""
    argv = [str(python), "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps",
            "--no-build-isolation", "--no-index", "--no-cache-dir", "--disable-pip-version-check", str(archive)]
    privileged = os.geteuid() == 0
    if privileged:  # the build runs as nobody: it may write its venv, nothing else
        _own(venv, sandbox.NOBODY)
    try:
        readable = [archive.parent, *filter(None, [pythons.venv_prefix(venv)])]
        bwrap = sandbox.command(argv, sandbox.base_environment({}), readable, limits, writable=[venv])
        done = subprocess.run(bwrap, capture_output=True, text=True, timeout=limits.install_seconds,
                              preexec_fn=sandbox.preexec(limits), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise InstallError(f"the sdist build took over {limits.install_seconds:.0f} s: stopped") from None
    finally:
        if privileged:
            _own(venv, 0)
    if done.returncode != 0:
        lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        raise InstallError("sdist build failed in the sandbox: " + " | ".join(lines[-3:])[-500:])
