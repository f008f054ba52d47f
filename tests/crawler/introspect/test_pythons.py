"""A PyPI server released for a newer (or older) Python than ours is installed in a venv of a Python it accepts,
and answers from there. The simple index and the JSON API are served on loopback."""

import json
import platform
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.version import Version

from crawler.introspect import introspect, outcome, parse_target, pythons
from tests.crawler.introspect.conftest import SERVERS, loopback_index

OURS = Version(platform.python_version())
ELSEWHERE = f"!={OURS.major}.{OURS.minor}.*"  # any Python but ours
WHEEL = "elsewhere_server-1.0-py3-none-any.whl"


def _python(version: str) -> pythons.Python:
    return pythons.Python(Path(f"/opt/python{version}/bin/python"), Version(version))


def test_ours_unless_the_release_excludes_it_then_the_nearest_that_fits() -> None:
    later, latest = f"3.{OURS.minor + 2}.2", f"3.{OURS.minor + 3}.1"
    found = (_python(str(OURS)), _python(latest), _python(later), _python("3.6.9"))
    assert pythons.for_release(None, found) == pythons.ours()
    assert pythons.for_release(f">={OURS.major}.{OURS.minor}", found) == pythons.ours()
    assert pythons.for_release(f">=3.{OURS.minor + 1}", found) == Path(f"/opt/python{later}/bin/python")
    assert pythons.for_release("<3.7", found) == Path("/opt/python3.6.9/bin/python")
    assert pythons.for_release(">=4", found) == pythons.ours()  # none fits: pip says why
    assert pythons.for_release("not a specifier", found) == pythons.ours()


def test_a_venv_names_the_prefix_of_its_interpreter(tmp_path: Path) -> None:
    (tmp_path / "pyvenv.cfg").write_text("home = /opt/python3.13.2/bin\nversion = 3.13.2\n")
    assert pythons.venv_prefix(tmp_path) == Path("/opt/python3.13.2")
    assert pythons.venv_prefix(tmp_path / "nothing") is None


def _wheel(folder: Path) -> Path:
    """A server (the sdist sample's JSON-RPC loop) whose tool says which Python runs it, for any Python but ours."""
    code = (SERVERS / "sdist_only" / "server_code.py").read_text()
    code = code.replace("BUILT_AS = None", "import platform\nBUILT_AS = 'python ' + platform.python_version()")
    info = "elsewhere_server-1.0.dist-info"
    path = folder / WHEEL
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("elsewhere_server/__init__.py", code)
        wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: elsewhere-server\nVersion: 1.0\n"
                                           f"Requires-Python: {ELSEWHERE}\n")
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                        "Tag: py3-none-any\n")
        wheel.writestr(f"{info}/entry_points.txt", "[console_scripts]\nelsewhere-server = elsewhere_server:main\n")
        wheel.writestr(f"{info}/RECORD", "")
    return path


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    data = _wheel(tmp_path).read_bytes()

    def answer(path: str, base: str) -> tuple[str, bytes] | None:
        if path.rstrip("/") == "/simple/elsewhere-server":
            link = f'<a href="/files/{WHEEL}" data-requires-python="{ELSEWHERE}">{WHEEL}</a>'
            return "text/html", f"<html><body>{link}</body></html>".encode()
        if path == f"/files/{WHEEL}":
            return "application/octet-stream", data
        if path == "/pypi/elsewhere-server/json":
            files = [{"filename": WHEEL, "packagetype": "bdist_wheel", "requires_python": ELSEWHERE,
                      "upload_time_iso_8601": "2025-03-01T00:00:00.000000Z"}]
            return "application/json", json.dumps({"releases": {"1.0": files}}).encode()
        return None

    with loopback_index(answer, monkeypatch) as base:
        yield base


def test_a_server_for_another_python_answers_from_a_venv_of_one_it_accepts(sandbox_ready, index: str,
                                                                           settings) -> None:
    if all(p.version.release[:2] == OURS.release[:2] for p in pythons.available()):
        pytest.skip("no Python but ours on this machine")
    result = introspect(parse_target("pypi:elsewhere-server==1.0"), settings.with_(pypi_url=index))
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    ran_on = Version(result.tools[0]["description"].removeprefix("python "))
    assert ran_on.release[:2] != OURS.release[:2]
