"""Archive metadata is bounded like member bodies: tar pax and GNU long-name headers, sparse and negative members,
a zip's central directory, names that are not UTF-8. Each is a one-line refusal naming the limit, in little memory
and time, or (names) an escaped name and an ordinary scan."""

import io
import os
import subprocess
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.core.errors import InputError
from crawler.extract import extract
from crawler.extract.archive import TEMP_PREFIX, Limits, remove_leftovers, unpacked
from mcprisk.cli import app
from tests.crawler.hostile_archives import (
    long_name_bomb,
    member,
    pax_bomb,
    tgz,
    write_tgz,
    zip_many_entries,
    zip_with_names,
)

MB = 2**20


def refused(archive: Path, limits: Limits | None = None) -> tuple[str, float, float]:
    """The refusal's message, its peak Python memory (MB) and its time (s)."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(InputError) as caught, unpacked(archive, limits):
            pass
        return str(caught.value), tracemalloc.get_traced_memory()[1] / MB, time.monotonic() - started
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("build", [pax_bomb, long_name_bomb])
def test_an_oversized_tar_header_is_refused_before_it_is_read(tmp_path: Path, build: object) -> None:
    archive = build(tmp_path / "bomb.tgz", 48 * MB)  # type: ignore[operator]
    message, peak, seconds = refused(archive)
    assert "tar header of 50,331,648 bytes is over the 65,536-byte cap" in message
    assert len(message) < 200 and peak < 5 and seconds < 2


def test_a_long_name_under_the_header_cap_is_refused_in_one_short_line(tmp_path: Path) -> None:
    archive = long_name_bomb(tmp_path / "name.tgz", 60_000)
    message, _, _ = refused(archive)
    assert "over the 4096-byte cap" in message and len(message) < 200


def test_a_chain_of_extended_headers_is_refused_not_recursed(tmp_path: Path) -> None:
    pax = member(b"././@PaxHeader", b"16 comment=abcd\n", b"x")
    archive = tgz(tmp_path / "chain.tgz", [pax] * 5000 + [member(b"package/a.js", b"1")])
    message, _, _ = refused(archive)
    assert "more than 8 extended headers" in message


@pytest.mark.parametrize(
    "parts, expected",
    [
        ([member(b"package/a.js", b"", b"S")], "sparse"),
        ([member(b"././@PaxHeader", b"22 GNU.sparse.major=1\n22 GNU.sparse.minor=0\n", b"x")], "sparse"),
        ([member(b"././@PaxHeader", b"12 size=-99\n", b"x"), member(b"package/a.js", b"1")], "negative size"),
    ],
)
def test_sparse_and_negative_members_are_refused(tmp_path: Path, parts: list[bytes], expected: str) -> None:
    message, _, _ = refused(write_tgz(tmp_path / "odd.tgz", [*parts, member(b"package/b.js", b"2")]))
    assert expected in message


def test_a_swollen_zip_central_directory_is_counted_before_zipfile_reads_it(tmp_path: Path) -> None:
    archive = zip_many_entries(tmp_path / "many.zip", 30_000)
    message, peak, _ = refused(archive)
    assert "more than 20000 members" in message and peak < 10
    message, _, _ = refused(archive, Limits(directory_bytes=MB))
    assert "central directory of" in message and "over the 1,048,576 cap" in message


def test_names_that_are_not_utf8_are_escaped_in_tar_and_zip(tmp_path: Path) -> None:
    body = b"server.tool('latin_tool', 'A tool', {}, async () => ({}))\n"
    archive = tgz(tmp_path / "names.tgz", [member(b"package/\xff\xfe.js", body)])
    result = extract(archive)
    assert [t.name for t in result.tools] == ["latin_tool"] and result.tools[0].file == "\\xff\\xfe.js"
    zipped = zip_with_names(tmp_path / "names.zip", [b"\xff\xfeabc.py"])
    with unpacked(zipped) as folder:
        assert len(list(folder.iterdir())) == 1
    flagged = zip_with_names(tmp_path / "flagged.zip", [b"\xff\xfeabc.py"], utf8_flag=True)
    message, _, _ = refused(flagged)  # flagged UTF-8 but not: zipfile's UnicodeDecodeError was an exit 70
    assert "not a readable archive" in message
    result = CliRunner().invoke(app, ["scan", str(archive), "--json"])
    assert result.exit_code == 0 and "latin_tool" in result.output


def test_leftover_unpack_folders_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(["true"], check=True) and subprocess.Popen(["true"])
    dead.wait()
    killed = tmp_path / f"{TEMP_PREFIX}{dead.pid}-abc"
    running = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-def"
    other = tmp_path / "someone-elses"
    for folder in (killed, running, other):
        folder.mkdir()
        (folder / "a.js").write_text("x")
    assert remove_leftovers(str(tmp_path)) == 1
    assert not killed.exists() and running.exists() and other.exists()


def test_what_the_fuzzer_found_in_zips_is_refused(tmp_path: Path) -> None:
    """An entry without a name (zipfile's is_dir raised IndexError) and a damaged deflate stream (zlib.error):
    both were exit 70."""
    unnamed = io.BytesIO()
    with zipfile.ZipFile(unnamed, "w") as zf:
        zf.writestr(zipfile.ZipInfo(""), b"x")
    (tmp_path / "unnamed.zip").write_bytes(unnamed.getvalue())
    assert "member without a name" in refused(tmp_path / "unnamed.zip")[0]
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pkg/index.js", b"server.tool('x', 'y', {}, async () => ({}))\n" * 3)
    data = bytearray(damaged.getvalue())
    data[data.index(b"pkg/index.js") + len(b"pkg/index.js")] = 0  # a stored block with bad lengths
    (tmp_path / "damaged.zip").write_bytes(bytes(data))
    assert "not a readable archive" in refused(tmp_path / "damaged.zip")[0]
