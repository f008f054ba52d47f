"""The sandbox a server runs in: bubblewrap, with no network, a read-only system and install, fresh tmpfs HOME and
working folder, only the environment we hand it, an unprivileged user, and rlimits set before bubblewrap starts.

Run as root, bubblewrap mounts without a user namespace and ``setpriv`` drops to ``nobody`` inside: root is exempt
from RLIMIT_NPROC, an unprivileged uid is not, so this is what makes the process cap (and a fork bomb's end) real.
Run as anyone else, bubblewrap makes a user namespace and the user's own process count carries the cap.
Every process of a run lives in its own PID namespace, whose init dies with bubblewrap (``--die-with-parent``):
killing bubblewrap's process group ends the server and everything it left behind.
"""

import contextlib
import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from catalog.core.errors import ConfigError
from crawler.introspect.limits import Limits

HOME = "/home/sandbox"
WORKDIR = "/sandbox"
NOBODY = 65534
_SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
INSTALL_HINT = "install bubblewrap (apt-get install bubblewrap) or pass --no-sandbox to run servers unconfined"


@functools.cache
def check_available() -> None:
    """Raise ConfigError with one line saying what to do, unless bubblewrap can start a sandbox here."""
    if shutil.which("bwrap") is None:
        raise ConfigError(f"bubblewrap is not installed: {INSTALL_HINT}")
    probe = command(["true"], {}, [], Limits())
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=20, preexec_fn=preexec(Limits()))
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ConfigError(f"bubblewrap could not start a sandbox ({error}): {INSTALL_HINT}") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ConfigError(
            f"the kernel refuses bubblewrap's namespaces ({said}): allow unprivileged user namespaces "
            "(sysctl kernel.unprivileged_userns_clone=1) or pass --no-sandbox"
        )


def _privileged() -> bool:
    return os.geteuid() == 0


def system_binds() -> list[str]:
    """The system, read-only: /usr and /etc, and /bin, /lib... as they are on this machine (links or folders)."""
    args = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for name in _SYSTEM_LINKS:
        path = Path(name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), name]
        elif path.is_dir():
            args += ["--ro-bind", name, name]
    return args


def runtime_paths() -> list[Path]:
    """Interpreters outside /usr a server may need: this Python's prefix (venvs point at it), the virtual environment
    mcprisk itself runs in, if any (a sample or local server runs on its interpreter; it may sit under /tmp, which
    the sandbox replaces), and Node's."""
    found = [Path(sys.base_prefix), Path(sys.prefix)]
    node = shutil.which("node")
    if node:
        found.append(Path(node).resolve().parent.parent)
    return [p for p in found if not str(p).startswith(("/usr/", "/etc/")) and p != Path("/usr")]


def command(argv: list[str], env: dict[str, str], readable: Iterable[Path], limits: Limits,
            writable: Iterable[Path] = ()) -> list[str]:
    """bubblewrap's command line for ``argv``: ``readable`` folders are bound read-only at their own paths (venv
    scripts name their interpreter by absolute path), ``writable`` ones read-write (only an sdist build writes into
    its own venv), everything else the server sees is fresh."""
    args = [shutil.which("bwrap") or "bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try"]
    if not _privileged():
        args += ["--unshare-user", "--cap-drop", "ALL"]
    args += ["--die-with-parent", "--new-session", "--clearenv", "--hostname", "sandbox"]
    args += system_binds()
    args += ["--proc", "/proc", "--dev", "/dev"]
    for folder in ("/tmp", HOME, WORKDIR):
        perms = "1777" if folder == "/tmp" else "0777"
        args += ["--perms", perms, "--size", str(limits.tmpfs_bytes), "--tmpfs", folder]
    seen: set[str] = set()
    rw = [str(Path(p).resolve()) for p in writable]
    for path in [*runtime_paths(), *readable, *rw]:
        text = str(Path(path).resolve())
        if text in seen or text in ("/", "/usr", "/etc"):
            continue
        seen.add(text)
        for parent in reversed(Path(text).parents):
            if str(parent) != "/" and str(parent) not in seen:
                args += ["--perms", "0755", "--dir", str(parent)]
        args += ["--bind" if text in rw else "--ro-bind", text, text]
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--chdir", WORKDIR, "--"]
    if _privileged():
        args += ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--inh-caps=-all",
                 "--bounding-set=-all", "--no-new-privs", "--"]
    return args + argv


def base_environment(extra: dict[str, str]) -> dict[str, str]:
    """Only what a process needs to run, then the server's declared variables; nothing of ours is inherited."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "TMPDIR": "/tmp", "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "CI": "1"}
    libpython = Path(sys.base_prefix) / "lib"
    if not str(libpython).startswith("/usr/") and any(libpython.glob("libpython3*.so*")):
        env["LD_LIBRARY_PATH"] = str(libpython)  # an interpreter built outside /usr finds its own libpython
    return env | extra


def _processes_of(uid: int) -> int:
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                continue
    return count


def preexec(limits: Limits) -> Callable[[], None]:
    """Runs in the child between fork and exec: a session and process group of its own, and every cap. RLIMIT_NPROC
    counts all processes of a uid, so an unprivileged caller's cap starts from what it already runs."""
    uid = NOBODY if _privileged() else os.getuid()
    processes = limits.processes + _processes_of(uid)

    def apply() -> None:
        os.setsid()
        caps = {
            resource.RLIMIT_NPROC: processes,
            resource.RLIMIT_DATA: limits.memory_bytes,
            resource.RLIMIT_NOFILE: limits.open_files,
            resource.RLIMIT_CPU: limits.cpu_seconds,
            resource.RLIMIT_FSIZE: limits.file_bytes,
            resource.RLIMIT_CORE: 0,
        }
        for which, value in caps.items():
            resource.setrlimit(which, (value, value))

    return apply


def kill_group(pid: int) -> None:
    """SIGKILL bubblewrap's whole process group; its PID namespace then takes every server process with it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
