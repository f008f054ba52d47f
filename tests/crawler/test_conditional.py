"""A second npm and PyPI crawl with nothing changed upstream: a pinned version already read is not asked at all,
an unpinned one costs one conditional request (a 304); a bump, a refusal, a failure or ``--full`` are read again."""

import json
import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.extract import VERSION as EXTRACTOR_VERSION
from crawler.spiders.package_reads import read_marker, wanted
from tests.crawler.test_github import snapshot, targz, tools, tree
from tests.paths import JS_FIXTURES, PYTHON_FIXTURES
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve

BUCKETS = targz(tree("package", {"": JS_FIXTURES / "cjs-server"}))
NOTES = targz(tree("notes_mcp-1.0", {"": PYTHON_FIXTURES / "py-server"}))
EVIL = targz({"../../escape.js": b"boom"})


def packument(base: str, name: str, versions: dict[str, str], latest: str, **more: Any) -> dict[str, Any]:
    """An npm packument whose versions' tarballs are at the given fixture paths."""
    return {
        "name": name,
        "dist-tags": {"latest": latest},
        "versions": {v: {"version": v, "dist": {"tarball": f"{base}{path}"}} for v, path in versions.items()},
        **more,
    }


class Registries(Upstream):
    """The MCP Registry, an npm registry and PyPI in one: one server per package, all but buckets pinned."""

    pinned = "2.0.0"  # the version of @acme/pinned the registry names
    modified = ""  # changes the packuments' bodies (their ETags) without changing any version

    def answer(self, path: str) -> Answer:
        url = urlsplit(path)
        if url.path == "/v0.1/servers":
            servers = [
                {
                    "name": "io.github.acme/buckets",
                    "packages": [{"registryType": "npm", "identifier": "@acme/buckets"}],
                },
                {
                    "name": "io.github.acme/pinned",
                    "packages": [{"registryType": "npm", "identifier": "@acme/pinned", "version": self.pinned}],
                },
                {
                    "name": "io.github.acme/evil",
                    "packages": [{"registryType": "npm", "identifier": "evil-mcp", "version": "6.6.6"}],
                },
                {
                    "name": "io.github.acme/notes",
                    "packages": [{"registryType": "pypi", "identifier": "notes-mcp", "version": "1.0"}],
                },
            ]
            return Answer(200, {"servers": [{"server": s} for s in servers], "metadata": {}}, cacheable=False)
        npm = {
            "/@acme/buckets": packument(self.base, "@acme/buckets", {"2.0.0": "/files/b.tgz"}, "2.0.0"),
            "/@acme/pinned": packument(
                self.base,
                "@acme/pinned",
                {"2.0.0": "/files/b.tgz", "2.1.0": "/files/b-2.1.0.tgz"},
                "2.1.0",
                note=self.modified,
            ),
            "/evil-mcp": packument(self.base, "evil-mcp", {"6.6.6": "/files/evil.tgz"}, "6.6.6"),
        }
        if unquote(url.path) in npm:
            return Answer(200, npm[unquote(url.path)])
        if url.path == "/pypi/notes-mcp/1.0/json":
            sdist = {"packagetype": "sdist", "filename": "notes_mcp-1.0.tar.gz", "url": f"{self.base}/files/n.tar.gz"}
            return Answer(200, {"info": {"version": "1.0", "summary": "Notes", "license": "MIT"}, "urls": [sdist]})
        files = {
            "/files/b.tgz": BUCKETS,
            "/files/b-2.1.0.tgz": BUCKETS,
            "/files/evil.tgz": EVIL,
            "/files/n.tar.gz": NOTES,
        }
        if url.path in files:
            return Answer(200, files[url.path], cacheable=False)
        return Answer(404, b"")


def crawl(db: Path, base: str, *args: str, sources: str = "registry,npm,pypi", **env: str) -> dict[str, Any]:
    urls = {"MCPRISK_REGISTRY_URL": base, "MCPRISK_NPM_REGISTRY_URL": base, "MCPRISK_PYPI_URL": base, **env}
    code, summary, stderr = mcprisk_crawl(db, "--source", sources, *args, env={**os.environ, **urls})
    assert code == 0, stderr
    return summary


def asked(prefix: str = "/") -> list[str]:
    return sorted(s.path for s in Registries.seen if s.path.startswith(prefix) and not s.path.startswith("/v0.1/"))


