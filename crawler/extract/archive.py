"""Unpacking hostile archives: npm tarballs, sdists, wheels and zips from anyone, into a throwaway folder.

Every member is checked before a byte is written: no absolute paths, no `..`, no links, no devices,
and caps on member count, unpacked size and compression ratio (a zip bomb stops at the cap, not at
the disk's end). Metadata is bounded as well as bodies, because the standard library reads it whole:
a tar pax or GNU long-name header is refused by its declared size before it is read, the decompressed
stream is cut at the unpacked cap however members lie about their sizes, and a zip's central directory
is sized and counted before ``zipfile`` builds an object per entry. Names that are not UTF-8 are escaped
(``\\xff``), so every later step sees text. A refusal is one short line naming the limit. Nothing is
written outside the temporary folder, which is removed afterwards.
"""

import bz2
import gzip
import lzma
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from catalog.core.errors import InputError
from crawler.extract.limits import Limits, budget, clean_name, safe_name, shown
from crawler.extract.unzip import unzip

ARCHIVE_SUFFIXES = (".tgz", ".tar.gz", ".tar", ".zip", ".whl")
TEMP_PREFIX = "mcprisk-unpack-"
HEADER_TYPES = (
    tarfile.GNUTYPE_LONGNAME,
    tarfile.GNUTYPE_LONGLINK,
    tarfile.XHDTYPE,
    tarfile.XGLTYPE,
    tarfile.SOLARIS_XHDTYPE,
)
__all__ = ["ARCHIVE_SUFFIXES", "Limits", "is_archive", "remove_leftovers", "unpacked"]


def is_archive(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(ARCHIVE_SUFFIXES)


def remove_leftovers(folder: str | None = None) -> int:
    """Unpack folders that a killed run left in the temp dir removed; how many were. Each folder's name carries the
    process that made it, so a folder of a run still going (another crawl worker) is left alone."""
    removed = 0
    for entry in Path(folder or tempfile.gettempdir()).glob(TEMP_PREFIX + "*"):
        pid = entry.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)) or entry.is_symlink():
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


@contextmanager
def unpacked(archive: Path, limits: Limits | None = None) -> Iterator[Path]:
    """The archive unpacked into a temporary folder that is removed when the block ends."""
    limits = limits or Limits()
    size = archive.stat().st_size
    if size > limits.archive_bytes:
        raise InputError(f"{archive.name} is {size:,} bytes, over the {limits.archive_bytes:,}-byte cap")
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    try:
        if archive.name.lower().endswith((".zip", ".whl")):
            unzip(archive, folder, limits, size)
        else:
            _untar(archive, folder, limits, size)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _Stream:
    """The decompressed tar stream, cut where the caps say: no read or skip goes past ``cap`` bytes, so time is
    bounded however members lie about their sizes."""

    def __init__(self, inner: IO[bytes], limits: Limits, packed: int, name: str) -> None:
        self.inner, self.limits, self.packed, self.name = inner, limits, packed, name
        self.cap = limits.unpacked_bytes + limits.members * 1024  # bodies, and a header or two per member

    def _check(self, position: int) -> None:
        if position > self.cap:
            raise InputError(f"{self.name} unpacks to more than {self.limits.unpacked_bytes:,} bytes: refused")
        budget(position, self.limits, self.packed, self.name)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = self.cap + 1 - self.inner.tell()
        self._check(self.inner.tell() + size - 512)  # a header's read past the end is no bomb
        return self.inner.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 0:
            self._check(offset)
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()


def _open_stream(handle: IO[bytes]) -> IO[bytes]:
    magic = handle.read(6)
    handle.seek(0)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    if magic.startswith(b"BZh"):
        return bz2.BZ2File(handle)  # type: ignore[return-value]
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(handle)  # type: ignore[return-value]
    return handle


def _bounded_tarinfo(limits: Limits, name: str) -> type[tarfile.TarInfo]:
    """A TarInfo that checks each extended header's declared size before ``tarfile`` reads it whole."""
    state = {"chain": 0, "global": 0}

    class Bounded(tarfile.TarInfo):
        def _proc_member(self, tar: Any) -> Any:  # noqa: ANN401 (tarfile's private hook)
            if self.size < 0:
                raise InputError(f"{name}: a member declares a negative size: refused")
            if self.type in HEADER_TYPES:
                if self.size > limits.header_bytes:
                    raise InputError(
                        f"{name}: a tar header of {self.size:,} bytes is over the {limits.header_bytes:,}-byte cap"
                    )
                state["chain"] += 1
                state["global"] += self.type == tarfile.XGLTYPE
                if state["chain"] > 8 or state["global"] > 64:
                    raise InputError(f"{name}: more than 8 extended headers for one member: refused")
            elif self.type == tarfile.GNUTYPE_SPARSE:
                raise InputError(f"{name} contains a sparse file ({shown(self.name)}): refused")
            else:
                state["chain"] = 0
            member = super()._proc_member(tar)
            if member.size < 0:
                raise InputError(f"{name}: a member declares a negative size: refused")
            return member

        def _proc_gnusparse_00(self, *args: Any) -> None:
            raise InputError(f"{name} contains a sparse file: refused")

        _proc_gnusparse_01 = _proc_gnusparse_10 = _proc_gnusparse_00

    return Bounded


def _untar(archive: Path, folder: Path, limits: Limits, packed: int) -> None:
    name = archive.name
    try:
        with open(archive, "rb") as raw, _open_stream(raw) as inner:
            stream = _Stream(inner, limits, packed, name)
            with tarfile.open(
                fileobj=stream,
                mode="r:",
                tarinfo=_bounded_tarinfo(limits, name),  # type: ignore[arg-type]
            ) as tar:
                _members(tar, folder, limits, packed, name)
    except (tarfile.TarError, EOFError, OSError, ValueError, RecursionError, lzma.LZMAError, zlib.error) as exc:
        raise InputError(f"{name} is not a readable archive: {shown(str(exc), 160)}") from None


def _members(tar: tarfile.TarFile, folder: Path, limits: Limits, packed: int, name: str) -> None:
    total = count = 0
    for member in tar:
        count += 1
        if count > limits.members:
            raise InputError(f"{name} has more than {limits.members} members: refused")
        target = safe_name(member.name, limits)
        if member.issym() or member.islnk():
            raise InputError(f"{name} contains a link ({shown(clean_name(member.name))}): refused")
        if member.isdir() or not target.parts:
            continue
        if not member.isfile():
            raise InputError(f"{name} contains a device or special file ({shown(clean_name(member.name))}): refused")
        total += member.size
        budget(total, limits, packed, name)
        source = tar.extractfile(member)
        if source is None:
            continue
        out = folder / target
        out.parent.mkdir(parents=True, exist_ok=True)
        with source, open(out, "wb") as sink:
            shutil.copyfileobj(source, sink)
