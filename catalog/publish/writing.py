"""Writing the site's files: only the bytes that changed, never half a file where readers look, and never
through a symbolic link planted in the output folder."""

import os
from pathlib import Path

from catalog.core.errors import ConfigError

_SEEN: set[str] = set()  # folders this process made or found: one mkdir each, not one per file
_FRESH: set[str] = set()  # folders this process made in this build: every file in them is new


def emit(out: str, path: str, content: bytes) -> bool:
    """Write a file only when its bytes changed; True when written.

    A file that replaces one readers may be reading is written aside and renamed over it; a new file is
    written in place, which is twice as fast on a full build: a build killed halfway leaves a short file, and
    the next build finds its bytes differ and replaces it.
    """
    target = f"{out}/{path}"
    folder = target.rpartition("/")[0]
    if folder not in _SEEN:
        _make_folder(folder)
    if folder not in _FRESH:
        try:
            fd = os.open(target, os.O_RDONLY)
        except FileNotFoundError:
            pass
        else:
            try:
                same = os.fstat(fd).st_size == len(content) and os.read(fd, len(content) + 1) == content
            finally:
                os.close(fd)
            if same:
                return False
            write_atomically(target, content)
            return True
    _write(target, content)
    return True


def _make_folder(folder: str) -> None:
    try:
        os.mkdir(folder)
        _FRESH.add(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:  # its parent is missing too
        _make_folder(folder.rpartition("/")[0])
        return _make_folder(folder)
    _SEEN.add(folder)


def _write(target: str, content: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_atomically(target: str, content: bytes) -> None:
    """Readers of the live site, and a run killed mid-write, never leave or see half a file."""
    _write(target + ".tmp", content)
    os.replace(target + ".tmp", target)


def forget_folders() -> None:
    """A new build starts knowing no folder: the last one's may have been deleted since."""
    _SEEN.clear()
    _FRESH.clear()


def refuse_links_on(out: Path, paths: list[str]) -> None:
    """The same, only along the paths a rebuild of a few units rewrites or deletes (the rest is not touched)."""
    folders = {str(out)}
    for path in paths:
        parts = path.split("/")
        folders.update(str(out.joinpath(*parts[:n])) for n in range(1, len(parts) + 1))
    for folder in sorted(folders):
        if os.path.islink(folder):
            where = os.path.relpath(folder, out)
            raise ConfigError(f"{out} holds a symbolic link ({where}): refusing to write through it")


def refuse_links(out: Path) -> None:
    """A symbolic link inside the output folder would have the build write (or delete) wherever it points."""
    stack = [str(out)] if out.is_dir() else []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    where = os.path.relpath(entry.path, out)
                    raise ConfigError(f"{out} holds a symbolic link ({where}): refusing to write through it")
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
