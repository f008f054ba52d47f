"""Bad input as a user gives it: one line on stderr and the README's exit code, never a traceback.

Usage errors and Ctrl-C go through the real entry point in a real process: Typer's test runner handles both
itself, differently from the installed `mcprisk`.
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from typer.testing import CliRunner

from catalog.core.taxonomy import CATEGORIES, RISKS
from mcprisk.cli import app
from tests.cli import CLI

runner = CliRunner()


def mcprisk(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, **kwargs)  # type: ignore[call-overload]


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    for args, words in (
        (["search", "job", "--limit", "0"], "'--limit'"),
        (["nightly", "--snapshot", str(tmp_path / "missing")], "does not exist"),
        (["no-such-command"], "No such command"),
        (["risk"], "Missing argument"),
    ):
        proc = mcprisk(*args)
        assert proc.returncode == 2 and proc.stdout == "", args
        assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("error:") and words in proc.stderr
        assert "--help" in proc.stderr


def test_bare_mcprisk_still_shows_the_help() -> None:
    proc = mcprisk()
    assert "Usage: mcprisk" in proc.stdout + proc.stderr and "Commands" in proc.stdout + proc.stderr


def test_ctrl_c_is_one_line_and_130(krea_catalogue: str) -> None:
    """Interrupted while waiting for an upstream (a port that accepts and never answers)."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        env = {
            **os.environ,
            "MCPRISK_LLM_BASE_URL": f"http://127.0.0.1:{silent.getsockname()[1]}/v1",
            "MCPRISK_LLM_RETRIES": "0",
        }
        args = ["classify", "--classifier", "llm", "--batch", "--db", krea_catalogue]
        proc = subprocess.Popen([*CLI, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        silent.settimeout(60)
        connection, _ = silent.accept()  # the command is now mid-work, waiting for an answer
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        connection.close()
    assert proc.returncode == 130 and err.strip() == "interrupted"


def test_ctrl_c_during_a_crawl_is_130_not_a_finished_crawl(tmp_path: Path) -> None:
    """The crawl's event loop would take Ctrl-C for "stop" and print a partial table with exit 0."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        registry = f"http://127.0.0.1:{silent.getsockname()[1]}"
        args = ["crawl", "--registry-url", registry, "--db", str(tmp_path / "c.db")]
        proc = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        silent.settimeout(60)
        connection, _ = silent.accept()  # the registry is being asked
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        connection.close()
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "interrupted" and out == ""


def test_package_source_without_configuration_is_a_usage_error(db_url: str, tmp_path: Path) -> None:
    """No MCPRISK_PYPI_URL and no index in pip's configuration: said before anything is crawled."""
    env = {"PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": None, "MCPRISK_PYPI_URL": None}
    result = runner.invoke(app, ["crawl", "--source", "pypi", "--db", db_url], env=env)
    assert result.exit_code == 2 and "no PyPI index configured" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_llm_classifier_without_key_or_endpoint(krea_catalogue: str) -> None:
    env = {"MCPRISK_LLM_API_KEY": None, "MCPRISK_LLM_BASE_URL": None}
    result = runner.invoke(app, ["classify", "--classifier", "llm", "--db", krea_catalogue], env=env)
    assert result.exit_code == 2 and "needs MCPRISK_LLM_API_KEY" in result.stderr


def test_output_folder_that_is_a_file(krea_catalogue: str, tmp_path: Path) -> None:
    in_the_way = tmp_path / "site"
    in_the_way.write_text("not a folder")
    result = runner.invoke(app, ["build", str(in_the_way), "--db", krea_catalogue])
    assert result.exit_code == 2 and result.stderr == f"error: {in_the_way} is a file, not a folder\n"
    result = runner.invoke(app, ["build", str(in_the_way / "below"), "--db", krea_catalogue])
    assert result.exit_code == 2 and "cannot create the folder" in result.stderr


def test_nightly_refuses_an_unwritable_report_before_it_runs(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    catalogue = tmp_path / "night.db"
    report = tmp_path / "file" / "night.json"
    result = runner.invoke(app, ["nightly", "--sample", "--db", str(catalogue), "--report", str(report)])
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr
    assert not catalogue.exists()


def session_members(session: int) -> list[int]:
    """Live processes of a session (a terminal's Ctrl-C reaches them all)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_ctrl_c_during_the_nightly_crawl_leaves_no_process_behind(tmp_path: Path) -> None:
    """The crawl runs in a child with its own event loop: Ctrl-C ends the run, the child with it, at once."""
    args = ["nightly", "--sample", "--db", str(tmp_path / "night.db"), "--out", str(tmp_path / "site")]
    proc = subprocess.Popen(
        [*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while len(session_members(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the crawl child exists
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.splitlines()[-1] == "interrupted"
    deadline = time.monotonic() + 10  # a process still exiting (the resource tracker) gets a moment
    while session_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_members(proc.pid) == []


def test_scan_says_why_it_exits_1(tmp_path: Path) -> None:
    """In a server's CI the log must say which tools failed the job, and an empty scan must say it found nothing."""
    (tmp_path / "server").mkdir()
    (tmp_path / "server" / "index.js").write_text(
        'server.tool("delete_repo", "Delete a repository forever", async () => ({}));\n'
        'server.tool("list_repos", "List the repositories", async () => ({}));\n'
    )
    result = runner.invoke(app, ["scan", str(tmp_path / "server"), "--fail-on", "critical"])
    assert result.exit_code == 1
    assert result.stderr == (
        "2 tools: 1 Critical, 1 Low; 0 poisoned\n"
        "error: 1 of 2 tools at or above --fail-on critical: delete_repo (Critical risk, Destructive)\n"
    )
    assert runner.invoke(app, ["scan", str(tmp_path / "server"), "--fail-on", "critical", "--json"]).exit_code == 1
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["scan", str(tmp_path / "empty")])
    assert result.exit_code == 1 and result.stderr == f"error: no tools found in {tmp_path / 'empty'}\n"


def test_classify_lists_categories_and_risks_in_scale_order(krea_catalogue: str) -> None:
    result = runner.invoke(app, ["classify", "--all", "--db", krea_catalogue])
    lines = result.stdout.splitlines()
    first = [line.split("\t")[0] for line in lines]
    categories, risks = first[first.index("category") + 1 : first.index("risk")], first[first.index("risk") + 1 :]
    assert result.exit_code == 0 and {"Read", "Write"} <= set(categories) and {"Low", "Critical"} <= set(risks)
    assert categories == [c for c in CATEGORIES if c in categories] and risks == [r for r in RISKS if r in risks]


def test_setting_of_the_wrong_kind(krea_catalogue: str) -> None:
    result = runner.invoke(app, ["stats", "--db", krea_catalogue], env={"MCPRISK_LLM_CONCURRENCY": "four"})
    assert result.exit_code == 2
    assert result.stderr == "error: MCPRISK_LLM_CONCURRENCY must be a whole number, not 'four'\n"
    result = runner.invoke(app, ["stats", "--db", krea_catalogue], env={"MCPRISK_LLM_TIMEOUT": "soon"})
    assert result.exit_code == 2 and "MCPRISK_LLM_TIMEOUT must be a number, not 'soon'" in result.stderr


def test_nightly_snapshot_folder_of_neither_shape(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    catalogue = tmp_path / "night.db"
    result = runner.invoke(app, ["nightly", "--snapshot", str(tmp_path / "notes"), "--db", str(catalogue)])
    assert result.exit_code == 2 and "is neither a corpus" in result.stderr
    assert not catalogue.exists()
