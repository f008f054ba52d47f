"""The catalogue introspected: every version not asked before is asked once, its answer saved, and static
extraction measured against it; `crawl --introspect` and the nightly job run the same code."""

import os
import shutil
import stat
from pathlib import Path

import pytest

from catalog import introspections
from catalog.core.definition import ToolDefinition
from catalog.core.records import PackageRecord, ServerRecord
from mcprisk.cli.crawl import introspect_catalogue
from mcprisk.introspecting import extraction_report, introspect_pending
from tests.crawler.introspect.conftest import SERVERS

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (CI installs it)")


@pytest.fixture
def npm_of_samples(tmp_path: Path, monkeypatch) -> Path:
    """An ``npm`` that "installs" the JavaScript sample server under any name: a registry without the network."""
    calls = tmp_path / "npm-calls"
    script = tmp_path / "bin" / "npm"
    script.parent.mkdir()
    script.write_text(f"""#!/bin/sh
echo "$@" >> {calls}
prefix="$3"; spec=$(eval echo \\${{$#}}); name="${{spec%@*}}"
mkdir -p "$prefix/node_modules/$name" && cp -r {SERVERS / "benign_js"}/. "$prefix/node_modules/$name/"
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    return calls


def _catalogue(store) -> None:
    for name, tools in (("one-mcp", ["search_docs", "get_doc"]), ("two-mcp", ["search_docs", "declared_only"])):
        store.upsert_server(ServerRecord(
            registry_name=f"io.example/{name}", version="1.0.0",
            packages=[PackageRecord("npm", name, "1.0.0", transport="stdio")],
            tools=[ToolDefinition(t, description="Search the docs." if t == "search_docs" else "Other.",
                                  origin="source") for t in tools]), "registry")


def test_new_versions_are_asked_once_and_extraction_is_measured(sandbox_ready, store, settings, db_url,
                                                                 npm_of_samples: Path) -> None:
    _catalogue(store)
    config = settings.with_(database_url=db_url, introspect_workers=2)
    seen: list[str] = []
    first = introspect_pending(config, store.engine, lambda done, total, label, status: seen.append(status))
    assert first == {"asked": 2, "statuses": {"answered": 2}} and seen == ["answered", "answered"]
    assert introspect_pending(config, store.engine) == {"asked": 0, "statuses": {}}
    assert len(npm_of_samples.read_text().splitlines()) == 2  # each version installed once
    report = extraction_report(db_url)
    assert report["servers"] == 2 and report["answered_tools"] == 4 and report["declared_tools"] == 4
    assert report["recall"] == pytest.approx(3 / 4) and report["precision"] == pytest.approx(3 / 4)
    assert report["exact_descriptions"] == pytest.approx(2 / 3)
    assert report["disagree_most"][0]["server"].endswith("two-mcp")


def test_crawl_introspect_reports_progress(sandbox_ready, store, settings, db_url, npm_of_samples, capsys) -> None:
    _catalogue(store)
    asked = introspect_catalogue(settings.with_(database_url=db_url))
    assert asked["asked"] == 2
    assert "introspect [2/2] npm:" in capsys.readouterr().err
    assert introspections.pending(store.engine) == []


def test_the_nightly_report_gains_an_introspection_section(sandbox_ready, tmp_path: Path, npm_of_samples) -> None:
    import json

    from tests.cli import mcprisk
    from tests.paths import ROOT

    snapshot = tmp_path / "snapshot"
    (snapshot / "tools").mkdir(parents=True)
    server = {"name": "io.example/one-mcp", "description": "One", "version": "1.0.0",
              "packages": [{"registryType": "npm", "identifier": "one-mcp", "version": "1.0.0",
                            "transport": {"type": "stdio"}}]}
    (snapshot / "registry.json").write_text(json.dumps({"servers": [{"server": server}]}))
    (snapshot / "tools" / "one-mcp.json").write_text(json.dumps({"tools": [
        {"name": "search_docs", "description": "Search the docs."}]}))
    env = os.environ | {"PYTHONPATH": str(ROOT), "MCPRISK_INTROSPECT": "1",
                        "MCPRISK_INTROSPECT_CACHE": str(tmp_path / "cache")}
    done = mcprisk("nightly", "--snapshot", str(snapshot), "--json", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    section = json.loads(done.stdout)["introspection"]
    assert section["asked"] == 1 and section["statuses"] == {"answered": 1}
    assert section["extraction"]["servers"] == 1 and section["extraction"]["recall"] == 0.5
    assert section["extraction"]["precision"] == 1.0


def test_two_workers_on_one_redis_split_a_batch(sandbox_ready, tmp_path: Path, npm_of_samples, settings) -> None:
    from threading import Thread

    from catalog.database import open_engine
    from catalog.store import Store
    from tests.shared_crawl import redis_server

    (tmp_path / "redis").mkdir()
    with redis_server(tmp_path / "redis") as redis_url:
        if redis_url is None:
            pytest.skip("redis-server (or the redis client) is not installed; CI installs it")
        url = f"sqlite:///{tmp_path / 'shared.db'}"
        store = Store(open_engine(url))
        for i in range(6):
            store.upsert_server(ServerRecord(registry_name=f"io.example/s{i}", version="1.0.0",
                                             packages=[PackageRecord("npm", f"s{i}-mcp", "1.0.0")]), "registry")
        config = settings.with_(database_url=url, redis_url=redis_url, introspect_workers=1)
        results: list[dict] = []
        workers = [Thread(target=lambda: results.append(introspect_pending(config, open_engine(url))))
                   for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert sum(r["asked"] for r in results) == 6
    assert len(npm_of_samples.read_text().splitlines()) == 6  # no version installed or asked twice
    assert introspections.pending(store.engine) == []
