"""The awesome spider: list entries parsed, then discovered repositories crawled by the github spider."""

import json
import os
import pty
import sqlite3
import subprocess
from pathlib import Path

from catalog.core.records import ServerRecord
from catalog.database import open_engine
from catalog.store import Store
from crawler.spiders.awesome import parse_awesome
from tests.cli import CLI
from tests.conftest import SHARED_DATA
from tests.crawler.test_github import MONO, NOTES, GitHub, repo, tools
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve

LIST = """# Awesome MCP Servers

- [What is MCP?](#what-is-mcp)
- [Server Implementations](#server-implementations)

## Notes

- [acme/notes](https://github.com/acme/notes) 🐍 🏠 - Keep notes, with [a link](https://example.com) inside.
- [Acme Mono](https://github.com/Acme/Mono/) 📇 ☁️ A monorepo of servers, no dash before this.
- [elementfm/mcp](https://gitlab.com/elementfm/mcp) 🐍 - On GitLab, not GitHub.
- [vendor](https://docs.vendor.example/mcp) ☁️ - A vendor's page.

## Again

- [acme/notes](https://github.com/acme/notes.git) 🐍 - Listed a second time.
- [acme/sub](https://github.com/acme/tools/tree/main/servers/sub) 🏎️ 🐧- Go server in a subfolder.
  - [nested/one](https://github.com/nested/one) - A nested entry.
- Not a link: https://github.com/plain/text
"""


def test_entries_with_and_without_dash_duplicates_and_foreign_links() -> None:
    entries = parse_awesome(LIST)
    assert [e.repository for e in entries] == [
        "github.com/acme/notes",
        "github.com/acme/mono",
        "github.com/acme/tools/servers/sub",
        "github.com/nested/one",
    ]
    notes, mono, sub, nested = entries
    assert notes.description == "Keep notes, with a link inside." and notes.badges == ["🐍", "🏠"]
    assert mono.description == "A monorepo of servers, no dash before this." and mono.badges == ["📇", "☁️"]
    assert sub.description == "Go server in a subfolder." and sub.badges == ["🏎️", "🐧"]
    assert nested.description == "A nested entry." and nested.badges == []


def test_the_real_list() -> None:
    entries = parse_awesome((SHARED_DATA / "awesome-mcp-servers-README.md").read_text())
    keys = [e.repository for e in entries]
    assert len(keys) > 1000 and len(set(keys)) == len(keys)
    assert all(k.startswith("github.com/") and k.count("/") >= 2 for k in keys)
    assert sum(1 for e in entries if e.description) > 0.95 * len(entries)
    assert not any(e.description and e.description.startswith(("-", "–")) for e in entries)


class Awesome(Upstream):
    text = LIST

    def answer(self, path: str) -> Answer:
        return Answer(200, Awesome.text.encode()) if path == "/README.md" else Answer(404, b"")


def test_discovery_then_github(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store(open_engine(f"sqlite:///{db}")).upsert_server(
        ServerRecord(
            registry_name="io.github.acme/notes",
            repository_url="https://github.com/acme/notes",
            description="Notes, as its author describes it",
        ),
        "registry",
    )
    GitHub.repos = {"acme/notes": repo("acme/notes"), "acme/mono": repo("acme/mono")}
    GitHub.archives = {"acme/notes": NOTES, "acme/mono": MONO}
    GitHub.faults = {}
    with serve(Awesome) as awesome, serve(GitHub) as github:
        args = ("--source", "github,awesome", "--awesome-url", f"{awesome}/README.md", "--github-api-url", github)
        code, summary, stderr = mcprisk_crawl(db, *args)
        assert code == 0, stderr
        assert list(summary) == ["awesome", "github"]  # discovery first, whatever the order asked
        assert summary["awesome"]["servers_new"] == 3 and summary["awesome"]["servers_updated"] == 1
        # the two repositories GitHub knows were read; the two it does not were left as they were
        assert summary["github"]["metadata"] == 2 and summary["github"]["repos_missing"] == 2
        Awesome.seen = []
        code, again, _ = mcprisk_crawl(db, *args)
        asked = Awesome.seen
    assert code == 0 and again["awesome"] == {"status": "ok", "not_modified": 1}  # the list is asked conditionally
    assert len(asked) == 1 and asked[0].headers.get("if-none-match")
    assert again["github"]["not_modified"] == 2
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT repository_url, description, sources, extra FROM server ORDER BY id").fetchall()
    by_url = {url: (description, json.loads(sources), json.loads(extra)) for url, description, sources, extra in rows}
    assert len(rows) == 4  # acme/notes merged with the registry's server, by repository URL
    notes = by_url["github.com/acme/notes"]
    assert notes[0] == "Notes, as its author describes it"  # the registry's word stands
    assert notes[1] == ["awesome", "github", "registry"] and notes[2]["awesome_badges"] == ["🐍", "🏠"]
    assert by_url["github.com/acme/mono"][0] == "acme/mono from GitHub"  # GitHub outranks the list
    assert by_url["github.com/nested/one"][0] == "A nested entry."
    found = tools(db)
    assert found[None] and found["io.github.acme/notes"]


def test_file_url(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(LIST, encoding="utf-8")
    code, summary, stderr = mcprisk_crawl(tmp_path / "c.db", "--source", "awesome", "--awesome-url", readme.as_uri())
    assert code == 0 and summary["awesome"]["servers_new"] == 4, stderr


def test_a_page_without_entries_fails_the_source(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Not a list\n\nNothing here.\n", encoding="utf-8")
    code, summary, _ = mcprisk_crawl(tmp_path / "c.db", "--source", "awesome", "--awesome-url", readme.as_uri())
    assert code == 4 and summary["awesome"]["status"] == "failed"


def test_live_progress_on_a_terminal_only(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(LIST, encoding="utf-8")
    args = ["crawl", "--db", str(tmp_path / "c.db"), "--source", "awesome", "--awesome-url", readme.as_uri()]
    command = [*CLI, *args]
    leader, terminal = pty.openpty()
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, text=True, timeout=120)
    finally:
        os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert result.returncode == 0
    assert b"awesome" in shown and b"4 servers (4 new, 0 updated)" in shown  # live, on the terminal
    # piped standard output: the summary as tab-separated lines, no progress mixed in
    assert result.stdout.splitlines()[0].split("\t")[:3] == ["source", "status", "servers new"]
    assert result.stdout.splitlines()[1].split("\t")[:3] == ["awesome", "ok", "4"]
