"""The nightly job killed with SIGKILL while it builds the site: the next run finishes a complete, correct site.

Only the main process is killed, as the kernel's OOM killer or ``kill -9`` would: the page workers it forked
must not outlive it, keep the lock, or go on writing into the site the next run is building.
"""

import contextlib
import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from catalog.publish import build_site
from catalog.publish.manifest import MANIFEST
from tests.cli import CLI, mcprisk
from tests.mcprisk.test_nightly import big_snapshot

SERVERS = 1500  # 4,500 tools: about 7,000 pages and mirror files, a build of seconds even on an idle machine


def start_night(tmp_path: Path, snapshot: Path) -> subprocess.Popen[bytes]:
    args = ["nightly", "--snapshot", str(snapshot), "--out", "site", "--log", "nightly.log"]
    return subprocess.Popen(
        [*CLI, *args],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so whatever the killed run left behind can be cleaned up after the test
    )


def kill_mid_build(tmp_path: Path, night: subprocess.Popen[bytes]) -> None:
    """SIGKILL once the log says the build started and part of the pages are written, not all."""
    log, pages = tmp_path / "nightly.log", tmp_path / "site" / "tools"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and night.poll() is None:
        started = "building the site" in (log.read_text() if log.exists() else "") and pages.is_dir()
        if started and sum(1 for _ in pages.rglob("*.html")) >= 300:
            break
        time.sleep(0.02)
    if night.poll() is not None:
        pytest.skip("the run finished before it could be killed mid-build on this machine")
    os.kill(night.pid, signal.SIGKILL)
    night.wait(30)


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def wait_for_the_lock(path: Path) -> None:
    """Until no process of the killed run holds the lock any more (without touching the PID it left in it)."""
    deadline = time.monotonic() + 60
    with path.open("rb") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                assert time.monotonic() < deadline, "the killed run's lock is never released"
                time.sleep(0.01)
                continue
            fcntl.flock(handle, fcntl.LOCK_UN)
            return


def test_killed_mid_build_the_next_run_completes_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # reproducible: the site can be compared byte for byte
    snapshot = tmp_path / "snapshot"
    big_snapshot(snapshot, SERVERS)
    night = start_night(tmp_path, snapshot)
    try:
        kill_mid_build(tmp_path, night)
        site = tmp_path / "site"
        assert not (site / MANIFEST).exists()  # the manifest is written last: this build never finished
        at_kill = files(site)
        wait_for_the_lock(tmp_path / "mcprisk.db.lock")
        assert len(files(site) - at_kill) <= 2  # the page workers died with the run: nothing was written after it

        again = mcprisk("nightly", "--snapshot", str(snapshot), "--out", "site", "--json", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        report = json.loads(again.stdout)
        assert report["took_over_lock_of"] == night.pid
        assert report["sources"]["snapshot"]["unchanged"] == SERVERS and report["classified"]["classified"] == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(night.pid, signal.SIGKILL)  # only this test's own process group, if anything is left of it

    manifest = json.loads((site / MANIFEST).read_text())
    written = files(site) - {MANIFEST}
    listed = {path for _, paths in manifest["units"].values() for path in paths}
    assert written == listed  # every page present, nothing half-written left beside them
    for page in site.rglob("*.html"):
        assert page.read_bytes().rstrip().endswith(b"</html>"), f"{page} is truncated"

    # The same catalogue built from scratch gives the same bytes, file for file.
    fresh = tmp_path / "fresh"
    build_site(f"sqlite:///{tmp_path / 'mcprisk.db'}", fresh)
    assert files(fresh) - {MANIFEST} == written
    for path in written:
        assert (site / path).read_bytes() == (fresh / path).read_bytes(), path

    with sqlite3.connect(tmp_path / "mcprisk.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM server").fetchone()[0] == SERVERS
        assert conn.execute("SELECT count(*) FROM assessment WHERE is_current").fetchone()[0] == 3 * SERVERS
    assert (tmp_path / "mcprisk.db.lock").read_text() == ""  # released cleanly this time
