"""No exit 70 from input: a catalogue with damaged pages is exit 2 with advice; `--debug` (a global option,
anywhere on the line) shows an internal error's traceback."""

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

from catalog.database import upgrade
from tests.cli import mcprisk


def damaged_catalogue(path: Path) -> Path:
    upgrade(f"sqlite:///{path}")
    db = sqlite3.connect(path)
    db.executemany(
        "INSERT INTO server (slug, status, sources, extra, first_seen, last_changed, description)"
        " VALUES (?, 'active', '[]', '{}', '2026-01-01', '2026-01-01', ?)",
        [(f"s{i}", "x" * 200) for i in range(3000)],
    )
    db.commit()
    db.close()
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # the schema's pages intact, data pages in the middle overwritten
        handle.seek(size // 2)
        handle.write(random.Random(19).randbytes(4096 * 20))
    return path


def test_a_catalogue_with_damaged_pages_is_exit_2_with_advice(tmp_path: Path) -> None:
    db = damaged_catalogue(tmp_path / "c.db")
    result = mcprisk("stats", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 2, result.stderr  # was 70: DatabaseError
    assert result.stderr.count("\n") == 1 and "sqlite3 CATALOGUE.db .recover" in result.stderr
    with open(db, "r+b") as handle:  # damaged where opening the catalogue notices: the same advice
        handle.seek(4096)
        handle.write(b"\xa5" * 4096 * 20)
    result = mcprisk("stats", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 2 and "malformed" in result.stderr and ".recover" in result.stderr


def test_debug_shows_the_traceback_of_an_internal_error(tmp_path: Path) -> None:
    env = {**os.environ, "MCPRISK_LLM_CONCURRENCY": "x"}  # any command; the error is made by the test below
    assert mcprisk("--debug", "--help", cwd=tmp_path, env=env).returncode == 0
    code = (
        "import sys\nimport mcprisk.cli\nfrom mcprisk.cli.application import app, run\n"
        "@app.command('boom')\ndef boom() -> None:\n    raise ValueError('x' * 5000)\nrun()"
    )
    for args, traceback in ((["boom"], False), (["boom", "--debug"], True), (["--debug", "boom"], True)):
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 70
        assert ("Traceback" in result.stderr) is traceback
        assert result.stderr.splitlines()[-1].startswith("internal error: ValueError: xxx")
        assert len(result.stderr.splitlines()[-1]) < 600
