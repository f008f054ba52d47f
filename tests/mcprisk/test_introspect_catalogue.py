"""A sample server introspected for real (in the sandbox, offline) into a real SQLite catalogue: `risk` judges the
tools it answered, and `mcprisk server` says where its list comes from and prints the differences with the code,
in a terminal 80 and 160 columns wide and as JSON."""

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog import introspections
from catalog.core.definition import ToolDefinition
from catalog.core.errors import ConfigError
from catalog.core.records import PackageRecord, ServerRecord
from catalog.core.settings import Settings
from catalog.database import open_engine, reading
from catalog.queries import server_detail
from catalog.store import Store
from crawler.introspect.sandbox import check_available
from mcprisk.introspecting import introspect_pending
from mcprisk.judging import classify_catalogue
from tests.cli import mcprisk
from tests.crawler.introspect.conftest import SERVERS
from tests.mcprisk.test_cli_terminal import lines_of, terminal

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (CI installs it)")
DECLARED = [ToolDefinition("search_docs", description="Search the docs, as the code says.", origin="source",
                           file="server.js", line=5),
            ToolDefinition("declared_only", description="Only when ADMIN=1.", origin="source", file="server.js")]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        check_available()
    except ConfigError as error:
        if shutil.which("bwrap") is None:
            raise
        pytest.skip(f"the kernel refuses user namespaces here: {error}")
    folder = tmp_path_factory.mktemp("answered")
    npm = folder / "bin" / "npm"  # an npm that "installs" the JavaScript sample server: a registry without network
    npm.parent.mkdir()
    npm.write_text(f"""#!/bin/sh
prefix="$3"; spec=$(eval echo \\${{$#}}); name="${{spec%@*}}"
mkdir -p "$prefix/node_modules/$name" && cp -r {SERVERS / "benign_js"}/. "$prefix/node_modules/$name/"
""")
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    url = f"sqlite:///{folder / 'catalogue.db'}"
    store = Store(open_engine(url))
    store.upsert_server(ServerRecord(registry_name="io.example/docs-mcp", title="Docs", version="1.0.0",
                                     packages=[PackageRecord("npm", "docs-mcp", "1.0.0", transport="stdio")],
                                     tools=DECLARED), "registry")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", f"{npm.parent}{os.pathsep}{os.environ['PATH']}")
        config = Settings.from_env({}, introspect_cache=str(folder / "cache"), database_url=url)
        assert introspect_pending(config, store.engine) == {"asked": 1, "statuses": {"answered": 1}}
    classify_catalogue(store)
    yield url


@pytest.fixture(scope="module")
def fake_npm(catalogue: str) -> dict[str, str]:
    """The environment of a CLI run that introspects with the module's npm of samples and install cache."""
    folder = Path(catalogue.removeprefix("sqlite:///")).parent
    return os.environ | {"PATH": f"{folder / 'bin'}{os.pathsep}{os.environ['PATH']}",
                         "MCPRISK_INTROSPECT_CACHE": str(folder / "cache")}


def test_risk_judges_the_answered_tools(catalogue: str, tmp_path: Path) -> None:
    done = mcprisk("risk", "docs-mcp/get_doc", "--db", catalogue, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["description"] == "Get one doc by id." and verdict["origin"] == "introspected"
    assert verdict["classified"] and verdict["difference"]["kind"] == "only_at_run_time"
    done = mcprisk("risk", "docs-mcp/search_docs", "--db", catalogue, "--json", cwd=tmp_path)
    assert json.loads(done.stdout)["description"] == "Search the docs."  # what a client is shown


def test_server_json_has_the_differences(catalogue: str, tmp_path: Path) -> None:
    done = mcprisk("server", "docs-mcp", "--db", catalogue, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    detail = json.loads(done.stdout)
    assert {d["tool"]: d["kind"] for d in detail["differences"]} == {
        "search_docs": "description_differs", "get_doc": "only_at_run_time", "declared_only": "declared_not_listed"}
    assert detail["counts"]["tools"] == 2 and detail["introspection"]["tool_list"] == "introspected"
    search = next(t for t in detail["tools"] if t["tool"] == "search_docs")
    assert search["difference"]["declared_description"] == "Search the docs, as the code says."


@pytest.mark.parametrize("columns", [80, 160])
def test_server_prints_its_tool_list_and_the_differences(catalogue: str, columns: int) -> None:
    code, out = terminal("server", "docs-mcp", "--db", catalogue, columns=columns)
    assert code == 0, out
    lines = lines_of(out)
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    text = " ".join(line.strip() for line in lines)
    assert "tool list: answered by npm:docs-mcp 1.0.0 in the sandbox" in text
    assert "declared_only (not listed)" in text and "2 catalogued (0 removed, 1 declared, not listed)" in text
    assert "3 differences between what the server answered and what its code declares" in text
    rows = {line.split()[0]: " ".join(line.split()[1:]) for line in lines
            if line.split() and line.split()[0] in ("get_doc", "search_docs", "declared_only")}
    assert "Only at run time" in rows["get_doc"] and "Declared, not listed" in rows["declared_only"]
    assert "Description differs at run time" in rows["search_docs"]
    assert "behind a flag" in text  # each kind's meaning, in words


def test_introspect_save_asks_a_failed_version_again(catalogue: str, fake_npm: dict[str, str], tmp_path: Path) -> None:
    store = Store(open_engine(catalogue))
    store.upsert_server(ServerRecord(registry_name="io.example/retry-mcp", version="1.0.0",
                                     packages=[PackageRecord("npm", "retry-mcp", "1.0.0", transport="stdio")],
                                     tools=[DECLARED[0]]), "registry")
    introspections.save(store.engine, "npm", "retry-mcp", "1.0.0", {"status": "needs a service"})
    done = mcprisk("introspect", "npm:retry-mcp@1.0.0", "--save", "--db", catalogue, cwd=tmp_path, env=fake_npm)
    assert done.returncode == 0, done.stderr
    assert "its server's tool list is now this answer" in done.stderr
    with reading(catalogue) as reader:
        detail = server_detail(reader, "io.example/retry-mcp")
    assert {t["name"]: t["origin"] for t in detail["tools"]} == {"get_doc": "introspected",
                                                                  "search_docs": "introspected"}
    done = mcprisk("introspect", "npm:unknown-mcp@1.0.0", "--save", "--db", catalogue, cwd=tmp_path, env=fake_npm)
    assert done.returncode == 0 and "not saved: no catalogued package is npm unknown-mcp 1.0.0" in done.stderr
    done = mcprisk("introspect", str(tmp_path), "--save", "--db", catalogue, cwd=tmp_path, env=fake_npm)
    assert done.returncode == 2 and "not of local folders" in done.stderr
