"""`mcprisk introspect` as a user runs it: JSON out, a table, one-line errors and the README's exit codes."""

import json
import os
from pathlib import Path

from tests.cli import mcprisk
from tests.paths import ROOT


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(ROOT), "MCPRISK_INTROSPECT_CACHE": str(tmp_path / "cache")} | extra


def test_json_for_a_local_server(sandbox_ready, sample, tmp_path: Path) -> None:
    done = mcprisk("introspect", str(sample("benign_py")), "--json", cwd=tmp_path, env=_env(tmp_path))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == "answered" and [t["name"] for t in answer["tools"]] == ["add", "read_note"]


def test_table_and_exit_1_when_the_server_does_not_answer(sandbox_ready, tmp_path: Path) -> None:
    folder = tmp_path / "quiet"
    folder.mkdir()
    (folder / "server.py").write_text("raise SystemExit(4)\n")
    done = mcprisk("introspect", str(folder), cwd=tmp_path, env=_env(tmp_path))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "did not answer: crashed" in done.stderr.strip().splitlines()[-1]


def test_bad_specs_and_a_missing_sandbox_are_exit_2(tmp_path: Path) -> None:
    done = mcprisk("introspect", "npm:left-pad", cwd=tmp_path, env=_env(tmp_path))
    assert done.returncode == 2 and "exact version" in done.stderr and "Traceback" not in done.stderr
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    done = mcprisk("introspect", str(tmp_path), cwd=tmp_path, env=_env(tmp_path, PATH=str(empty)))
    assert done.returncode == 2 and "apt-get install bubblewrap" in done.stderr
