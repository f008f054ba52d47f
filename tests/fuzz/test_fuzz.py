"""The fuzzing harness: random and mutated hostile input thrown at `scan` (in-process extraction and the CLI),
the spiders (a real crawl against a loopback server) and `build`. Whatever the input: no internal error (exit
70, or any exception but mcprisk's own refusals), memory and time within caps, nothing written outside the
temporary and output folders, and strict JSON out.

CI runs a fixed small budget (the ``ci`` profile, well under a minute); ``HYPOTHESIS_PROFILE=long`` runs forty
times as many examples by hand.
"""

import itertools
import json
import os
import resource
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from catalog.core import jsontext
from catalog.core.errors import MCPRiskError
from crawler.extract import extract
from mcprisk.cli import app
from mcprisk.cli.scan import scan_payload
from tests.cli import CLI
from tests.fuzz.conftest import budget
from tests.fuzz.strategies import archive, packument, registry_page, source_file, tools_list
from tests.paths import SHARED_DATA
from tests.upstream import Answer, Upstream, serve

RECORDS = json.loads((SHARED_DATA / "registry" / "current-format-examples.json").read_text())
MB = 2**20
SECONDS = 20  # one in-process extraction of a fuzzed input
MEMORY = 256 * MB  # its peak Python allocations
COUNTER = itertools.count()


def strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"bare {constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder whose ``tmp`` is the temporary folder for the test, and an ``outside`` that must stay empty."""
    (tmp_path / "tmp").mkdir()
    (tmp_path / "outside").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    yield tmp_path
    assert not any((tmp_path / "outside").iterdir())


def extracted(path: Path, sandbox: Path) -> None:
    """Extraction of ``path``: a result with strict JSON, or one of mcprisk's refusals, in bounded memory and time;
    afterwards the temporary folder is empty and nothing was written beside the input."""
    before = set(path.parent.iterdir())
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = extract(path)
        strict(jsontext.dumps(scan_payload(result)))
    except MCPRiskError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 400, str(exc)[:400]
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.monotonic() - started < SECONDS
    assert peak < MEMORY, f"{peak / MB:.0f} MB"
    assert not any((sandbox / "tmp").iterdir()), list((sandbox / "tmp").iterdir())
    assert set(path.parent.iterdir()) == before


@given(case=archive())
def test_archives(sandbox: Path, case: tuple[str, bytes]) -> None:
    suffix, data = case
    folder = sandbox / "in" / str(next(COUNTER)) / "a" / "b"
    folder.mkdir(parents=True)
    path = folder / f"package{suffix}"
    path.write_bytes(data)
    extracted(path, sandbox)


@given(files=st.lists(source_file(), min_size=1, max_size=5))
def test_source_files(sandbox: Path, files: list[tuple[str, bytes]]) -> None:
    folder = sandbox / "in" / str(next(COUNTER))
    folder.mkdir(parents=True)
    for index, (suffix, data) in enumerate(files):
        (folder / f"f{index}{suffix}").write_bytes(data)
    extracted(folder, sandbox)


@given(answer=tools_list())
def test_tools_list_through_the_cli(sandbox: Path, answer: bytes) -> None:
    path = sandbox / f"tools{next(COUNTER)}.json"
    path.write_bytes(answer)
    result = CliRunner().invoke(app, ["scan", str(path), "--json"])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output[-500:], result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code in (0, 1) and result.stdout.lstrip().startswith("{"):
        strict(result.stdout)


class Fuzzed(Upstream):
    """A registry and an npm registry answering what the example drew: pages in order, one packument and one
    tarball for whatever package is asked."""

    pages: list[Any] = []
    packument: Any = None
    tarball: bytes = b""
    served = 0

    def answer(self, path: str) -> Answer:
        url = urlsplit(path)
        if url.path.startswith("/v0.1/servers"):
            index = 0 if "cursor" not in parse_qs(url.query) else min(Fuzzed.served + 1, len(Fuzzed.pages))
            Fuzzed.served = index
            page = Fuzzed.pages[index] if index < len(Fuzzed.pages) else {"servers": [], "metadata": {}}
            return Answer(body=jsontext.dumps(page).encode() if index else json.dumps(page).encode())
        if url.path.startswith("/npm/tarballs/"):
            return Answer(body=Fuzzed.tarball)
        if url.path.startswith("/npm/"):
            name = unquote(url.path.removeprefix("/npm/"))
            body = Fuzzed.packument if name else {}
            return Answer(body=json.dumps(body).replace('"TARBALL"', json.dumps(f"{Fuzzed.base}/npm/tarballs/p.tgz")))
        return Answer(404, b"{}", cacheable=False)


@settings(max_examples=budget(2))
@given(data=st.data())
def test_spiders_against_a_loopback_server(sandbox: Path, data: st.DataObject) -> None:
    records = [
        dict(r, packages=[{"registryType": "npm", "identifier": "fuzz-mcp", "version": "1.0.0"}]) for r in RECORDS
    ]
    Fuzzed.pages = data.draw(st.lists(registry_page(records), min_size=1, max_size=3))
    Fuzzed.packument = data.draw(packument("fuzz-mcp", "TARBALL"))
    Fuzzed.tarball = data.draw(archive())[1]
    Fuzzed.served = 0
    db = sandbox / f"c{next(COUNTER)}.db"
    with serve(Fuzzed) as base:
        env = {
            **os.environ,
            "MCPRISK_REGISTRY_URL": base,
            "MCPRISK_NPM_REGISTRY_URL": f"{base}/npm",
            "TMPDIR": str(sandbox / "tmp"),
        }
        started = time.monotonic()
        result = subprocess.run(
            [*CLI, "crawl", "--source", "registry,npm", "--db", str(db), "--json"],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=sandbox,
        )
    assert time.monotonic() - started < 60
    assert result.returncode in (0, 4), result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "Spider error" not in result.stderr, result.stderr[-3000:]
    strict(result.stdout)
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1536 * 1024  # KiB: 1.5 GB
    assert not any((sandbox / "tmp").iterdir())


@settings(max_examples=budget(3))
@given(
    tools=st.lists(
        st.tuples(
            st.text(min_size=1, max_size=30),
            st.one_of(st.none(), st.text(max_size=200)),
            st.dictionaries(st.text(max_size=10), st.one_of(st.floats(), st.text(max_size=20)), max_size=4),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda t: t[0],
    )
)
def test_build(sandbox: Path, tools: list[tuple[str, str | None, dict[str, Any]]]) -> None:
    from catalog.core.definition import ToolDefinition
    from catalog.core.records import ServerRecord
    from catalog.database import open_engine
    from catalog.publish import build_site
    from catalog.store import Store
    from mcprisk.judging import classify_catalogue

    run = sandbox / f"build{next(COUNTER)}"
    run.mkdir()
    url = f"sqlite:///{run / 'c.db'}"
    store = Store(open_engine(url))
    record = ServerRecord(registry_name="io.github.fuzz/server", repository_url="https://github.com/fuzz/server")
    record.tools = [
        ToolDefinition(name=name, description=description, input_schema={"type": "object", "properties": schema})
        for name, description, schema in tools
    ]
    try:
        store.upsert_server(record, "registry")
    except MCPRiskError:
        return  # a record the store refuses (an invalid name): nothing to build
    classify_catalogue(store)
    build_site(url, run / "out", workers=1)
    assert {p.name for p in run.iterdir()} <= {"c.db", "c.db-wal", "c.db-shm", "out"}
    for path in (run / "out").rglob("*.json"):
        strict(path.read_text())
