"""The nightly run killed with SIGKILL in the middle of its crawl, then started again.

A real crawl (registry, npm, PyPI, awesome list, GitHub) of a local corpus that answers slowly, so the kill
lands while packages are being downloaded and stored. Only the nightly process is killed, as ``kill -9``
would: its crawl process must die with it. The next run must find a consistent catalogue, lose nothing
stored before, take the stale lock over, not download again what was stored, and finish the crawl.
"""

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from crawler.corpus.serve import serving
from crawler.corpus.synthetic import write_corpus
from tests.cli import CLI
from tests.mcprisk.test_nightly_kill import wait_for_the_lock

SERVERS = 160


def stored(db: Path) -> list[tuple[str, str, str]]:
    """(server, tool, definition hash) of every tool, or [] while the catalogue cannot be read."""
    if not db.exists():
        return []
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute(
                "SELECT s.slug, t.name, t.definition_hash FROM tool t JOIN server s ON s.id = t.server_id"
            ).fetchall()
    except sqlite3.OperationalError:
        return []


def group_is_gone(group: int, seconds: float = 20) -> bool:
    """Whether every process of the killed run's process group (its crawl process too) is gone in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_killed_mid_crawl_the_next_run_resumes_and_loses_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, SERVERS, page_size=40)
    db = tmp_path / "mcprisk.db"
    with serving(corpus, delay=0.05) as upstream:
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and k != "GITHUB_TOKEN"}
        env.update(
            MCPRISK_REGISTRY_URL=upstream.base,
            MCPRISK_NPM_REGISTRY_URL=f"{upstream.base}/npm",
            MCPRISK_PYPI_URL=f"{upstream.base}/pypi",
            MCPRISK_GITHUB_API_URL=f"{upstream.base}/github",
            MCPRISK_AWESOME_URL=f"{upstream.base}/awesome/README.md",
        )
        command = [*CLI, "nightly", "--out", "site"]
        night = subprocess.Popen(
            command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline and night.poll() is None and len(stored(db)) < 40:
                time.sleep(0.05)
            if night.poll() is not None:
                pytest.skip("the run finished before it could be killed mid-crawl on this machine")
            os.kill(night.pid, signal.SIGKILL)
            night.wait(30)
            wait_for_the_lock(tmp_path / "mcprisk.db.lock")
            assert group_is_gone(night.pid), "the crawl process outlived the run it belonged to"
            before = stored(db)
            assert 40 <= len(before) < 2 * SERVERS
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                # One transaction per server: none holds only part of its tools.
                partial = conn.execute(
                    "SELECT count(*) FROM (SELECT server_id FROM tool GROUP BY server_id HAVING count(*) != 2)"
                ).fetchone()[0]
                unfinished = conn.execute("SELECT source FROM crawlrun WHERE finished IS NULL").fetchall()
            assert partial == 0 and unfinished == [("npm",)]

            upstream.delay = 0
            again = subprocess.run(
                [*command, "--json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
            )
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(night.pid, signal.SIGKILL)  # only this test's own process group, if anything is left
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["took_over_lock_of"] == night.pid
    npm = report["sources"]["npm"]
    # What the killed run stored is not asked again (its pinned version was read, in the same transaction as
    # its tools) or asked "changed since?" (an unpinned one), and never downloaded again.
    resumed = npm.get("skipped_by_version", 0) + npm.get("not_modified", 0)
    assert resumed >= len(before) // 2 - 1 and npm["artifacts"] <= SERVERS - len(before) // 2 + 1
    assert npm["tools_new"] == 2 * SERVERS - len(before) and npm["tools_changed"] == 0
    after = stored(db)
    assert set(before) <= set(after) and len(after) == 2 * SERVERS
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM assessment WHERE is_current").fetchone()[0] == 2 * SERVERS
        assert conn.execute("SELECT count(*) FROM crawlrun WHERE status = 'ok' AND source = 'npm'").fetchone()[0] == 1