def test_second_crawl_skips_pinned_versions_already_read(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Registries.pinned, Registries.modified = "2.0.0", ""
    with serve(Registries) as base:
        first = crawl(db, base)
        assert first["npm"]["artifacts"] == 2 and first["npm"]["artifacts_refused"] == 1
        assert first["pypi"]["artifacts"] == 1
        assert set(tools(db)) == {"io.github.acme/buckets", "io.github.acme/pinned", "io.github.acme/notes"}
        before = snapshot(db)
        Registries.seen = []
        second = crawl(db, base)
    # Pinned and read: no request at all. Unpinned: one conditional request. Refused as hostile: asked again.
    assert second["pypi"] == {"status": "ok", "servers_unchanged": 1, "skipped_by_version": 1}
    assert second["npm"]["skipped_by_version"] == 1 and second["npm"]["not_modified"] == 1
    assert asked() == ["/@acme%2Fbuckets", "/evil-mcp", "/files/evil.tgz"]
    buckets = next(s for s in Registries.seen if s.path == "/@acme%2Fbuckets")
    assert buckets.headers.get("if-none-match")
    assert snapshot(db) == before


def test_version_bump_is_fetched_and_full_fetches_all(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Registries.pinned, Registries.modified = "2.0.0", ""
    with serve(Registries) as base:
        crawl(db, base)
        Registries.pinned, Registries.seen = "2.1.0", []
        bumped = crawl(db, base)
        assert "/files/b-2.1.0.tgz" in asked("/files/") and bumped["npm"]["artifacts_refused"] == 1
        Registries.seen = []
        crawl(db, base)
        assert "/@acme%2Fpinned" not in asked()  # 2.1.0 is read now
        Registries.seen = []
        full = crawl(db, base, "--full", sources="npm,pypi")
        assert asked("/files/") == ["/files/b-2.1.0.tgz", "/files/b.tgz", "/files/evil.tgz", "/files/n.tar.gz"]
    assert full["npm"]["artifacts"] == 2 and full["pypi"]["artifacts"] == 1 and "skipped_by_version" not in full["npm"]
    assert not any(s.headers.get("if-none-match") for s in Registries.seen)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM validator").fetchone() == (3,)  # evil-mcp's never: never stored
    assert json.dumps(full)  # plain JSON for scripts


def test_what_an_older_extraction_read_is_read_again(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Registries.pinned, Registries.modified = "2.0.0", ""
    with serve(Registries) as base:
        crawl(db, base)
        before = {t: rows for t, rows in snapshot(db).items() if t in ("tool", "toolversion")}
        with sqlite3.connect(db) as conn:  # as if an extractor before this one had read them
            conn.execute("UPDATE server SET extra = json_set(extra, '$.npm_extractor', '1', '$.pypi_extractor', '1')")
        Registries.seen = []
        again = crawl(db, base)
    # Nothing skipped by version, nothing asked "changed since?": every artifact is read again, by this extraction
    assert asked("/files/") == ["/files/b.tgz", "/files/b.tgz", "/files/evil.tgz", "/files/n.tar.gz"]  # b: two servers
    assert not any(s.headers.get("if-none-match") for s in Registries.seen)
    assert "skipped_by_version" not in again["npm"] and again["pypi"]["artifacts"] == 1
    after = {t: rows for t, rows in snapshot(db).items() if t in ("tool", "toolversion")}
    assert after == before  # the same tools and definitions: nothing changed, nothing lost (only when it was read)
    with sqlite3.connect(db) as conn:
        extras = [json.loads(e) for (e,) in conn.execute("SELECT extra FROM server")]
    marks = [x[f"{r}_extractor"] for x in extras for r in ("npm", "pypi") if f"{r}_read" in x]
    assert marks == [EXTRACTOR_VERSION] * 3  # buckets, pinned, notes (evil-mcp is refused, so never marked read)


def test_tarball_over_the_size_cap_is_not_downloaded_again(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Registries.pinned, Registries.modified = "2.0.0", ""
    cap = str(len(BUCKETS) - 1)
    with serve(Registries) as base:
        first = crawl(db, base, sources="registry,npm", MCPRISK_ARTIFACT_MAX_BYTES=cap)
        assert first["npm"]["artifacts_refused"] >= 2  # both buckets tarballs (and the hostile one)
        Registries.modified, Registries.seen = "a new description", []  # the packument moved, not the version
        second = crawl(db, base, sources="npm", MCPRISK_ARTIFACT_MAX_BYTES=cap)
    assert "/@acme%2Fpinned" in asked() and "/files/b.tgz" not in asked()
    assert second["npm"]["artifacts_skipped"] == 1
    with sqlite3.connect(db) as conn:
        extra = conn.execute("SELECT extra FROM server WHERE registry_name = 'io.github.acme/pinned'").fetchone()[0]
    assert json.loads(extra)["npm_read"] == "@acme/pinned@2.0.0"


def test_a_package_on_two_servers_is_skipped_only_when_read_for_both() -> None:
    read = read_marker("npm", "pkg", "1.0.0")
    both = wanted("npm", [("pkg", "1.0.0", read, True), ("pkg", "1.0.0", read, True)], full=False)
    one = wanted("npm", [("pkg", "1.0.0", read, True), ("pkg", "1.0.0", {}, True)], full=False)
    other = wanted("npm", [("pkg", "1.0.0", read_marker("npm", "pkg-two", "1.0.0"), True)], full=False)
    older = wanted("npm", [("pkg", "1.0.0", {**read, "npm_extractor": "1"}, True)], full=False)  # an older extraction
    assert [w.unchanged for w in both + one + other + older] == [True, False, False, False]
    assert not wanted("npm", [("pkg", "1.0.0", read, True)], full=True)[0].unchanged
    assert not wanted("npm", [("pkg", "1.0.0", read, False)], full=False)[0].unchanged  # no tools: asked again
