"""Benign sample servers (a Python one on the official mcp SDK, a JavaScript one in plain Node.js), introspected in
the sandbox offline from local folders and archives: the answer is kept exactly as the server sent it."""

import json
import shutil
import tarfile
from pathlib import Path

import pytest

from catalog.core.errors import ConfigError
from crawler.introspect import Target, introspect, outcome, parse_target
from crawler.introspect import sandbox as sandbox_module


def test_python_sample_on_the_sdk_answers(sandbox_ready, sample, settings) -> None:
    result = introspect(parse_target(str(sample("benign_py"))), settings)
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    assert [t["name"] for t in result.tools] == ["add", "read_note"]
    assert result.tools[0]["description"] == "Add two numbers."
    assert result.tools[1]["description"] == "Read a note by its id."
    assert result.tools[0]["inputSchema"]["properties"]["a"]["type"] == "integer"
    assert result.server_name == "benign-py" and result.protocol_version
    assert result.instructions == "A sample server for the introspection tests."
    assert result.started_with[-1].endswith("benign_py/server.py") and result.sandboxed


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (CI installs it)")
def test_javascript_sample_answers_every_page_exactly(sandbox_ready, sample, settings) -> None:
    result = introspect(parse_target(str(sample("benign_js"))), settings)
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    assert result.tools == [
        {"name": "search_docs", "description": "Search the docs.",
         "inputSchema": {"type": "object", "properties": {"q": {"type": "string"}}}},
        {"name": "get_doc", "description": "Get one doc by id.", "inputSchema": {"type": "object"},
         "annotations": {"readOnlyHint": True}},
    ]
    assert result.server_name == "benign-js" and result.server_version == "1.0.0"
    assert result.started_with[0] == "node"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (CI installs it)")
def test_an_archive_is_unpacked_once_and_answers(sandbox_ready, sample, settings, tmp_path: Path) -> None:
    archive = tmp_path / "benign-js-1.0.0.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(sample("benign_js"), arcname="package")
    first = introspect(parse_target(str(archive)), settings)
    second = introspect(parse_target(str(archive)), settings)
    assert first.status == second.status == outcome.ANSWERED
    assert first.install_dir == second.install_dir and len(list((tmp_path / "cache").glob("archive-*"))) == 1


def test_declared_environment_reaches_the_server_with_dummy_values(sandbox_ready, sample, settings) -> None:
    target = Target("local", "hostile", path=sample("hostile"), package={
        "packageArguments": [{"type": "positional", "value": "read"}, {"type": "positional", "value": "/none"}],
        "environmentVariables": [{"name": "SERVICE_API_KEY", "isSecret": True, "isRequired": True},
                                 {"name": "SERVICE_URL"}]})
    said = introspect(target, settings).tools[0]["description"]
    environ = json.loads(said.split("environ: ", 1)[1].split("\n", 1)[0])
    assert environ["SERVICE_URL"] == "http://127.0.0.1:9" and environ["SERVICE_API_KEY"].startswith("dummy-")
    assert environ["HOME"] == sandbox_module.HOME and "PYTHONPATH" in environ
    assert not {"USER", "SSH_AUTH_SOCK", "PYTHONSAFEPATH"} & set(environ)


def test_without_bubblewrap_it_stops_with_what_to_install(monkeypatch, sample, settings) -> None:
    sandbox_module.check_available.cache_clear()
    monkeypatch.setattr(sandbox_module.shutil, "which", lambda name: None)
    try:
        with pytest.raises(ConfigError, match="apt-get install bubblewrap"):
            introspect(parse_target(str(sample("benign_py"))), settings)
    finally:
        sandbox_module.check_available.cache_clear()


def test_no_sandbox_runs_only_when_asked(sample, settings) -> None:
    result = introspect(parse_target(str(sample("benign_py"))), settings, use_sandbox=False)
    assert result.status == outcome.ANSWERED and not result.sandboxed


def test_a_crashing_server_gets_its_reason_and_stderr_tail(sandbox_ready, tmp_path: Path, settings) -> None:
    folder = tmp_path / "crash"
    folder.mkdir()
    (folder / "server.py").write_text("import sys\nsys.stderr.write('boom: GITHUB_TOKEN is not set\\n')\nsys.exit(3)\n")
    result = introspect(parse_target(str(folder)), settings)
    assert result.status == outcome.NEEDS_CREDENTIALS and "GITHUB_TOKEN is not set" in result.stderr_tail
