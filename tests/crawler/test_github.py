"""The github spider: a real Scrapy crawl against a GitHub API served on 127.0.0.1 from fixture repositories."""

import io
import json
import os
import signal
import sqlite3
import subprocess
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog.core.records import ServerRecord
from catalog.database import open_engine
from catalog.store import Store
from tests.cli import CLI
from tests.crawler.test_packages import npm_tarball as targz
from tests.paths import JS_FIXTURES, PYTHON_FIXTURES
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve

PY_TOOLS = {"list_notes", "add_note", "tag-note", "export_notes", "archive_note", "delete_note"}
JS_TOOLS = {"list_buckets", "delete_bucket"}


def tree(top: str, folders: dict[str, Path]) -> dict[str, bytes]:
    """Archive members: each fixture folder copied under ``top/<prefix>``, as GitHub's tarballs nest them."""
    members = {f"{top}/README.md": b"# fixture\n"}
    for prefix, folder in folders.items():
        for path in folder.rglob("*"):
            if path.is_file():
                members[f"{top}/{prefix}{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return members


def symlink(name: str, target: str) -> bytes:
    """A gzipped tar holding one symbolic link."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo(name)
        info.type, info.linkname = tarfile.SYMTYPE, target
        tar.addfile(info)
    return buffer.getvalue()


NOTES = targz(tree("acme-notes-1a2b3c", {"": PYTHON_FIXTURES / "py-server"}))
MONO = targz(
    tree(
        "acme-mono-4d5e6f",
        {"servers/buckets/": JS_FIXTURES / "cjs-server", "servers/notes/": PYTHON_FIXTURES / "py-server"},
    )
)
TRAVERSAL = targz({"acme-notes-9/../../escape.py": b"print('out')\n"})
SYMLINK = symlink("acme-notes-9/passwd", "/etc/passwd")


def repo(name: str, pushed: str = "2026-11-01T10:00:00Z", stars: int = 42) -> dict[str, Any]:
    return {
        "full_name": name,
        "description": f"{name} from GitHub",
        "stargazers_count": stars,
        "license": {"key": "mit", "spdx_id": "MIT"},
        "pushed_at": pushed,
        "archived": False,
        "default_branch": "main",
        "topics": ["mcp", "notes"],
    }


class GitHub(Upstream):
    """Repositories acme/notes (a Python server) and acme/mono (two servers in subfolders); faults on demand."""

    repos: dict[str, dict[str, Any]] = {}
    archives: dict[str, bytes] = {}
    faults: dict[str, list[Answer | Callable[[], Answer]]] = {}  # path -> answers given, in turn, before the real one
    held: dict[str, threading.Event] = {}  # path -> answered only once the event is set

    def answer(self, path: str) -> Answer:
        if path in GitHub.held:
            GitHub.held[path].wait(60)
        if GitHub.faults.get(path):
            fault = GitHub.faults[path].pop(0)
            return fault() if callable(fault) else fault
        parts = path.strip("/").split("/")
        if parts[0] != "repos" or len(parts) < 3:
            return Answer(404, {"message": "Not Found"})
        name = f"{parts[1]}/{parts[2]}"
        if name not in GitHub.repos:
            return Answer(404, {"message": "Not Found"})
        if len(parts) == 3:
            return Answer(200, GitHub.repos[name])
        if parts[3] == "readme":
            return Answer(200, f"# {name}\n\nNotes for agents.\n".encode())
        if parts[3] == "tarball" and parts[4:] == ["main"]:
            return Answer(200, GitHub.archives[name], {"Content-Type": "application/x-gzip"}, cacheable=False)
        return Answer(404, {"message": "Not Found"})


@pytest.fixture
def github() -> Iterator[str]:
    GitHub.repos = {"acme/notes": repo("acme/notes"), "acme/mono": repo("acme/mono", stars=7)}
    GitHub.archives = {"acme/notes": NOTES, "acme/mono": MONO}
    GitHub.faults, GitHub.held = {}, {}
    with serve(GitHub) as url:
        yield url
    for event in GitHub.held.values():
        event.set()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A catalogue where the registry already named three servers in two GitHub repositories."""
    path = tmp_path / "c.db"
    store = Store(open_engine(f"sqlite:///{path}"))
    servers = [
        ("io.github.acme/notes", "https://github.com/Acme/notes.git", "Notes, as its author describes it"),
        ("io.github.acme/buckets", "https://github.com/acme/mono/tree/main/servers/buckets", None),
        ("io.github.acme/mono-notes", "https://github.com/acme/mono/tree/main/servers/notes", None),
    ]
    for name, url, description in servers:
        store.upsert_server(ServerRecord(registry_name=name, repository_url=url, description=description), "registry")
    return path


def crawl(url: str, db: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    code, summary, stderr = mcprisk_crawl(
        db, "--source", "github", "--github-api-url", url, *extra, env={**env, "GITHUB_TOKEN": "t0ken"}
    )
    return code, summary.get("github", {}), stderr


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the catalogue holds but the crawl-run log."""
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("server", "package", "tool", "toolversion", "validator")
        }


def tools(db: Path) -> dict[str, set[str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT s.registry_name, t.name FROM tool t JOIN server s ON s.id = t.server_id WHERE NOT t.removed"
        )
        found: dict[str, set[str]] = {}
        for server, tool in rows:
            found.setdefault(server, set()).add(tool)
        return found


def validated(db: Path, path: str) -> bool:
    """The ETag of ``path`` is saved: it is saved just after its server, so a kill can land in between."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT 1 FROM validator WHERE url LIKE ?", (f"%{path}",)).fetchone() is not None


def paths(kind: str) -> list[str]:
    return [s.path for s in GitHub.seen if s.path.endswith(kind) or f"/{kind}/" in s.path]


def test_metadata_readme_archive_and_tools(github: str, db: Path) -> None:
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "ok", stderr
    assert stats["servers_updated"] == 3 and stats["metadata"] == 2 and stats["artifacts"] == 3
    assert len(paths("tarball")) == 2  # one download per repository, however many servers it holds
    assert tools(db) == {
        "io.github.acme/notes": PY_TOOLS,
        "io.github.acme/buckets": JS_TOOLS,
        "io.github.acme/mono-notes": PY_TOOLS,
    }
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        notes = conn.execute("SELECT * FROM server WHERE registry_name = 'io.github.acme/notes'").fetchone()
    extra = json.loads(notes["extra"])
    assert (notes["stars"], notes["license"]) == (42, "MIT")
    assert notes["description"] == "Notes, as its author describes it"  # the registry's word outranks GitHub's
    assert json.loads(notes["sources"]) == ["github", "registry"]
    assert extra["pushed_at"] == extra["archive_pushed_at"] == "2026-11-01T10:00:00Z"
    assert extra["topics"] == ["mcp", "notes"] and extra["default_branch"] == "main" and not extra["archived"]
    assert extra["readme"].startswith("# acme/notes")
    assert all(s.headers.get("authorization") == "Bearer t0ken" for s in GitHub.seen)


def test_second_crawl_is_answered_by_304s_and_changes_nothing(github: str, db: Path) -> None:
    crawl(github, db)
    before = snapshot(db)
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and stats["status"] == "ok"
    assert stats["not_modified"] == 2 and stats["servers_unchanged"] == 3
    assert not any(k in stats for k in ("servers_new", "servers_updated", "artifacts", "metadata"))
    assert [s.path for s in GitHub.seen] == ["/repos/acme/mono", "/repos/acme/notes"] or sorted(
        s.path for s in GitHub.seen
    ) == ["/repos/acme/mono", "/repos/acme/notes"]
    assert all(s.headers.get("if-none-match") for s in GitHub.seen)  # one conditional request per repository
    assert snapshot(db) == before


def test_pushed_at_moved_fetches_the_archive_again(github: str, db: Path) -> None:
    crawl(github, db)
    GitHub.repos["acme/notes"] = repo("acme/notes", pushed="2026-11-20T08:00:00Z", stars=43)
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and stats["not_modified"] == 1 and stats["servers_updated"] == 1
    assert paths("tarball") == ["/repos/acme/notes/tarball/main"]
    GitHub.repos["acme/notes"] = repo("acme/notes", pushed="2026-11-20T08:00:00Z", stars=44)  # starred, not pushed
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and stats["servers_updated"] == 1 and paths("tarball") == []
    GitHub.seen = []
    code, stats, _ = crawl(github, db, "--full")  # everything again, archives included, none conditional
    assert code == 0 and len(paths("tarball")) == 2 and not any(s.headers.get("if-none-match") for s in GitHub.seen)


def test_an_archive_an_older_extraction_read_is_read_again(github: str, db: Path) -> None:
    crawl(github, db)
    before = tools(db)
    with sqlite3.connect(db) as conn:  # as if an extractor before this one had read acme/notes' archive
        conn.execute(
            "UPDATE server SET extra = json_set(extra, '$.archive_extractor', '1')"
            " WHERE registry_name = 'io.github.acme/notes'"
        )
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and paths("tarball") == ["/repos/acme/notes/tarball/main"]  # not acme/mono's: read by this one
    assert tools(db) == before
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and paths("tarball") == [] and stats["not_modified"] == 2  # marked as read by this extraction


def exhausted(status: int, body: object) -> Callable[[], Answer]:
    """An answer saying no request is left until the next second but one (reckoned when it is sent)."""
    return lambda: Answer(
        status, body, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 2)}, cacheable=False
    )


