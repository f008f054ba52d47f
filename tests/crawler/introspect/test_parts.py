"""The parts without a sandbox: naming a target, the install cache, dummy environment values, reason classes and
the comparison of an answer with what the code declares."""

import os
import stat
import sys
from pathlib import Path

import pytest

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError
from catalog.differences import compare, pooled
from crawler.introspect import outcome, parse_target
from crawler.introspect.environment import NOWHERE, declared_environment
from crawler.introspect.install import InstallError, install
from crawler.introspect.limits import Limits
from crawler.introspect.reasons import classify
from crawler.introspect.sandbox import runtime_paths
from crawler.introspect.transport import Wire


def test_targets_name_an_exact_version() -> None:
    assert parse_target("npm:@scope/server@1.2.3").name == "@scope/server"
    assert parse_target("pypi:mcp-server-x==0.4.0").version == "0.4.0"
    with pytest.raises(InputError, match="exact version"):
        parse_target("npm:@scope/server")
    with pytest.raises(InputError):
        parse_target("/does/not/exist")


def test_dummy_values_have_the_right_shape_and_point_nowhere() -> None:
    env = declared_environment([
        {"name": "API_BASE_URL"}, {"name": "GITHUB_TOKEN", "isSecret": True}, {"name": "DB_PORT"},
        {"name": "VERBOSE", "format": "boolean"}, {"name": "MODE", "choices": ["fast", "slow"]},
        {"name": "ENDPOINT", "default": "https://api.example.com/v1"}, {"name": "bad name"},
        {"name": "DATA_DIR"}, {"name": "REGION", "default": "eu-west-1"},
    ])
    assert env["API_BASE_URL"] == NOWHERE == env["ENDPOINT"]
    assert env["GITHUB_TOKEN"].startswith("dummy-") and env["DB_PORT"] == "9" and env["VERBOSE"] == "false"
    assert env["MODE"] == "fast" and env["DATA_DIR"].startswith("/sandbox") and env["REGION"] == "eu-west-1"
    assert "bad name" not in env


@pytest.fixture
def fake_npm(tmp_path: Path, monkeypatch) -> Path:
    """An ``npm`` that installs a package.json and counts its calls: the install cache without a registry."""
    calls = tmp_path / "calls"
    script = tmp_path / "bin" / "npm"
    script.parent.mkdir()
    script.write_text(f"""#!/bin/sh
echo "$@" >> {calls}
prefix="$3"; spec=$(eval echo \\${{$#}}); name="${{spec%@*}}"
case "$spec" in *broken*) echo "npm ERR! 404 not found" ; exit 1;; esac
folder="$prefix/node_modules/$name"
mkdir -p "$folder" && echo '{{"name":"'$name'","bin":"index.js"}}' > "$folder/package.json"
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    return calls


def test_a_version_is_installed_once(fake_npm: Path, tmp_path: Path) -> None:
    target = parse_target("npm:sample-server@1.0.0")
    first = install(target, tmp_path / "cache", Limits())
    second = install(target, tmp_path / "cache", Limits())
    assert not first.cached and second.cached and first.root == second.root
    assert len(fake_npm.read_text().splitlines()) == 1
    assert "--ignore-scripts" in fake_npm.read_text()
    assert (first.package_paths[0] / "package.json").exists()
    assert not list((tmp_path / "cache").glob(".scratch-*"))


def test_a_failed_install_says_why_and_leaves_nothing(fake_npm: Path, tmp_path: Path) -> None:
    with pytest.raises(InstallError, match="404"):
        install(parse_target("npm:broken-server@1.0.0"), tmp_path / "cache", Limits())
    assert list((tmp_path / "cache").iterdir()) == []


def test_reasons_from_what_a_server_left() -> None:
    assert classify(Wire(exit_code=1), False, "Error: BRAVE_API_KEY environment variable is required")[0] == (
        outcome.NEEDS_CREDENTIALS)
    assert classify(Wire(exit_code=1), False, "Error: connect ECONNREFUSED 127.0.0.1:5432")[0] == outcome.NEEDS_SERVICE
    assert classify(Wire(exit_code=0), True, "Server listening on http://localhost:3000")[0] == outcome.NOT_STDIO
    assert classify(Wire(exit_code=None), True, "")[0] == outcome.TIMED_OUT
    assert classify(Wire(exit_code=1), False, "ModuleNotFoundError: No module named 'x'")[0] == outcome.CRASHED
    assert classify(Wire(overflow=True), False, "")[0] == outcome.TOO_LARGE
    assert classify(Wire(exit_code=0), False, "")[0] == outcome.NOT_STDIO  # a library's main module: runs, exits


def test_comparison_finds_each_kind_of_difference() -> None:
    answered = [{"name": "a", "description": "Same."}, {"name": "b", "description": "Run-time text."},
                {"name": "c", "description": "Only at run time."}]
    declared = [ToolDefinition("a", description="Same.\n"), ToolDefinition("b", description="Docstring text."),
                ToolDefinition("d", description="Behind a flag.")]
    found = compare(answered, declared)
    assert found.only_at_run_time == ["c"] and found.declared_not_listed == ["d"]
    assert found.description_differs == ["b"] and found.matched == 2 and found.exact == 1
    assert found.recall == pytest.approx(2 / 3) and found.precision == pytest.approx(2 / 3)
    total = pooled([found, compare(answered[:1], declared[:1])])
    assert (total.answered, total.declared, total.matched, total.exact) == (4, 4, 3, 2)


def test_a_pypi_server_starts_with_its_own_script_not_a_dependency_s(tmp_path: Path) -> None:
    from crawler.introspect.entry import start_command
    from crawler.introspect.install import Installed, distribution_files

    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    info = site / "fork_of_weather_mcp-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[console_scripts]\nweather-mcp = weather_mcp:main\n")
    (info / "RECORD").write_text("weather_mcp/__init__.py,,\n__pycache__/x.pyc,,\n../../../bin/weather-mcp,,\n")
    (site / "weather_mcp").mkdir()
    (site / "weather_mcp" / "__init__.py").write_text("")
    (site / "__pycache__").mkdir()
    (site / "mcp-2.0.dist-info").mkdir()
    (tmp_path / "venv" / "bin").mkdir()
    for script in ("mcp", "fastmcp", "weather-mcp", "python"):
        (tmp_path / "venv" / "bin" / script).write_text("#!/bin/sh\n")
    installed = Installed(parse_target("pypi:fork-of-weather-mcp==1.0"), tmp_path, "pypi")
    assert start_command(installed) == [str(tmp_path / "venv" / "bin" / "weather-mcp")]
    assert distribution_files(tmp_path, "Fork.Of_Weather-MCP") == [site / "weather_mcp"]  # its own files, no caches


def test_the_environment_mcprisk_runs_in_is_bound_into_the_sandbox() -> None:
    """A checkout's own .venv may sit under /tmp, which the sandbox replaces with an empty tmpfs: a local server run
    on that interpreter must still find it (and its packages) inside."""
    assert Path(sys.prefix) in runtime_paths() or str(sys.prefix).startswith(("/usr/", "/etc/"))
