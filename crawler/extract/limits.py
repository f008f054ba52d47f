"""What an archive or a tree may cost, and the checks every member's name and size go through.

Names from an archive are hostile: undecodable bytes, a megabyte of path, NULs, thousands of folders. Each is
escaped or refused here, and a refusal quotes at most a few dozen characters of it.
"""

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from catalog.core.errors import InputError


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = 100 * 2**20
    unpacked_bytes: int = 500 * 2**20
    members: int = 20_000
    ratio: int = 200  # unpacked / packed, over the whole archive
    file_bytes: int = 8 * 2**20  # larger source files are skipped, not parsed (bundles run to a few MB)
    files: int = 20_000
    header_bytes: int = 64 * 2**10  # one tar pax / GNU long-name header; real ones hold a path and a few numbers
    directory_bytes: int = 16 * 2**20  # a zip's central directory (20,000 entries with long names and extras)
    name_bytes: int = 4096  # a member's path (PATH_MAX)
    depth: int = 200  # folders in a member's path


def shown(text: str, width: int = 80) -> str:
    """``text`` as a refusal quotes it: repr'd and cut, so a megabyte-long name makes a one-line message."""
    return repr(text[:width]) + ("…" if len(text) > width else "")


def clean_name(name: str) -> str:
    """A name decoded with surrogate escapes, turned into text: undecodable bytes become visible ``\\xNN``."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def relative(path: Path, root: Path) -> str:
    """A walked file's path under ``root``, with `/` between its parts, as tools and warnings name it: cut off its
    text, where pathlib's ``relative_to(root).as_posix()`` (several µs each) was a tenth of a small file's reading."""
    whole, top = str(path), str(root)
    if whole.startswith(top) and whole[len(top) : len(top) + 1] == os.sep and top != os.sep:
        rest = whole[len(top) + 1 :]
        return rest if os.sep == "/" else rest.replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def safe_name(name: str, limits: Limits) -> PurePosixPath:
    """Where a member lands inside the folder, or a refusal: outside it, a NUL, too long or too deep."""
    name = clean_name(name.replace("\\", "/"))
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise InputError(f"archive member {shown(name)} would land outside the folder: refused")
    if "\0" in name or len(name.encode()) > limits.name_bytes or any(len(p.encode()) > 255 for p in path.parts):
        raise InputError(f"archive member {shown(name)} has a name over the {limits.name_bytes}-byte cap or a NUL")
    if len(path.parts) > limits.depth:
        raise InputError(f"archive member {shown(name)} is more than {limits.depth} folders deep: refused")
    return path


def budget(total: int, limits: Limits, packed: int, name: str) -> None:
    if total > limits.unpacked_bytes:
        raise InputError(f"{name} unpacks to more than {limits.unpacked_bytes:,} bytes: refused")
    if packed and total > limits.ratio * packed and total > 10 * 2**20:
        raise InputError(f"{name} expands more than {limits.ratio} times: refused as a compression bomb")