def test_rate_limits_wait_and_succeed(github: str, db: Path) -> None:
    GitHub.faults = {
        "/repos/acme/notes": [exhausted(403, {"message": "API rate limit exceeded"})],
        "/repos/acme/notes/readme": [
            Answer(403, {"message": "You have exceeded a secondary rate limit."}, {"Retry-After": "1"})
        ],
        "/repos/acme/mono": [Answer(502, b"Bad gateway", cacheable=False)],
    }
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "ok", stderr
    limited, again = [s.at for s in GitHub.seen if s.path == "/repos/acme/notes"]
    assert again - limited >= 1.0  # it waited for the reset rather than failing
    refused, granted = [s.at for s in GitHub.seen if s.path == "/repos/acme/notes/readme"]
    assert granted - refused >= 0.9  # and for the secondary limit's Retry-After
    assert stats["metadata"] == 2 and stats["servers_updated"] == 3
    assert "rate limited" in stderr
    first, retry = [s.at for s in GitHub.seen if s.path == "/repos/acme/mono"]  # the 502 was retried once...
    assert retry - first >= 0.9  # ... after a pause
    assert set(tools(db)) == {"io.github.acme/notes", "io.github.acme/buckets", "io.github.acme/mono-notes"}


def test_malformed_metadata_is_skipped_with_the_repository_named(github: str, db: Path) -> None:
    GitHub.faults = {"/repos/acme/mono": [Answer(200, b'{"full_name": "acme/mono", "stargaz', cacheable=False)]}
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "partial" and stats["metadata_malformed"] == 1
    assert "acme/mono" in stderr and "malformed" in stderr
    assert set(tools(db)) == {"io.github.acme/notes"}  # the other repository went on


