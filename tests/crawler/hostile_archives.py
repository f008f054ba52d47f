"""Hostile archives built byte by byte: oversized tar headers, sparse and negative members, zips with a swollen
central directory, names that are not UTF-8. Shared by the archive tests, the fuzzing harness and the benchmark."""

import gzip
import io
import struct
import tarfile
import zipfile
from pathlib import Path

BLOCK = 512


def header(name: bytes, size: int, kind: bytes = b"0", mode: bytes = b"0000644") -> bytes:
    """One raw ustar header block (checksum computed), for a member tarfile itself would never write."""
    block = bytearray(BLOCK)
    block[0 : len(name[:100])] = name[:100]
    block[100:108] = mode + b"\0"
    block[108:116] = b"0000000\0"
    block[116:124] = b"0000000\0"
    block[124:136] = (b"%011o\0" % size) if size < 8**11 else b"\x80" + size.to_bytes(11, "big")
    block[136:148] = b"00000000000\0"
    block[148:156] = b" " * 8
    block[156:157] = kind
    block[257:265] = b"ustar\x0000"
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


def _padded(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % BLOCK)


def write_tgz(path: Path, parts: list[bytes | tuple[int, int]]) -> Path:
    """``parts`` written through gzip: bytes as they are, (byte, count) as ``count`` copies of one byte (a bomb
    compresses to a thousandth of itself), then the two zero blocks that end a tar."""
    with gzip.open(path, "wb", compresslevel=6) as out:
        for part in parts:
            if isinstance(part, bytes):
                out.write(part)
            else:
                byte, count = part
                chunk = bytes([byte]) * (1 << 20)
                for start in range(0, count, len(chunk)):
                    out.write(chunk[: min(len(chunk), count - start)])
        out.write(b"\0" * (2 * BLOCK))
    return path


def pax_bomb(path: Path, size: int) -> Path:
    """A pax extended header declaring ``size`` bytes (of 'a'), before an ordinary member."""
    size += -size % BLOCK
    return write_tgz(path, [header(b"././@PaxHeader", size, b"x"), (ord("a"), size), header(b"package/a.js", 0)])


def long_name_bomb(path: Path, size: int) -> Path:
    """A GNU long-name header of ``size`` bytes: the name of the member that follows."""
    size += -size % BLOCK
    return write_tgz(path, [header(b"././@LongLink", size, b"L"), (ord("a"), size), header(b"x", 0)])


def member(name: bytes, body: bytes, kind: bytes = b"0") -> bytes:
    return header(name, len(body), kind) + _padded(body)


def tgz(path: Path, members: list[bytes]) -> Path:
    return write_tgz(path, members)


def raw_tar(members: list[tuple[str, bytes]]) -> bytes:
    """An ordinary tar (as tarfile writes it) of ``members``, in memory: the seed the fuzzer mutates."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, body in members:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def zip_many_entries(path: Path, entries: int) -> Path:
    """A zip whose central directory lists ``entries`` tiny entries (all pointing at one local file) and whose end
    record claims just one: zipfile believes the directory's size, and builds an object per entry."""
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as zf:
        zf.writestr("a.js", b"x")
    data = body.getvalue()
    end = data.rindex(b"PK\x05\x06")
    start = struct.unpack_from("<L", data, end + 16)[0]
    entry = data[start:end]
    directory = entry * entries
    record = bytearray(data[end:])
    struct.pack_into("<HHLL", record, 8, 1, 1, len(directory), start)
    path.write_bytes(data[:start] + directory + bytes(record))
    return path


def zip_with_names(path: Path, names: list[bytes], utf8_flag: bool = False) -> Path:
    """A zip whose entries carry raw ``names`` (any bytes), flagged UTF-8 or not."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for index, _ in enumerate(names):
            zf.writestr(f"{index:0{max(1, len(str(len(names))))}d}".ljust(8, "_"), b"x = 1\n")
    data = bytearray(buffer.getvalue())
    for index, name in enumerate(names):
        placeholder = f"{index:0{max(1, len(str(len(names))))}d}".ljust(8, "_").encode()
        assert len(name) == len(placeholder), "names are patched in place: give 8-byte names"
        for at in _all(data, placeholder):
            data[at : at + 8] = name
    if utf8_flag:
        for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            for at in _all(data, signature):
                struct.pack_into("<H", data, at + flag_at, struct.unpack_from("<H", data, at + flag_at)[0] | 0x800)
    path.write_bytes(bytes(data))
    return path


def _all(data: bytearray, needle: bytes) -> list[int]:
    found, at = [], data.find(needle)
    while at != -1:
        found.append(at)
        at = data.find(needle, at + 1)
    return found
