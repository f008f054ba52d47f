"""Parsing files first in a forked child whose time and memory are capped: the progress callback cannot stop a
grammar's slowest phase (where no callback runs), and only a process of its own can have its memory capped."""

import contextlib
import faulthandler
import os
import resource
import select
import signal
import time
from pathlib import Path

from tree_sitter import Parser

PARSE_MEMORY = 1 << 30  # per file, over what the process already holds; a tree costs tens of times its source
WALL_FACTOR = 12  # a child quiet this many times its budget in wall time is stuck, however busy the machine
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def overruns(paths: list[Path], current: Parser, seconds: float, memory: int = PARSE_MEMORY) -> dict[Path, str]:
    """Files whose parse overruns its time or memory budget (or crashes), found by parsing them first in a forked
    child that can be killed. The progress callback cannot stop every parse: some grammars (C#, Java) spend minutes
    on hostile text after the last byte is read, where no callback runs; and only a child can have its memory
    capped. The kernel stops the child once a file has used its CPU seconds (SIGXCPU); a child that goes quiet for
    far longer than that in wall time is killed too. One child per batch; a file over budget costs only itself.
    ``current`` is made before forking: the child only parses and writes to a pipe."""
    found: dict[Path, str] = {}
    while paths and hasattr(os, "fork"):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: one byte per file parsed, then gone without running any of the parent's cleanup
            try:
                os.close(read_end)
                faulthandler.disable()  # a parser that dies here needs no traceback on the parent's stderr
                _cap_memory(memory)
                for path in paths:
                    with contextlib.suppress(OSError, ValueError):
                        current.parse(path.read_bytes())
                    os.write(write_end, b".")
            finally:
                os._exit(0)
        os.close(write_end)
        done, over_time = _count_done(read_end, len(paths), pid, seconds)
        os.close(read_end)
        if over_time:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if done < len(paths):
            found[paths[done]] = (
                f"parsing took longer than {seconds:g} s, skipped"
                if over_time
                else f"parsing needed more than {memory // 2**20:,} MiB (or crashed), skipped"
            )
        paths = paths[done + 1 :]
    return found


def _cap_memory(memory: int) -> None:
    """Limit this (child) process to its present size plus ``memory`` bytes, where the platform allows."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))


def _count_done(read_end: int, total: int, pid: int, seconds: float) -> tuple[int, bool]:
    """How many files the child parsed, and whether it stopped because a file overran its budget: ``seconds`` of the
    child's own CPU time (read from /proc), or, where that cannot be read, far longer in wall time."""
    done, started = 0, _cpu_seconds(pid)
    quiet_since = time.monotonic()
    while done < total:
        ready, _, _ = select.select([read_end], [], [], min(0.05, seconds))
        if ready:
            chunk = os.read(read_end, 4096)
            if not chunk:
                return done, False  # the child is gone
            done += len(chunk)
            started, quiet_since = _cpu_seconds(pid), time.monotonic()
        elif _over(started, _cpu_seconds(pid), seconds) or time.monotonic() - quiet_since > WALL_FACTOR * seconds + 10:
            return done, True  # over its CPU budget, or stuck without computing
    return done, False


def _over(started: float | None, used: float | None, seconds: float) -> bool:
    return started is not None and used is not None and used - started > seconds


def _cpu_seconds(pid: int) -> float | None:
    """A process's CPU time so far (user and system), from /proc; None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS
