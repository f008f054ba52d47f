"""A package shipping several servers, one entry point each (console scripts, bins): every tool is named with the
entry points whose code registers it, so that a server started by one of them is compared with its own tools only."""

import shutil
from pathlib import Path

from catalog.core.definition import SERVERS
from crawler.extract import extract
from tests.paths import PYTHON_FIXTURES, TESTS

ORCHARD = PYTHON_FIXTURES / "py-two-scripts" / "orchard"
LIGHTHOUSE = TESTS / "crawler" / "introspect" / "servers" / "two_bins"
HARVEST, PRUNING = ["orchard-harvest"], ["orchard-pruning"]


def servers(path: Path) -> dict[str, list[str] | None]:
    return {t.name: t.extra.get(SERVERS) for t in extract(path).tools}


def test_each_python_tool_is_named_with_the_console_scripts_that_run_it() -> None:
    assert servers(ORCHARD) == {
        "count_crates": HARVEST, "assign_picker": HARVEST,
        "book_ladder": HARVEST,  # imported inside main(): the script runs it all the same
        "mark_branch": PRUNING, "sharpen_shears": PRUNING,
        "frost_risk": HARVEST + PRUNING,  # shared: both servers register it
    }  # orchard-admin registers nothing: no server of its own


def test_a_wheels_entry_points_name_the_servers_as_its_pyproject_does(tmp_path: Path) -> None:
    shutil.copytree(ORCHARD / "orchard", tmp_path / "orchard")
    info = tmp_path / "orchard_mcp-0.1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(
        "[console_scripts]\norchard-harvest = orchard.harvest.server:main\n"
        "orchard-pruning = orchard.pruning.server:main\n")
    assert servers(tmp_path) == servers(ORCHARD)


def test_a_package_with_one_console_script_names_no_server(tmp_path: Path) -> None:
    shutil.copytree(ORCHARD / "orchard", tmp_path / "orchard")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "orchard-mcp"\nversion = "0.1.0"\n\n[project.scripts]\n'
        'orchard-harvest = "orchard.harvest.server:main"\norchard-admin = "orchard.admin:main"\n')
    assert set(servers(tmp_path).values()) == {None}


def test_each_javascript_tool_is_named_with_the_bins_that_reach_it() -> None:
    assert servers(LIGHTHOUSE) == {
        "keeper_status": ["fog.js", "lamps.js"],  # common.js: both bins require it
        "sound_horn": ["fog.js"], "fog_density": ["fog.js"],
        "light_lamp": ["lamps.js"], "turn_lens": ["lamps.js"], "trim_wick": ["lamps.js"],
    }


def test_a_name_each_server_registers_keeps_each_servers_definition(tmp_path: Path) -> None:
    shutil.copytree(ORCHARD, tmp_path / "orchard")
    for server, text in (("harvest", "Crates picked today."), ("pruning", "Branches cut today.")):
        with (tmp_path / "orchard" / "orchard" / server / "server.py").open("a") as module:
            module.write(f'\n\n@mcp.tool()\ndef daily_report() -> str:\n    """{text}"""\n    return ""\n')
    reports = [t for t in extract(tmp_path / "orchard").tools if t.name == "daily_report"]
    assert {(t.description, tuple(t.extra[SERVERS])) for t in reports} == {
        ("Crates picked today.", ("orchard-harvest",)), ("Branches cut today.", ("orchard-pruning",))}
