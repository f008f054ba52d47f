"""A throwaway PostgreSQL server on a free loopback port, for running the catalogue tests on PostgreSQL too.

Uses the Debian ``postgresql`` package's binaries; PostgreSQL refuses to run as root, so as root the
cluster runs as the ``postgres`` user. Returns None (with the reason) where it cannot be started.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int
    run_as: list[str]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c", f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop")
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.run_as, str(self.bin_dir / tool), *args], check=True, capture_output=True, timeout=120)


def start_postgres() -> tuple[PostgresServer | None, str]:
    """(server, "") or (None, why not)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        return None, "PostgreSQL is not installed (Debian package `postgresql`)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "the psycopg driver is not installed (pip install 'psycopg[binary]')"
    bin_dir = Path(found[-1]).parent
    top = Path(tempfile.mkdtemp(prefix="mcprisk-pg-"))
    data_dir = top / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            return None, "running as root and there is no `postgres` user to run PostgreSQL as"
        os.chown(top, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = PostgresServer(bin_dir, data_dir, port, run_as)
    try:
        server._run("initdb", "-D", str(data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {port} -k {top} -c listen_addresses=127.0.0.1 -c fsync=off"
        server._run("pg_ctl", "-D", str(data_dir), "-o", options, "-l", str(top / "log"), "-w", "start")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(top, ignore_errors=True)
        stderr = getattr(exc, "stderr", b"") or b""
        return None, f"PostgreSQL did not start: {stderr.decode(errors='replace').strip()[:200]}"
    return server, ""
