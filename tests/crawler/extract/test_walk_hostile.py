"""The walk over a scanned folder: names in any encoding, trees deeper than any path the system opens, and two
definitions of one tool name. Each is a warning and an ordinary scan (exit 0 or 1), never an internal error."""

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawler.extract import extract, files
from mcprisk.cli import app

TOOL = b"server.tool('%s', 'Reads a note', {}, async () => ({}))\n"


def test_names_that_are_not_utf8_are_escaped(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/\xff\xfe"
    os.mkdir(folder)
    with open(folder + b"/x\xff.js", "wb") as out:
        out.write(TOOL % b"read_note")
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tools"][0]["file"] == "\\xff\\xfe/x\\xff.js"


def test_a_tree_2000_folders_deep_is_walked_to_the_depth_cap(tmp_path: Path) -> None:
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for depth in range(2000):
            if depth == 5:
                os.write(os.open("a.js", os.O_WRONLY | os.O_CREAT, dir_fd=fd), TOOL % b"shallow")
            os.mkdir("folder", dir_fd=fd)
            inner = os.open("folder", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.write(os.open("deep.js", os.O_WRONLY | os.O_CREAT, dir_fd=fd), TOOL % b"deep")
    finally:
        os.close(fd)
    try:
        result = extract(tmp_path)  # was OSError: File name too long (exit 70)
    finally:
        flatten(tmp_path)
    assert [t.name for t in result.tools] == ["shallow"]
    assert "folders more than 200 deep were not read" in result.warnings


def flatten(root: Path) -> None:
    """The deep tree removed a level at a time (pytest's own clean-up recurses, and would fail at exit)."""
    while (root / "folder").exists():
        os.rename(root / "folder" / "folder", root / "next") if (root / "folder" / "folder").exists() else None
        shutil.rmtree(root / "folder")
        if (root / "next").exists():
            os.rename(root / "next", root / "folder")


def test_duplicate_tool_names_are_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_bytes(TOOL % b"same")
    (tmp_path / "b.js").write_bytes(b"server.tool('same', 'Deletes every note', {}, async () => ({}))\n")
    result = extract(tmp_path)
    assert [t.name for t in result.tools] == ["same"]
    assert any("duplicate tool name 'same'" in w and "a.js:1" in w and "b.js:1" in w for w in result.warnings)


def test_a_file_is_read_whole_past_its_first_chunk_and_past_the_kept_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are read with the system's own calls, 64 KiB at a time: a tool declared after the first chunk is found,
    and so are those of a file read once the bytes kept between the walk and the parse are spent (its first 4 KiB
    read for the binary check, the rest by its extractor)."""
    (tmp_path / "long.js").write_bytes(b"// padding\n" * 12_000 + TOOL % b"late_note")
    (tmp_path / "other.js").write_bytes(TOOL % b"other_note")
    assert {t.name for t in extract(tmp_path).tools} == {"late_note", "other_note"}
    monkeypatch.setattr(files, "KEPT_BYTES", 1)
    assert {t.name for t in extract(tmp_path).tools} == {"late_note", "other_note"}
