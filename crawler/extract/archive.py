"""Unpacking hostile archives: npm tarballs, sdists, wheels and zips from anyone, into a throwaway folder.

Every member is checked before a byte is written: no absolute paths, no `..`, no links, no devices,
and caps on member count, unpacked size and compression ratio (a zip bomb stops at the cap, not at
the disk's end). Nothing is written outside the temporary folder, which is removed afterwards.
"""

import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from catalog.core.errors import InputError

ARCHIVE_SUFFIXES = (".tgz", ".tar.gz", ".tar", ".zip", ".whl")


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = 100 * 2**20
    unpacked_bytes: int = 500 * 2**20
    members: int = 20_000
    ratio: int = 200  # unpacked / packed, over the whole archive
    file_bytes: int = 8 * 2**20  # larger source files are skipped, not parsed (bundles run to a few MB)
    files: int = 20_000


def is_archive(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(ARCHIVE_SUFFIXES)


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise InputError(f"archive member {name!r} would land outside the folder: refused")
    return path


@contextmanager
def unpacked(archive: Path, limits: Limits | None = None) -> Iterator[Path]:
    """The archive unpacked into a temporary folder that is removed when the block ends."""
    limits = limits or Limits()
    size = archive.stat().st_size
    if size > limits.archive_bytes:
        raise InputError(f"{archive.name} is {size:,} bytes, over the {limits.archive_bytes:,}-byte cap")
    folder = Path(tempfile.mkdtemp(prefix="mcprisk-unpack-"))
    try:
        if archive.name.lower().endswith((".zip", ".whl")):
            _unzip(archive, folder, limits, size)
        else:
            _untar(archive, folder, limits, size)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _budget(total: int, limits: Limits, packed: int, name: str) -> None:
    if total > limits.unpacked_bytes:
        raise InputError(f"{name} unpacks to more than {limits.unpacked_bytes:,} bytes: refused")
    if packed and total > limits.ratio * packed and total > 10 * 2**20:
        raise InputError(f"{name} expands more than {limits.ratio} times: refused as a compression bomb")


def _untar(archive: Path, folder: Path, limits: Limits, packed: int) -> None:
    try:
        with tarfile.open(archive) as tar:
            total = count = 0
            for member in tar:
                count += 1
                if count > limits.members:
                    raise InputError(f"{archive.name} has more than {limits.members} members: refused")
                target = _safe_name(member.name)
                if member.issym() or member.islnk():
                    raise InputError(f"{archive.name} contains a link ({member.name}): refused")
                if member.isdir():
                    continue
                if not member.isfile():
                    raise InputError(f"{archive.name} contains a device or special file ({member.name}): refused")
                total += member.size
                _budget(total, limits, packed, archive.name)
                source = tar.extractfile(member)
                if source is None:
                    continue
                out = folder / target
                out.parent.mkdir(parents=True, exist_ok=True)
                with source, open(out, "wb") as sink:
                    shutil.copyfileobj(source, sink)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise InputError(f"{archive.name} is not a readable archive: {exc}") from None


def _unzip(archive: Path, folder: Path, limits: Limits, packed: int) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            if len(infos) > limits.members:
                raise InputError(f"{archive.name} has more than {limits.members} members: refused")
            total = 0
            for info in infos:
                target = _safe_name(info.filename)
                if (info.external_attr >> 16) & 0o170000 == 0o120000:
                    raise InputError(f"{archive.name} contains a link ({info.filename}): refused")
                if info.is_dir():
                    continue
                total += info.file_size
                _budget(total, limits, packed, archive.name)
                out = folder / target
                out.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as source, open(out, "wb") as sink:
                    copied = 0
                    while chunk := source.read(1 << 16):
                        copied += len(chunk)
                        if copied > info.file_size:  # a lying header: stop at what it declared
                            raise InputError(f"{archive.name}: {info.filename} is larger than it declares")
                        sink.write(chunk)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{archive.name} is not a readable archive: {exc}") from None
