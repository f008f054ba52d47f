"""Unpacking a zip or wheel with its metadata bounded: the central directory is sized and its entries counted
before ``zipfile`` reads it (it builds an object per entry, and believes the directory's own size, not its count).
"""

import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from catalog.core.errors import InputError
from crawler.extract.limits import Limits, budget, safe_name, shown

_ENTRY = struct.Struct("<4s4B4HL2L5H2L")  # a central directory entry's fixed part (46 bytes)


def unzip(archive: Path, folder: Path, limits: Limits, packed: int) -> None:
    name = archive.name
    try:
        with open(archive, "rb") as handle:
            _check_directory(handle, limits, name)
        with zipfile.ZipFile(archive) as zf:
            _members(zf, folder, limits, packed, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error, zlib.error) as exc:
        raise InputError(f"{name} is not a readable archive: {shown(str(exc), 160)}") from None
    except (NotImplementedError, RuntimeError) as exc:  # an unsupported compression method, encryption
        raise InputError(f"{name} cannot be unpacked: {shown(str(exc), 160)}") from None


def _check_directory(handle: Any, limits: Limits, name: str) -> None:
    """The central directory's declared size and its real entry count against the caps, reading only the fixed
    part of each entry (names, extras and comments are skipped, never decoded)."""
    end = zipfile._EndRecData(handle)  # type: ignore[attr-defined]
    if not end:
        raise InputError(f"{name} is not a readable archive: no end of central directory")
    size, offset = end[zipfile._ECD_SIZE], end[zipfile._ECD_OFFSET]  # type: ignore[attr-defined]
    if size > limits.directory_bytes:
        raise InputError(f"{name}: a central directory of {size:,} bytes is over the {limits.directory_bytes:,} cap")
    if end[zipfile._ECD_ENTRIES_TOTAL] > limits.members:  # type: ignore[attr-defined]
        raise InputError(f"{name} has more than {limits.members} members: refused")
    start = end[zipfile._ECD_LOCATION] - size  # type: ignore[attr-defined]
    if end[0] == zipfile.stringEndArchive64:  # type: ignore[attr-defined]
        start -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator  # type: ignore[attr-defined]
    if start < 0 or offset < 0:
        raise InputError(f"{name} is not a readable archive: bad central directory offset")
    handle.seek(start)
    directory = handle.read(size)
    position = count = 0
    while position + _ENTRY.size <= len(directory):
        fields = _ENTRY.unpack_from(directory, position)
        if fields[0] != b"PK\x01\x02":
            break  # zipfile refuses it in a moment
        count += 1
        if count > limits.members:
            raise InputError(f"{name} has more than {limits.members} members: refused")
        position += _ENTRY.size + fields[12] + fields[13] + fields[14]  # name, extra field, comment


def _members(zf: zipfile.ZipFile, folder: Path, limits: Limits, packed: int, name: str) -> None:
    total = 0
    for info in zf.infolist():
        if not info.filename:  # zipfile's own is_dir() fails on it (IndexError): found by tests/fuzz
            raise InputError(f"{name} has a member without a name: refused")
        target = safe_name(info.filename, limits)
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise InputError(f"{name} contains a link ({shown(info.filename)}): refused")
        if info.is_dir() or not target.parts:
            continue
        total += info.file_size
        budget(total, limits, packed, name)
        out = folder / target
        out.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as source, open(out, "wb") as sink:
            copied = 0
            while chunk := source.read(1 << 16):
                copied += len(chunk)
                if copied > info.file_size:  # a lying header: stop at what it declared
                    raise InputError(f"{name}: {shown(info.filename)} is larger than it declares")
                sink.write(chunk)
