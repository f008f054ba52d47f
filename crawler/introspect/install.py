"""Installing one exact package version into a content-addressed cache outside the catalogue.

npm packages go into a prefix of their own with ``--ignore-scripts`` (no install script of anyone's runs here);
PyPI packages into a venv of their own, from wheels only (an sdist would run its build code outside the sandbox),
their requirements as they stood when the package was released (introspect.released): the direct ones, then,
when those resolve, everything installed.
Each install is built in a scratch folder and renamed into place when complete, so a version installed once is
never installed again and a half-done install is never mistaken for a finished one. A watchdog caps its time and
the bytes it downloads and keeps on disk.
"""

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from catalog.core.errors import ConfigError, InputError
from catalog.core.settings import Settings
from crawler.extract.archive import Limits as ArchiveLimits
from crawler.extract.archive import is_archive, unpacked
from crawler.extract.extraction import package_root
from crawler.introspect import pythons, released
from crawler.introspect.limits import Limits
from crawler.introspect.outcome import InstallError
from crawler.introspect.sdist import build_in_sandbox, build_requires, fetch_sdist
from crawler.introspect.target import Target

DONE = "installed.json"


@dataclass
class Installed:
    target: Target
    root: Path  # the cache entry (or the local folder): bound read-only into the sandbox
    kind: str  # npm, pypi, node (a local JavaScript folder), python (a local Python folder)
    package_paths: list[Path] = field(default_factory=list)  # the package's own files (static extraction reads them)
    cached: bool = False


def cache_root(settings: Settings) -> Path:
    root = Path(settings.introspect_cache or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) /
                "mcprisk" / "introspect").expanduser()
    root.mkdir(parents=True, exist_ok=True)
    return root


def cache_key(*parts: str) -> str:
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]
    slug = "".join(c if c.isalnum() else "-" for c in "-".join(parts[:2]))[:60]
    return f"{slug}-{digest}"


def install(target: Target, cache: Path, limits: Limits, pypi_api: Callable[[], str] | None = None) -> Installed:
    """The target installed (or found installed) in ``cache``; InstallError with pip's or npm's last line if not.
    ``pypi_api`` gives PyPI's JSON API base: when each direct requirement was released (they are installed as they
    stood at the package's release), and the sdist of a package that has no wheel."""
    if target.registry == "local":
        return _local(target, cache)
    final = cache / cache_key(target.registry, target.name, target.version)
    if (final / DONE).exists():
        return _describe(target, final, cached=True)
    # A venv names itself by absolute path (script shebangs), so PyPI installs are made where they stay; npm's are
    # made aside and renamed into place.
    scratch = final if target.registry == "pypi" else cache / f".scratch-{uuid.uuid4().hex}"
    if scratch.exists():  # a PyPI install that never finished
        shutil.rmtree(scratch)
    scratch.mkdir(mode=0o755, parents=True)
    try:
        if target.registry == "npm":
            _npm(target, scratch, limits)
        else:
            _pypi(target, scratch, limits, pypi_api)
        shutil.rmtree(scratch / ".downloads", ignore_errors=True)
        (scratch / DONE).write_text(json.dumps({"target": target.label, "at": time.time()}))
        if scratch != final:
            try:
                scratch.rename(final)
            except OSError:  # another worker finished the same version first: keep theirs
                shutil.rmtree(scratch, ignore_errors=True)
    finally:
        if scratch.exists() and not (scratch / DONE).exists() or scratch != final and scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return _describe(target, final, cached=False)


def _describe(target: Target, root: Path, cached: bool) -> Installed:
    if target.registry == "npm":
        return Installed(target, root, "npm", [root / "node_modules" / target.name], cached)
    return Installed(target, root, "pypi", distribution_files(root, target.name), cached)


def _run(argv: list[str], folder: Path, limits: Limits, env: dict[str, str] | None = None) -> None:
    """Run an installer with a watchdog: over time, or over the disk cap (downloads land in ``folder``), it is
    killed with its process group."""
    downloads = folder / ".downloads"
    downloads.mkdir(exist_ok=True)
    environ = os.environ | {"TMPDIR": str(downloads), "PIP_NO_INPUT": "1", "npm_config_update_notifier": "false"}
    process = subprocess.Popen(argv, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=environ | (env or {}), start_new_session=True)
    deadline = time.monotonic() + limits.install_seconds
    reason = None
    while process.poll() is None:
        if time.monotonic() > deadline:
            reason = f"took over {limits.install_seconds:.0f} s"
        elif _size(folder) > limits.disk_bytes:
            reason = f"took over {limits.disk_bytes:,} bytes of download and disk"
        if reason:
            os.killpg(process.pid, 9)
            process.wait()
            raise InstallError(f"install {reason}: stopped")
        time.sleep(0.5)
    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
    if process.returncode != 0:
        lines = [line for line in output.strip().splitlines() if line.strip()]
        wanted = [line for line in lines if "ERROR" in line or "ERR!" in line] or lines
        raise InstallError(" | ".join(wanted[-3:])[-600:] or f"installer exited with {process.returncode}")


def _size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
    return total


def _npm(target: Target, folder: Path, limits: Limits) -> None:
    (folder / "package.json").write_text('{"private": true}')
    _run(["npm", "install", "--prefix", str(folder), "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev",
          "--no-save", "--cache", str(folder / ".downloads" / "npm"), f"{target.name}@{target.version}"],
         folder, limits)


