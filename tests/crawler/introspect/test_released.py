"""A PyPI server installed with its dependencies as they stood at its release: a requirement without an upper
bound does not resolve to a major released later, nor does what that requirement requires. The simple index and
the JSON API are served on loopback."""

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.introspect.install import install, site_packages
from crawler.introspect.limits import Limits
from crawler.introspect.released import constraints
from crawler.introspect.target import Target
from tests.crawler.introspect.conftest import loopback_index

# name -> version -> (upload time, Requires-Dist)
_RELEASES = {
    "lamp-server": {"1.0": ("2025-03-01T00:00:00.000000Z", ["wick>=1.0", "oil; extra == 'spare'",
                                                           "flint; sys_platform == 'nowhere'"])},
    "wick": {"1.0": ("2025-01-01T00:00:00.000000Z", ["flame"]), "1.5rc1": ("2025-02-01T00:00:00.000000Z", []),
             "2.0": ("2026-01-01T00:00:00.000000Z", ["flame"])},
    # what wick requires without a bound: today's release would be taken, not the server's day's
    "flame": {"1.0": ("2024-06-01T00:00:00.000000Z", []), "2.0": ("2026-02-01T00:00:00.000000Z", [])},
}


def _wheel(folder: Path, name: str, version: str, requires: list[str]) -> Path:
    path = folder / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    info = f"{name.replace('-', '_')}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {line}\n" for line in requires)
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr(f"{name.replace('-', '_')}/__init__.py", f"VERSION = {version!r}\n")
        wheel.writestr(f"{info}/METADATA", metadata)
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                        "Tag: py3-none-any\n")
        wheel.writestr(f"{info}/RECORD", "")
    return path


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    wheels = {(n, v): _wheel(tmp_path, n, v, r) for n, vs in _RELEASES.items() for v, (_, r) in vs.items()}

    def file(name: str, version: str) -> dict[str, str]:
        return {"filename": wheels[name, version].name, "packagetype": "bdist_wheel",
                "upload_time_iso_8601": _RELEASES[name][version][0]}

    def answer(path: str, base: str) -> tuple[str, bytes] | None:
        parts = path.strip("/").split("/")
        if parts[0] == "simple" and len(parts) == 2 and parts[1] in _RELEASES:
            links = "".join(f'<a href="/files/{wheels[parts[1], v].name}">{wheels[parts[1], v].name}</a>'
                            for v in _RELEASES[parts[1]])
            return "text/html", f"<html><body>{links}</body></html>".encode()
        if parts[0] == "files":
            return "application/octet-stream", (tmp_path / parts[1]).read_bytes()
        if parts[0] == "pypi" and parts[1] in _RELEASES and len(parts) == 3:  # a project's page (no version's)
            releases = {v: [file(parts[1], v)] for v in _RELEASES[parts[1]]}
            return "application/json", json.dumps({"releases": releases}).encode()
        return None

    with loopback_index(answer, monkeypatch) as base:
        yield base


def _installed(root: Path) -> set[str]:
    site = site_packages(root)
    assert site is not None
    return {p.name.removesuffix(".dist-info") for p in site.glob("*.dist-info")}


def test_direct_requirements_are_capped_at_their_newest_final_release_before_the_server(index: str) -> None:
    # not the extra's, not another platform's, not the later major, not the release candidate
    assert constraints(index, "lamp-server", "1.0", _RELEASES["lamp-server"]["1.0"][1]) == ["wick<=1.0"]
    assert constraints(index, "unknown-server", "1.0", ["wick"]) == []  # the API cannot say: nothing capped


def test_a_server_is_installed_with_its_dependencies_as_released(index: str, tmp_path: Path) -> None:
    target = Target("pypi", "lamp-server", "1.0")
    dated = install(target, tmp_path / "dated", Limits(), lambda: index)
    assert _installed(dated.root) == {"lamp_server-1.0", "wick-1.0", "flame-1.0"}  # its dependencies' too
    today = install(target, tmp_path / "today", Limits())  # no API to ask: as pip resolves it today
    assert _installed(today.root) == {"lamp_server-1.0", "wick-2.0", "flame-2.0"}
