"""`mcprisk` in a child process, as a user runs it: a real exit status, real signals, a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-c", "from mcprisk.cli import main; main()"]


def mcprisk(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
