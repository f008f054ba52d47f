"""A site build killed with SIGKILL halfway: its workers die with it, and the next build leaves a correct site.

The build writes new files in place (no temporary copy), so a killed build can leave a short file; what makes
that safe is checked here: the old manifest is invalidated before anything is written, so the next build with
the old settings is not mistaken for a no-op, compares every file's bytes and replaces what is wrong.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.database import open_engine
from catalog.publish import build_site
from catalog.publish.manifest import MANIFEST
from catalog.store import Store
from crawler.corpus.snapshot import load_snapshot
from mcprisk.judging import classify_catalogue
from tests.mcprisk.test_nightly import big_snapshot

SERVERS = 600  # 1,800 tools: about 4,000 pages and mirror files


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("big")
    big_snapshot(folder / "snapshot", SERVERS)
    url = f"sqlite:///{folder / 'catalogue.db'}"
    store = Store(open_engine(url))
    load_snapshot(store, folder / "snapshot")
    classify_catalogue(store)
    return url


def start_build(url: str, out: Path, base_url: str) -> subprocess.Popen[bytes]:
    code = "import sys; from pathlib import Path; from catalog.publish import build_site; "
    code += "build_site(sys.argv[1], Path(sys.argv[2]), base_url=sys.argv[3], workers=2)"
    return subprocess.Popen(
        [sys.executable, "-c", code, url, str(out), base_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the test can wait for, and clean up, its workers
    )


def probe(url: str) -> str:
    """The page of the server a quarter of the way through: once it has the new settings, the build is under way
    and far from done."""
    from catalog.database import reading

    with reading(url) as reader:
        row = reader.one("SELECT slug FROM server ORDER BY slug LIMIT 1 OFFSET :n", {"n": SERVERS // 4})
    assert row
    return f"servers/{row['slug']}.html"


def kill_halfway(build: subprocess.Popen[bytes], out: Path, page: str) -> None:
    """SIGKILL the build's own process (as the OOM killer would) once part of the servers are written."""
    deadline = time.monotonic() + 240
    while build.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError):
            if b"https://moved.example" in (out / page).read_bytes():
                break
        time.sleep(0.005)
    if build.poll() is not None:
        pytest.skip("the build finished before it could be killed halfway on this machine")
    os.kill(build.pid, signal.SIGKILL)
    build.wait(30)
    deadline = time.monotonic() + 60
    while True:  # the page workers die with it (they would otherwise go on writing)
        try:
            os.killpg(build.pid, 0)
        except ProcessLookupError:
            return
        assert time.monotonic() < deadline, "the killed build's workers live on"
        time.sleep(0.01)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(params=["first build", "rebuild"])
def killed(
    catalogue: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Path]:
    """A first build into an empty folder killed halfway (files written in place), or a rebuild of a complete
    site that changes every page (canonical URLs; files replaced through a temporary copy) killed halfway."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    out = tmp_path / "site"
    if request.param == "rebuild":
        build_site(catalogue, out)
    build = start_build(catalogue, out, "https://moved.example")
    try:
        kill_halfway(build, out, probe(catalogue))
        yield out
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)


def test_killed_build_then_the_next_build_repairs_the_site(catalogue: str, killed: Path, tmp_path: Path) -> None:
    out = killed
    half = files(out)
    pages = [p for p in half if p.endswith(".html")]
    moved = [p for p in pages if b"https://moved.example" in half[p]]
    assert moved and len(moved) < SERVERS * 4  # killed halfway: a server and its 3 tools are 4 pages each
    if MANIFEST in half:
        assert json.loads(half[MANIFEST])["inputs"] is None  # the old manifest no longer claims the folder
    time.sleep(0.2)
    assert files(out) == half  # nothing was written after the kill

    again = build_site(catalogue, out)  # the settings of the last complete build: not a no-op
    assert again.written >= len(moved)
    fresh = tmp_path / "fresh"
    build_site(catalogue, fresh)
    repaired, expected = files(out), files(fresh)
    assert sorted(set(repaired) ^ set(expected)) == []  # no temporary, short or stray file left
    assert all(repaired[p] == expected[p] for p in expected if p != MANIFEST)
    assert build_site(catalogue, out).written == 0
