"""`mcprisk` in a child process, as a user runs it: a real exit status, real signals, a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

# Ctrl-C as a terminal delivers it: whatever the test process inherited or set (an ignored or blocked SIGINT passes
# to its children through exec), the command starts with SIGINT unblocked and raising KeyboardInterrupt
CLI = [
    sys.executable,
    "-c",
    "import signal; signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
    "signal.signal(signal.SIGINT, signal.default_int_handler); from mcprisk.cli import main; main()",
]


def mcprisk(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