@pytest.mark.parametrize("hostile", [TRAVERSAL, SYMLINK], ids=["traversal", "symlink"])
def test_hostile_archive_is_refused_and_the_catalogue_keeps_its_tools(
    github: str, db: Path, tmp_path: Path, hostile: bytes
) -> None:
    crawl(github, db)
    before = tools(db)
    GitHub.repos["acme/notes"] = repo("acme/notes", pushed="2026-11-21T00:00:00Z")
    GitHub.archives["acme/notes"] = hostile
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "partial" and stats["artifacts_refused"] == 1
    assert "refused" in stderr
    assert tools(db) == before
    assert not (tmp_path.parent / "escape.py").exists() and not list(tmp_path.parent.parent.glob("escape.py"))
    GitHub.seen = []
    code, stats, _ = crawl(github, db)  # refused once is enough: the same archive is not downloaded again
    assert code == 0 and paths("tarball") == [] and stats["not_modified"] == 2


def test_named_repository_becomes_a_server(github: str, tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    code, stats, stderr = crawl(github, db, "--repo", "acme/notes")
    assert code == 0 and stats["servers_new"] == 1, stderr
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT repository_url, description, slug FROM server").fetchone()
    assert row == ("github.com/acme/notes", "acme/notes from GitHub", "acme-notes")
    assert tools(db) == {None: PY_TOOLS}


def test_file_url_snapshot(db: Path, tmp_path: Path) -> None:
    snapshot_dir = tmp_path / "api"
    folder = snapshot_dir / "repos" / "acme"
    (folder / "notes" / "tarball").mkdir(parents=True)
    (folder / "notes.json").write_text(json.dumps(repo("acme/notes")))
    (folder / "notes" / "readme").write_text("# acme/notes\n")
    (folder / "notes" / "tarball" / "main").write_bytes(NOTES)
    code, stats, stderr = crawl(snapshot_dir.as_uri(), db, "--repo", "https://github.com/acme/notes")
    assert code == 0 and stats["status"] == "ok" and stats["artifacts"] == 1, stderr
    assert tools(db) == {"io.github.acme/notes": PY_TOOLS}


def test_killed_mid_crawl_resumes_and_loses_nothing(github: str, db: Path) -> None:
    """SIGKILL while one archive is downloading: what was stored stays, and the next crawl finishes the rest."""
    GitHub.held = {"/repos/acme/mono/tarball/main": threading.Event()}
    command = [*CLI, "crawl", "--db", str(db)]
    command += ["--source", "github", "--github-api-url", github]
    crawler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = lambda: "io.github.acme/notes" in tools(db) and validated(db, "/repos/acme/notes")  # noqa: E731
    while not stored() or not paths("tarball/main")[1:]:
        assert time.monotonic() < deadline and crawler.poll() is None
        time.sleep(0.1)
    os.kill(crawler.pid, signal.SIGKILL)
    crawler.wait()
    assert tools(db) == {"io.github.acme/notes": PY_TOOLS}  # stored before the kill, intact
    GitHub.held["/repos/acme/mono/tarball/main"].set()
    GitHub.seen = []
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "ok", stderr
    assert stats["not_modified"] == 1  # acme/notes was stored, with its ETag: one 304
    assert paths("tarball") == ["/repos/acme/mono/tarball/main"]  # acme/mono was not: read again in full
    assert set(tools(db)) == {"io.github.acme/notes", "io.github.acme/buckets", "io.github.acme/mono-notes"}


def test_archive_over_the_cap_is_skipped_until_the_next_push(github: str, db: Path) -> None:
    assert len(NOTES) < 1000 < len(MONO)
    env = {**os.environ, "MCPRISK_ARTIFACT_MAX_BYTES": "1000"}
    args = ("--source", "github", "--github-api-url", github)
    code, summary, stderr = mcprisk_crawl(db, *args, env=env)
    assert code == 0 and summary["github"]["artifacts_refused"] == 1 and "over the size cap" in stderr
    assert set(tools(db)) == {"io.github.acme/notes"}
    GitHub.seen = []
    code, summary, _ = mcprisk_crawl(db, *args, env=env)
    assert code == 0 and summary["github"]["not_modified"] == 2 and paths("tarball") == []


def test_empty_repository_is_not_asked_again_until_its_next_push(github: str, db: Path) -> None:
    GitHub.faults["/repos/acme/notes/tarball/main"] = [Answer(404, {"message": "Not Found"})]  # as for an empty one
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "ok" and stats["archives_empty"] == 1, stderr
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and stats["not_modified"] == 2 and paths("tarball") == []
    GitHub.repos["acme/notes"] = repo("acme/notes", pushed="2026-11-20T08:00:00Z")
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and paths("tarball") == ["/repos/acme/notes/tarball/main"]
    assert tools(db)["io.github.acme/notes"] == PY_TOOLS


def test_no_requests_left_pauses_until_the_reset(github: str, db: Path) -> None:
    """A successful answer saying 0 requests remain: the next request waits for the reset instead of a 403."""
    GitHub.faults = {"/repos/acme/notes": [exhausted(200, repo("acme/notes"))]}
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "ok", stderr
    asked = {s.path: s.at for s in GitHub.seen}
    assert asked["/repos/acme/notes/readme"] - asked["/repos/acme/notes"] >= 1.0


def test_a_package_s_tools_are_not_extracted_over(github: str, db: Path) -> None:
    """npm gave acme/notes its tools: its archive is not even downloaded (no flip-flop between the two)."""
    from catalog.core.definition import ToolDefinition
    from catalog.core.records import PackageRecord

    package = ServerRecord(
        packages=[PackageRecord("npm", "notes-mcp", "1.0.0")],
        repository_url="https://github.com/acme/notes",
        tools=[ToolDefinition(name="from_package", description="Declared in the published package.")],
    )
    Store(open_engine(f"sqlite:///{db}")).upsert_server(package, "npm")
    code, stats, stderr = crawl(github, db)
    assert code == 0 and stats["status"] == "ok", stderr
    assert paths("tarball") == ["/repos/acme/mono/tarball/main"]
    found = tools(db)
    assert found["io.github.acme/notes"] == {"from_package"} and found["io.github.acme/mono-notes"] == PY_TOOLS
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT stars FROM server WHERE registry_name = 'io.github.acme/notes'").fetchone() == (42,)
    GitHub.seen = []
    code, stats, _ = crawl(github, db)
    assert code == 0 and stats["not_modified"] == 2  # nothing left to read: both repositories answer 304


def test_what_counts_as_a_rate_limit_and_how_long_to_wait() -> None:
    from email.utils import formatdate

    from scrapy.http import Response

    from crawler.middlewares.ratelimit import SECONDARY_PAUSE, limit_wait

    def answer(status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Response:
        return Response("https://api.example/repos/a/b", status=status, headers=headers or {}, body=body)

    assert limit_wait(answer(429, {"Retry-After": "7"})) == 7
    assert 25 <= (limit_wait(answer(503, {"Retry-After": formatdate(time.time() + 30, usegmt=True)})) or 0) <= 30
    reset = str(int(time.time()) + 10)
    assert 9 <= (limit_wait(answer(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})) or 0) <= 11
    secondary = b'{"message": "You have exceeded a secondary rate limit. Please wait a few minutes."}'
    assert limit_wait(answer(403, body=secondary)) == SECONDARY_PAUSE
    assert limit_wait(answer(403, body=b'{"message": "Repository access blocked"}')) is None  # a real refusal
    assert limit_wait(answer(503)) is None  # an ordinary error: the retry middleware's, with backoff
    assert limit_wait(answer(404, {"Retry-After": "5"})) is None
