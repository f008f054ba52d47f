"""Caps on one introspection: what a hostile or broken package may cost this machine at most."""

from dataclasses import dataclass

from catalog.core.settings import Settings


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 60.0  # start, initialize and every tools/list page
    cpu_seconds: int = 120
    memory_bytes: int = 2 * 2**30  # RLIMIT_DATA: heap and anonymous mappings, so a 10 GiB allocation fails
    processes: int = 256  # RLIMIT_NPROC, for the unprivileged user the server runs as
    open_files: int = 1024
    file_bytes: int = 64 * 2**20  # RLIMIT_FSIZE: no single file written larger
    tmpfs_bytes: int = 256 * 2**20  # HOME, the working folder and /tmp each
    output_bytes: int = 32 * 2**20  # everything the server writes to stdout
    stderr_tail_bytes: int = 4000
    tools: int = 5000
    pages: int = 100
    install_seconds: float = 300.0
    download_bytes: int = 200 * 2**20
    disk_bytes: int = 2**30

    @classmethod
    def from_settings(cls, settings: Settings) -> "Limits":
        return cls(
            wall_seconds=settings.introspect_timeout,
            memory_bytes=settings.introspect_memory,
            install_seconds=settings.introspect_install_timeout,
            disk_bytes=settings.introspect_disk,
        )
