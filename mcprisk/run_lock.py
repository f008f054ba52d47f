"""One nightly run at a time: an exclusive lock on a file, which the kernel drops when its holder dies.

An advisory ``flock`` is released even when the holder is killed with SIGKILL, so a lock left by a
killed run is never mistaken for a live one; the holder's PID written in the file only serves to
say who holds it, or whose run is being taken over.
"""

import fcntl
import os
from pathlib import Path
from types import TracebackType

from catalog.core.errors import ConfigError, MCPRiskError


class LockedError(MCPRiskError):
    """Another run holds the lock."""

    exit_code = 5


class RunLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.stale_pid: int | None = None  # set when a killed run's lock was taken over
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        try:  # beside the catalogue, whose folder must exist: a mistyped path is refused, not created
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConfigError(f"cannot create the lock file {self.path}: {exc.strerror}") from None
        previous = os.read(fd, 64).decode(errors="replace").strip()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = f" (pid {previous})" if previous else ""
            raise LockedError(
                f"another mcprisk run holds {self.path}{holder}; try again when it has finished"
            ) from None
        if previous.isdigit():
            self.stale_pid = int(previous)  # the file outlived a run that never released it: a crash or a kill
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        os.fsync(fd)
        self._fd = fd
        return self

    def __exit__(self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]) -> None:
        assert self._fd is not None
        os.ftruncate(self._fd, 0)  # a clean exit leaves no PID behind: only a crash leaves a stale one
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
