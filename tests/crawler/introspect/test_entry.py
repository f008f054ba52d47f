"""How a PyPI package is started: only a command it can be started with, never a dependency's script or
``python -m`` on a package that has no ``__main__`` (a library, or a name held): that is "no entry point", not a
server that crashed."""

from pathlib import Path

from crawler.introspect.entry import start_command
from crawler.introspect.install import Installed
from crawler.introspect.target import Target


def _venv(root: Path, name: str, files: dict[str, str], scripts: dict[str, str]) -> Installed:
    """A venv with ``name`` 1.0 installed: its ``files`` (under site-packages), its own console ``scripts``, and
    the scripts its dependencies left in bin."""
    site = root / "venv" / "lib" / "python3.11" / "site-packages"
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    for path, text in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    (info / "RECORD").write_text("".join(f"{path},,\n" for path in files))
    if scripts:
        (info / "entry_points.txt").write_text(
            "[console_scripts]\n" + "".join(f"{script} = {target}\n" for script, target in scripts.items()))
    (root / "venv" / "bin").mkdir()
    for script in [*scripts, "python", "idna", "uvicorn", "cffi-gen-src", "httpx"]:
        (root / "venv" / "bin" / script).write_text("#!/bin/sh\n")
    tops = sorted({site / path.split("/", 1)[0] for path in files})
    return Installed(Target("pypi", name, "1.0"), root, "pypi", tops)


def test_a_package_without_main_or_script_has_no_entry_point(tmp_path: Path) -> None:
    library = _venv(tmp_path, "telemetry-mcp", {"telemetry_mcp/__init__.py": "", "telemetry_mcp/auth.py": ""}, {})
    assert start_command(library) is None  # not `python -m telemetry_mcp`, not the idna or cffi script


def test_a_package_with_main_runs_as_a_module(tmp_path: Path) -> None:
    runnable = _venv(tmp_path, "telemetry-mcp", {"telemetry_mcp/__init__.py": "", "telemetry_mcp/__main__.py": ""},
                     {})
    assert start_command(runnable) == [str(tmp_path / "venv" / "bin" / "python"), "-m", "telemetry_mcp"]


def test_a_script_named_with_capitals_is_the_package_s_own(tmp_path: Path) -> None:
    installed = _venv(tmp_path, "lamp-server", {"lamp/__init__.py": ""}, {"Lamp_Server": "lamp:main"})
    assert start_command(installed) == [str(tmp_path / "venv" / "bin" / "Lamp_Server")]


def test_a_malformed_entry_points_file_names_no_script(tmp_path: Path) -> None:
    installed = _venv(tmp_path, "lamp-server", {"lamp/__init__.py": "", "lamp/__main__.py": ""}, {"lamp-server": "x"})
    info = next((tmp_path / "venv" / "lib" / "python3.11" / "site-packages").glob("*.dist-info"))
    (info / "entry_points.txt").write_text("[console_scripts]\nlamp-server\n")  # no "=": not a script
    assert start_command(installed) == [str(tmp_path / "venv" / "bin" / "python"), "-m", "lamp"]