def _pypi(target: Target, folder: Path, limits: Limits, pypi_api: Callable[[], str] | None) -> None:
    """The package alone first (its wheel, or its sdist built in the sandbox), then its dependencies, capped at what
    they were when it was released; in a venv of the Python its release asks for (introspect.pythons). The
    project's page is read once, here: it says that Python, lists the sdist and dates the release."""
    page = _project_page(target, pypi_api)
    python = pythons.for_release(released.requires_python(page or {}, target.version))
    venv = folder / "venv"
    _run([str(python), "-m", "venv", "--without-pip", str(venv)], folder, limits)
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--only-binary", ":all:",
           "--no-cache-dir", "--disable-pip-version-check", "--no-warn-script-location"]
    spec = f"{target.name}=={target.version}"
    try:
        _run([*pip, "--no-deps", spec], folder, limits)
    except InstallError as error:
        if pypi_api is None or "no matching distribution" not in str(error).lower():
            raise
        page = _sdist(target, folder, limits, pip, pypi_api, page)
    capped = _as_released(target, folder, pypi_api, page)
    dated = _constraint_file(folder, capped, "as-released.txt") if capped else []
    try:
        _run([*pip, *dated, spec], folder, limits)
    except InstallError:
        if not dated:
            raise
        _run([*pip, spec], folder, limits)  # the dependencies of its day do not resolve together: today's
        return
    site = site_packages(folder)
    again = released.newer_than_released(pypi_api(), target.name, target.version, site, page, capped) if (
        dated and site and pypi_api) else []
    if again:
        with contextlib.suppress(InstallError):  # that day's whole set does not resolve: today's newer ones stay
            _run([*pip, *_constraint_file(folder, again, "as-released-all.txt"), spec], folder, limits)


def _project_page(target: Target, pypi_api: Callable[[], str] | None) -> dict[str, Any] | None:
    """Every release's files (released.project_releases); None where no PyPI API is configured or it cannot say."""
    if pypi_api is None:
        return None
    try:
        return released.project_releases(pypi_api(), target.name)
    except (ConfigError, OSError, ValueError, AttributeError):
        return None


def _sdist(
    target: Target, folder: Path, limits: Limits, pip: list[str], pypi_api: Callable[[], str],
    page: dict[str, Any] | None,
) -> dict[str, Any]:
    """No wheel: the sdist fetched as a file and built inside the sandbox (its build requirements from wheels); the
    project's page it was found on (``page`` when read already)."""
    try:
        api = pypi_api()
    except ConfigError as error:
        raise InstallError(f"no wheel, and no PyPI API to fetch the sdist from: {error}") from None
    archive, page = fetch_sdist(api, target.name, target.version, folder / ".downloads", limits, page)
    requires = build_requires(archive)
    if requires:
        _run([*pip, *requires], folder, limits)
    build_in_sandbox(pythons.ours(), folder / "venv", archive, limits)
    return page


def _as_released(
    target: Target, folder: Path, pypi_api: Callable[[], str] | None, page: dict[str, Any] | None
) -> list[str]:
    """pip constraints capping the installed package's direct requirements (its own metadata's) at what they were
    when it was released (introspect.released, from ``page`` when read already); none where no PyPI API is
    configured to say when."""
    site = site_packages(folder) if pypi_api is not None else None
    found = [d for d in distributions(path=[str(site)]) if normalised(d.metadata["Name"] or "") ==
             normalised(target.name)] if site is not None else []
    if pypi_api is None or not found:
        return []
    try:
        return released.constraints(pypi_api(), target.name, target.version, found[0].requires or [], page)
    except ConfigError:
        return []


def _constraint_file(folder: Path, lines: list[str], name: str) -> list[str]:
    path = folder / ".downloads" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return ["-c", str(path)]


def site_packages(root: Path) -> Path | None:
    return next(iter(sorted((root / "venv" / "lib").glob("python3*/site-packages"))), None)


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name.lower())


def distribution_name(info: Path) -> str:
    """``Foo.Bar-1.0.dist-info`` -> ``foo_bar``: the name, without the version (the last dash before the suffix)."""
    return normalised(info.name.removesuffix(".dist-info").rsplit("-", 1)[0])


def distribution_files(root: Path, name: str) -> list[Path]:
    """The top-level files and folders the distribution itself installed (its RECORD), not its dependencies."""
    site = site_packages(root)
    if site is None:
        return []
    for info in site.glob("*.dist-info"):
        if distribution_name(info) != normalised(name):
            continue
        tops: list[Path] = []
        record = info / "RECORD"
        for line in record.read_text(errors="replace").splitlines() if record.exists() else []:
            first = line.split(",", 1)[0].split("/", 1)[0]
            if first and not first.endswith((".dist-info", ".data")) and first not in ("..", "__pycache__"):
                path = site / first
                if path not in tops and path.exists():
                    tops.append(path)
        return tops
    return []


def _local(target: Target, cache: Path) -> Installed:
    """A local folder is used where it is; an archive is unpacked (safely, with caps) once, keyed by its bytes."""
    path = target.path
    assert path is not None
    if is_archive(path):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
        final = cache / f"archive-{digest}"
        if not (final / DONE).exists():
            with unpacked(path, ArchiveLimits()) as folder:
                scratch = cache / f".scratch-{uuid.uuid4().hex}"
                shutil.copytree(package_root(folder), scratch / "package")
                (scratch / DONE).write_text(json.dumps({"target": str(path)}))
                try:
                    scratch.rename(final)
                except OSError:
                    shutil.rmtree(scratch, ignore_errors=True)
        path = final / "package"
    elif not path.is_dir():
        raise InputError(f"{path} is neither a folder nor an archive (.tgz .tar.gz .zip .whl)")
    kind = "node" if (path / "package.json").exists() else "python"
    return Installed(target, path, kind, [path], cached=True)
