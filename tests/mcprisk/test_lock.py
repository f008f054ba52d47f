"""The nightly lock: exclusive while held, taken over after its holder was killed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog.core.errors import ConfigError
from mcprisk.run_lock import LockedError, RunLock

HOLD = """
import sys, time
from pathlib import Path
from mcprisk.run_lock import RunLock
with RunLock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def hold_in_child(path: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_second_run_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "nightly.lock"
    child = hold_in_child(path)
    try:
        with pytest.raises(LockedError, match=f"pid {child.pid}"), RunLock(path):
            pass
    finally:
        child.kill()
        child.wait()


def test_lock_of_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "nightly.lock"
    child = hold_in_child(path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with RunLock(path) as lock:
        assert lock.stale_pid == child.pid
        assert path.read_text() == str(os.getpid())


def test_clean_release_leaves_nothing_stale(tmp_path: Path) -> None:
    path = tmp_path / "nightly.lock"
    with RunLock(path):
        pass
    time.sleep(0.01)
    with RunLock(path) as again:
        assert again.stale_pid is None


def test_lock_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot create the lock file"), RunLock(tmp_path / "no" / "x.db.lock"):
        pass
    assert not (tmp_path / "no").exists()  # a mistyped path is refused, never created
