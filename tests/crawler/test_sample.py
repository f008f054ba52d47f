"""`mcprisk crawl --sample`: the bundled corpus served on 127.0.0.1 and crawled through the real spiders."""

import json
import os
import sqlite3
import tarfile
from pathlib import Path

import pytest

from crawler.corpus.serve import SAMPLE_DIR, Corpus, preferred_port, serving
from tests.cli import mcprisk
from tests.conftest import KREA_FILE

# Where each sample server's tools come from: the language and declaration pattern its source uses.
EXPECTED = {
    "acme-labs-notes-mcp": {"list_notes", "get_note", "search_notes", "create_note", "update_note", "delete_note"},
    "paystream-payments-mcp": {"createPayment", "refundPayment", "listTransactions", "getBalance"},
    "quickcalc-calculator-mcp": {"add", "multiply"},
    "keugenek-krea-mcp": {t["name"] for t in json.loads(KREA_FILE.read_text())["tools"]},
    "shellcraft-shell-mcp": {"run_command", "read_file", "write_file"},
    "webfetch-tools-fetch-mcp": {"fetch_url", "screenshot_page"},
    "oldtools-legacy-mail-mcp": {"send_email", "read_inbox"},
    "cloudops-k8s-mcp": {"list_pods", "scale_deployment", "exec_in_pod", "delete_namespace"},
}
NOWHERE = "http://192.0.2.1:9"  # TEST-NET-1: reaching for it would fail the crawl


def test_crawl_sample_through_every_spider_without_the_users_configuration(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCPRISK_")}
    env.update(
        npm_config_registry=NOWHERE,  # the user's npm and pip configuration, a proxy and a token: all ignored
        PIP_INDEX_URL=f"{NOWHERE}/simple",
        http_proxy=NOWHERE,
        HTTP_PROXY=NOWHERE,
        GITHUB_TOKEN="the-users-token",
    )
    result = mcprisk("crawl", "--sample", "--db", "c.db", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    sources = json.loads(result.stdout)
    assert list(sources) == ["registry", "npm", "pypi", "awesome", "github"]
    assert all(s["status"] == "ok" for s in sources.values()), sources
    assert sources["registry"]["pages"] == 3 and sources["registry"]["servers_new"] == 8
    assert (sources["npm"]["artifacts"], sources["pypi"]["artifacts"], sources["github"]["artifacts"]) == (4, 3, 1)

    with sqlite3.connect(tmp_path / "c.db") as db:
        rows = db.execute("SELECT s.slug, t.name, t.source_file FROM tool t JOIN server s ON s.id = t.server_id")
        found: dict[str, set[str]] = {}
        files: dict[str, set[str]] = {}
        for slug, name, file in rows:
            found.setdefault(slug, set()).add(name)
            files.setdefault(slug, set()).add(file)
        krea = {
            name: json.loads(definition)
            for name, definition in db.execute(
                "SELECT t.name, v.definition FROM toolversion v JOIN tool t ON t.id = v.tool_id "
                "JOIN server s ON s.id = t.server_id WHERE s.slug = 'keugenek-krea-mcp'"
            )
        }
        urls = [url for (url,) in db.execute("SELECT url FROM validator")]
    assert found == EXPECTED
    # From the published packages (the compiled JavaScript npm ships, the sdist's Python), and for the Go server,
    # published only as a repository, from the GitHub archive.
    assert files["acme-labs-notes-mcp"] == files["paystream-payments-mcp"] == {"dist/index.js"}
    assert files["shellcraft-shell-mcp"] == {"src/shellcraft_mcp/server.py"}
    assert files["cloudops-k8s-mcp"] == {"internal/tools/tools.go"}
    # The Krea server's tools are exactly its 9 real definitions.
    real = {
        t["name"]: {k: t[k] for k in ("name", "description", "inputSchema")}
        for t in json.loads(KREA_FILE.read_text())["tools"]
    }
    assert krea == real
    assert urls and all(url.startswith("http://127.0.0.1:") for url in urls)


def test_artifacts_are_built_deterministically_and_follow_the_sources(tmp_path: Path) -> None:
    first, again = Corpus(SAMPLE_DIR), Corpus(SAMPLE_DIR)
    assert first.npm_tarball("@acme-labs/notes-mcp") == again.npm_tarball("@acme-labs/notes-mcp")
    assert first.sdist("shellcraft-mcp") == again.sdist("shellcraft-mcp")
    (tmp_path / "n.tgz").write_bytes(first.npm_tarball("@acme-labs/notes-mcp"))
    with tarfile.open(tmp_path / "n.tgz") as tar:  # what npm publishes: the "files" of package.json
        assert sorted(tar.getnames()) == [
            "package/README.md",
            "package/dist/index.js",
            "package/dist/notes.js",
            "package/package.json",
        ]
    with serving() as server:
        page = first.answer(server.base, "/npm/@acme-labs%2Fnotes-mcp", {})
        assert json.loads(page.body)["versions"]["2.1.0"]["dist"]["tarball"].startswith(server.base)
        missing = first.answer(server.base, "/npm/left-pad", {})
        assert missing.status == 404


def test_a_catalogue_gets_its_port_back_while_another_folders_catalogue_is_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two working folders' default ``sqlite:///mcprisk.db`` are two catalogues: while one's corpus is served (another
    nightly, another test worker), the other's next crawl still gets the port its validators were stored under."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    theirs.mkdir()
    default = "sqlite:///mcprisk.db"
    monkeypatch.chdir(ours)
    assert preferred_port(SAMPLE_DIR, default) == preferred_port(SAMPLE_DIR, f"sqlite:///{ours / 'mcprisk.db'}")
    with serving(catalogue=default) as first_night:
        base = first_night.base
    monkeypatch.chdir(theirs)
    with serving(catalogue=default):
        monkeypatch.chdir(ours)
        with serving(catalogue=default) as second_night:
            assert second_night.base == base
