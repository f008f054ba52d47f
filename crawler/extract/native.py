"""A package that ships its server as a native executable: a Go or Rust binary in an npm package's `vendor/` or
`bin/`, started by a small JavaScript launcher, or one inside a wheel started by a Python one. Its tools are in
machine code no extractor reads, so when nothing else declares a tool the README is no fallback: its tool-like
names (a policy's `allow` and `prompt`, the binary's own name) are not what the binary registers, and the
catalogue says it found no tool rather than name tools it cannot see.

An executable is told by its first bytes (ELF; Mach-O, thin or universal; a Windows `.exe`'s `MZ`); a native
library beside JavaScript or Python code (a `.node` addon, a `.so`, a `.dylib`, a `.dll`) is a dependency of code
that is read, and a Java `.class` shares the universal Mach-O's magic number.
"""

import os
from pathlib import Path

_MAGIC = (b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
          b"\xca\xfe\xba\xbe")
_LIBRARIES = (".node", ".so", ".dylib", ".dll", ".a", ".o", ".class", ".wasm", ".jar")
_PRUNED = ("node_modules", ".git", "__pycache__")
MAX_DEPTH = 4  # `vendor/<platform>/bin/server`
MAX_FILES = 4000


def native_executable(root: Path) -> Path | None:
    """The first native executable under ``root`` (by its first four bytes; dependencies' folders pruned), or
    None. Its own walk: extraction's skips `vendor/` (vendored source) and files over its size cap, which a binary
    always is."""
    seen = 0
    for folder, dirs, names in os.walk(root):
        depth = len(Path(folder).relative_to(root).parts)
        dirs[:] = sorted(d for d in dirs if d not in _PRUNED) if depth < MAX_DEPTH else []
        for name in sorted(names):
            seen += 1
            if seen > MAX_FILES:
                return None
            path = Path(folder) / name
            if any(s in _LIBRARIES for s in path.suffixes) or path.is_symlink():
                continue
            try:
                with path.open("rb") as handle:
                    head = handle.read(4)
            except OSError:
                continue
            if head in _MAGIC or (path.suffix == ".exe" and head.startswith(b"MZ")):
                return path
    return None
