"""A real crawl of a fixture PyPI: shims that hand over to a dependency get that dependency's tools."""

import os
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from tests.crawler.extract.python.test_delegation import SHIMS, sdist, wheel
from tests.crawler.test_packages import EVIL, SDIST
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve


def release(base: str, version: str, filename: str, requires: list[str]) -> dict[str, object]:
    kind = "bdist_wheel" if filename.endswith(".whl") else "sdist"
    return {
        "info": {"version": version, "summary": "Notes", "requires_dist": requires},
        "urls": [{"packagetype": kind, "filename": filename, "url": f"{base}/files/{filename}"}],
    }


class Shims(Upstream):
    """The registry names two shims (a wheel pinning its dependency, an sdist with a README) and a server whose
    README lists its tools and whose code imports a mere library; only notes-mcp declares tools in code."""

    files: dict[str, bytes] = {}

    def answer(self, path: str) -> Answer:
        url = urlsplit(path).path
        if url == "/v0.1/servers":
            servers = [
                {
                    "name": "io.github.acme/launcher",
                    "packages": [{"registryType": "pypi", "identifier": "notes-launcher", "version": "1.0"}],
                },
                {"name": "io.github.acme/runner", "packages": [{"registryType": "pypi", "identifier": "notes-runner"}]},
                {"name": "io.github.acme/keeper", "packages": [{"registryType": "pypi", "identifier": "notes-keeper"}]},
                {"name": "io.github.acme/guard", "packages": [{"registryType": "pypi", "identifier": "notes-guard"}]},
            ]
            return Answer(200, {"servers": [{"server": s} for s in servers], "metadata": {}})
        launcher = ["mcp>=1.2", "Notes.MCP==1.0", "unused-helper>=2", 'pytest>=8; extra == "dev"']
        documents = {
            "/pypi/notes-launcher/1.0/json": release(self.base, "1.0", "notes_launcher-1.0-py3-none-any.whl", launcher),
            "/pypi/notes-runner/json": release(self.base, "2.0", "notes_runner-2.0.tar.gz", ["notes-mcp", "httpx"]),
            "/pypi/Notes.MCP/1.0/json": release(self.base, "1.0", "notes_mcp-1.0.tar.gz", []),
            "/pypi/notes-mcp/json": release(self.base, "1.0", "notes_mcp-1.0.tar.gz", []),
            "/pypi/notes-keeper/json": release(self.base, "3.0", "notes_keeper-3.0.tar.gz", ["httpx"]),
            "/pypi/httpx/json": release(self.base, "0.28", "httpx-0.28.tar.gz", []),
            "/pypi/notes-guard/json": release(self.base, "1.0", "notes_guard-1.0.tar.gz", ["evil-lib"]),
            "/pypi/evil-lib/json": release(self.base, "6.6", "evil_lib-6.6.tar.gz", []),
        }
        if url in documents:
            return Answer(200, documents[url])
        if url.startswith("/files/") and url.removeprefix("/files/") in Shims.files:
            return Answer(200, Shims.files[url.removeprefix("/files/")])
        return Answer(404, b"")


def package(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_python_shims_are_followed_into_their_dependency(tmp_path: Path) -> None:
    runner = sdist(SHIMS / "module-launcher", tmp_path / "r.tgz", "notes_runner-2.0")
    keeper = package(
        tmp_path / "keeper",
        {
            "PKG-INFO": "Metadata-Version: 2.1\nName: notes-keeper\nRequires-Dist: httpx\n\n",
            "setup.cfg": "[options.entry_points]\nconsole_scripts =\n    keeper = keeper:main\n",
            "keeper.py": "import httpx\n\n\ndef main():\n    httpx.get('http://127.0.0.1:1')\n",
            "README.md": "# Keeper\n\n## Tools\n\n- `keep_note` - Keep a note\n",
        },
    )
    guard = package(
        tmp_path / "guard",
        {
            "PKG-INFO": "Metadata-Version: 2.1\nName: notes-guard\nRequires-Dist: evil-lib\n\n",
            "guard/__main__.py": "from evil_lib import run\n\nrun()\n",
            "README.md": "# Guard\n\n## Tools\n\n- `guard_note` - Guard a note\n",
        },
    )
    library = package(tmp_path / "httpx", {"PKG-INFO": "Metadata-Version: 2.1\nName: httpx\n\n", "httpx.py": "X = 1\n"})
    Shims.files = {
        "notes_launcher-1.0-py3-none-any.whl": wheel(SHIMS / "console-script", tmp_path / "l.whl").read_bytes(),
        "notes_runner-2.0.tar.gz": runner.read_bytes(),
        "notes_mcp-1.0.tar.gz": SDIST,
        "notes_keeper-3.0.tar.gz": sdist(keeper, tmp_path / "k.tgz", "notes_keeper-3.0").read_bytes(),
        "httpx-0.28.tar.gz": sdist(library, tmp_path / "h.tgz", "httpx-0.28").read_bytes(),
        "notes_guard-1.0.tar.gz": sdist(guard, tmp_path / "g.tgz", "notes_guard-1.0").read_bytes(),
        "evil_lib-6.6.tar.gz": EVIL,
    }
    db = tmp_path / "c.db"
    with serve(Shims) as base:
        env = {**os.environ, "MCPRISK_REGISTRY_URL": base, "MCPRISK_PYPI_URL": base}
        code, summary, stderr = mcprisk_crawl(db, "--source", "registry,pypi", env=env)
        asked = sorted(s.path for s in Shims.seen if s.path.startswith("/pypi/"))
    assert code == 0, stderr
    # The launcher's exact pin is followed, as METADATA spells the name; the runner's unpinned one at its latest.
    assert asked == [
        "/pypi/Notes.MCP/1.0/json",
        "/pypi/evil-lib/json",
        "/pypi/httpx/json",
        "/pypi/notes-guard/json",
        "/pypi/notes-keeper/json",
        "/pypi/notes-launcher/1.0/json",
        "/pypi/notes-mcp/json",
        "/pypi/notes-runner/json",
    ]
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT s.registry_name, t.name, t.origin FROM tool t JOIN server s ON s.id = t.server_id"
        ).fetchall()
        servers = conn.execute("SELECT count(*), count(repository_url) FROM server").fetchone()
    notes = {"list_notes", "add_note", "tag-note", "export_notes"}
    for server in ("io.github.acme/launcher", "io.github.acme/runner"):
        found = {name for registry_name, name, _ in rows if registry_name == server}
        assert notes <= found, server
    # The runner's README listed a tool its dependency does not have: the code's tools replaced the README's.
    assert "delete_everything" not in {name for _, name, _ in rows}
    # The keeper imports a mere library: followed into it, nothing found there, so its README's list stands.
    assert {(name, origin) for server, name, origin in rows if server == "io.github.acme/keeper"} == {
        ("keep_note", "readme")
    }
    # The guard's only dependency is a hostile archive, refused: its README's list stands too.
    assert {(name, origin) for server, name, origin in rows if server == "io.github.acme/guard"} == {
        ("guard_note", "readme")
    }
    assert {origin for server, _, origin in rows if not server.endswith(("keeper", "guard"))} == {"source"}
    assert servers == (4, 0)  # the dependencies are no servers of their own, and their repositories not the shims'
