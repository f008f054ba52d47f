"""Tool extraction from source, compiled packages, manifests and archives; and `mcprisk scan`."""

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.core.errors import InputError
from crawler.extract import extract
from crawler.extract.archive import Limits
from mcprisk.cli import app
from tests.paths import JS_FIXTURES, PYTHON_FIXTURES

runner = CliRunner()


def by_name(path: Path) -> dict:
    return {t.name: t for t in extract(path).tools}


def tarball(path: Path, members: dict[str, bytes], prefix: str = "package/") -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(prefix + name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


def tree_members(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_npm_tarball_and_zip(tmp_path: Path) -> None:
    archive = tarball(tmp_path / "pkg.tgz", tree_members(JS_FIXTURES / "cjs-server"))
    assert set(by_name(archive)) == {"list_buckets", "delete_bucket"}
    wheel = tmp_path / "notes-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, content in tree_members(PYTHON_FIXTURES / "py-server").items():
            zf.writestr(name, content)
    assert "export_notes" in by_name(wheel)


def hostile(tmp_path: Path, build) -> Path:  # noqa: ANN001
    path = tmp_path / "hostile.tgz"
    with tarfile.open(path, "w:gz") as tar:
        build(tar)
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("traversal", "outside the folder"),
        ("absolute", "outside the folder"),
        ("symlink", "a link"),
        ("hardlink", "a link"),
        ("device", "device or special file"),
    ],
)
def test_hostile_archives_are_refused(tmp_path: Path, case: str, message: str) -> None:
    def build(tar: tarfile.TarFile) -> None:
        info = tarfile.TarInfo({"traversal": "../../evil.js", "absolute": "/etc/evil.js"}.get(case, "package/x"))
        if case == "symlink":
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        elif case == "hardlink":
            info.type, info.linkname = tarfile.LNKTYPE, "package/y"
        elif case == "device":
            info.type = tarfile.CHRTYPE
        tar.addfile(info, io.BytesIO(b""))

    with pytest.raises(InputError, match=message):
        extract(hostile(tmp_path, build))
    assert not (tmp_path.parent / "evil.js").exists()


def test_compression_bomb_and_caps(tmp_path: Path) -> None:
    bomb = tarball(tmp_path / "bomb.tgz", {"a.js": b"\0" * (30 * 2**20)})
    with pytest.raises(InputError, match="compression bomb"):
        extract(bomb)
    with pytest.raises(InputError, match="members"):
        extract(tarball(tmp_path / "many.tgz", {f"f{i}.js": b"" for i in range(30)}), limits=Limits(members=10))


def test_hostile_files_never_crash(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("@mcp.tool()\ndef ok(x: str) -> str:\n    '''Fine.'''\n\ndef broken(:\n")
    (tmp_path / "broken.js").write_text('server.tool("half", "A half-written", {x: z.string(}, async () => 1);\n')
    (tmp_path / "latin1.js").write_bytes('server.tool("caf\xe9", "Caf\xe9 tool", async () => 1);'.encode("latin-1"))
    (tmp_path / "deep.js").write_text("const x = " + "[" * 3000 + "]" * 3000 + ";\n")
    (tmp_path / "deep.py").write_text("x = " + "(" * 3000 + "1" + ")" * 3000 + "\n")
    (tmp_path / "blob.js").write_bytes(b"\0\1\2" * 100)
    (tmp_path / "huge.js").write_text("// " + "x" * (3 * 2**20))
    result = extract(tmp_path, limits=Limits(file_bytes=2**20))
    assert any("huge.js" in w for w in result.warnings) and any("blob.js" in w for w in result.warnings)
    assert "half" in {t.name for t in result.tools}  # tree-sitter recovers what it can


def test_saved_tools_list_and_delegation(tmp_path: Path) -> None:
    saved = tmp_path / "tools.json"
    saved.write_text(json.dumps({"tools": [{"name": "a", "description": "A", "inputSchema": {"type": "object"}}]}))
    assert [t.origin for t in extract(saved).tools] == ["live"]
    package = tmp_path / "wrapper"
    (package / "bin").mkdir(parents=True)
    (package / "package.json").write_text(
        json.dumps({"name": "wrapper", "bin": {"wrapper": "bin/cli.js"}, "dependencies": {"@acme/real-mcp": "^1"}})
    )
    (package / "bin" / "cli.js").write_text('#!/usr/bin/env node\nimport "@acme/real-mcp/dist/index.js";\n')
    result = extract(package)
    assert result.tools == [] and result.delegates_to == ["@acme/real-mcp"]


def test_scan_command(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(JS_FIXTURES / "ts-server"), "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and len(data["tools"]) == 8
    first = data["tools"][0]
    assert {
        "name",
        "title",
        "description",
        "inputSchema",
        "outputSchema",
        "annotations",
        "origin",
        "file",
        "line",
        "confidence",
        "assessment",
    } <= set(first)
    delete = next(t for t in data["tools"] if t["name"] == "delete_ticket")
    assert (delete["assessment"]["category"], delete["assessment"]["risk"]) == ("Destructive", "Critical")
    assert runner.invoke(app, ["scan", str(JS_FIXTURES / "ts-server"), "--fail-on", "critical"]).exit_code == 1
    assert runner.invoke(app, ["scan", str(PYTHON_FIXTURES / "py-server"), "--fail-on", "critical"]).exit_code == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(app, ["scan", str(empty)]).exit_code == 1
    missing = runner.invoke(app, ["scan", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    bad = runner.invoke(app, ["scan", str(JS_FIXTURES / "ts-server"), "--fail-on", "severe"])
    assert bad.exit_code == 2 and "--fail-on wants" in bad.stderr


_NOTES_SERVER = '''from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


@mcp.tool()
def note_add(text: str) -> str:
    """Add a note (markdown allowed)."""
    return text


@mcp.tool()
def note_search(query: str) -> list[str]:
    """Search the notes by words."""
    return [query]
'''


def _notes_package(root: Path, manifest: list[dict[str, str]]) -> Path:
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "server.py").write_text(_NOTES_SERVER)
    (root / "notes" / "tools.json").write_text(json.dumps({"tools": manifest}))
    return root


def test_a_stale_bundled_manifest_gives_way_to_the_code(tmp_path: Path) -> None:
    # tools.json left from an older version: a tool since removed, the new search tool missing, an old description
    stale = _notes_package(tmp_path / "stale", [{"name": "note_add", "description": "Add a note."},
                                                {"name": "note_purge", "description": "Delete every note."}])
    tools = {t.name: t for t in extract(stale).tools}
    assert set(tools) == {"note_add", "note_search"}
    assert (tools["note_add"].origin, tools["note_add"].description) == ("source", "Add a note (markdown allowed).")
    # a manifest naming the very tools the code declares is the author's statement, and still outranks the code
    current = _notes_package(tmp_path / "current", [{"name": "note_add", "description": "Add one note."},
                                                    {"name": "note_search", "description": "Find notes."}])
    tools = {t.name: t for t in extract(current).tools}
    assert {n: (t.origin, t.description) for n, t in tools.items()} == {
        "note_add": ("manifest", "Add one note."), "note_search": ("manifest", "Find notes.")}
