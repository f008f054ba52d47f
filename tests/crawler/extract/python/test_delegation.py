"""Python shims: a wheel or sdist whose entry point only hands over to a dependency names that dependency."""

import io
import tarfile
import zipfile
from pathlib import Path

from crawler.extract import extract
from crawler.extract.archive import Limits
from tests.paths import PYTHON_FIXTURES

SHIMS = PYTHON_FIXTURES / "py-shim"


def wheel(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())
    return target


def sdist(folder: Path, target: Path, top: str) -> Path:
    with tarfile.open(target, "w:gz") as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            info = tarfile.TarInfo(f"{top}/{path.relative_to(folder).as_posix()}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return target


def test_console_script_importing_the_dependencys_main_is_a_hand_over(tmp_path: Path) -> None:
    result = extract(wheel(SHIMS / "console-script", tmp_path / "notes_launcher-1.0-py3-none-any.whl"))
    # `notes_mcp` is the module of the distribution METADATA names `Notes.MCP`, and the delegate keeps that name;
    # not the SDK, not an unused dependency, not an optional extra (imported by the entry point's own settings.py),
    # and an unreadable Requires-Dist line costs only itself.
    assert result.tools == [] and result.delegates_to == ["Notes.MCP"]


def test_python_dash_m_launcher_in_an_sdist_with_a_readme(tmp_path: Path) -> None:
    result = extract(sdist(SHIMS / "module-launcher", tmp_path / "notes_runner-2.0.tar.gz", "notes_runner-2.0"))
    assert result.delegates_to == ["notes-mcp"]  # httpx is a dependency too, but never imported nor launched
    assert {t.origin for t in result.tools} == {"readme"}  # the README's list stays the last resort


def test_package_with_its_own_tools_is_not_a_hand_over() -> None:
    result = extract(SHIMS / "own-tools")
    assert [t.name for t in result.tools] == ["summarise_notes"] and result.delegates_to == []


def test_runpy_and_pyproject_scripts(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "relay"\ndependencies = ["relay-core ~= 1.0", "other-mcp"]\n'
        '[project.scripts]\nrelay = "relay.main:go"\n'
    )
    (tmp_path / "relay").mkdir()
    (tmp_path / "relay" / "main.py").write_text('import runpy\n\ndef go():\n    runpy.run_module("relay_core")\n')
    (tmp_path / "relay" / "__main__.py").write_text('import os\nos.execvp("other-mcp", ["other-mcp", "--stdio"])\n')
    assert extract(tmp_path).delegates_to == ["relay-core", "other-mcp"]


def test_bounded_and_hostile_metadata(tmp_path: Path) -> None:
    (tmp_path / "PKG-INFO").write_bytes(b"Requires-Dist: \xff\xfe\nRequires-Dist: deep-mcp\n\n")
    (tmp_path / "setup.cfg").write_text("[options.entry_points\nbroken")
    (tmp_path / "pyproject.toml").write_text("[project\n")
    package = tmp_path / "chain"
    package.mkdir()
    for n in range(5):  # module 0 imports 1, ..., the last imports the dependency
        body = "import deep_mcp\n" if n == 4 else f"from chain import m{n + 1}\n"
        (package / f"m{n}.py").write_text(body)
    (package / "__main__.py").write_text("from chain import m0\n")
    assert extract(tmp_path).delegates_to == ["deep-mcp"]
    assert extract(tmp_path, limits=Limits(files=4)).delegates_to == []  # the rest of the chain was not read


def _renamed_shim(folder: Path, requires: list[str], imported: str) -> Path:
    """A wheel's files: a console script whose module imports ``imported``, which the package does not hold."""
    info = folder / "notes_desk-2.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: notes-desk\nVersion: 2.0\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    )
    (info / "entry_points.txt").write_text("[console_scripts]\nnotes-desk = notes_desk_shim:main\n")
    (folder / "notes_desk_shim.py").write_text(
        f"import sys\n\n\ndef main():\n    print('moved', file=sys.stderr)\n    from {imported} import main as real\n"
        "    return real()\n"
    )
    return folder


def test_dependency_installing_a_module_of_another_name_is_the_hand_over(tmp_path: Path) -> None:
    # `notes-for-desk` installs `notes_desk`: no dependency is named after the module, but the one there is shares
    # its words (`mcp` and the stdlib's `sys` explain nothing)
    shim = _renamed_shim(tmp_path / "one", ["mcp>=1.2", "notes-for-desk>=2"], "notes_desk.server")
    assert extract(shim).delegates_to == ["notes-for-desk"]


def test_an_unexplained_import_names_no_dependency_when_it_is_ambiguous(tmp_path: Path) -> None:
    two = _renamed_shim(tmp_path / "two", ["notes-for-desk", "desk-tools"], "notes_desk.server")
    unrelated = _renamed_shim(tmp_path / "unrelated", ["mcp", "httpx"], "notes_desk.server")
    assert extract(two).delegates_to == [] and extract(unrelated).delegates_to == []


def test_metapackage_hands_over_to_the_server_it_requires(tmp_path: Path) -> None:
    # a wheel of metadata only (a server's old name requiring the new one): the MCP-named requirement, not rich
    result = extract(wheel(SHIMS / "metapackage", tmp_path / "tide_tables-3.0-py3-none-any.whl"))
    assert result.tools == [] and result.delegates_to == ["tide-tables-mcp-server"]
    (tmp_path / "sdist").mkdir()  # an sdist of one: its pyproject names its only requirement, a setup.py beside it
    (tmp_path / "sdist" / "pyproject.toml").write_text('[project]\nname = "tides"\ndependencies = ["tidewatch"]\n')
    (tmp_path / "sdist" / "setup.py").write_text("from setuptools import setup\nsetup()\n")
    assert extract(tmp_path / "sdist").delegates_to == ["tidewatch"]
    (tmp_path / "sdist" / "tides").mkdir()  # a package with code of its own that imports nothing is no metapackage
    (tmp_path / "sdist" / "tides" / "__init__.py").write_text("VERSION = 1\n")
    assert extract(tmp_path / "sdist").delegates_to == []
    (tmp_path / "suite").mkdir()  # a suite's name: its core and plugin, which share its name, not the web library
    (tmp_path / "suite" / "pyproject.toml").write_text(
        '[project]\nname = "harbour-mcp"\ndependencies = ["harbour-core", "harbour-pilots", "httpx"]\n'
    )
    assert extract(tmp_path / "suite").delegates_to == ["harbour-core", "harbour-pilots"]
