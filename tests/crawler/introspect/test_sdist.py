"""A PyPI package with only an sdist: fetched as a file, built inside the sandbox (no network, nobody's uid, only its
venv writable), then introspected. The package index and its JSON API are served on loopback."""

import json
import tarfile
from pathlib import Path

import pytest

from crawler.introspect import introspect, outcome, parse_target
from tests.crawler.introspect.conftest import SERVERS, loopback_index

ARCHIVE = "sample_sdist_server-1.0.0.tar.gz"


@pytest.fixture
def asked() -> list[str]:
    """The paths the index was asked for, in order."""
    return []


@pytest.fixture(params=["absolute", "relative"])
def index(request, tmp_path: Path, monkeypatch, asked: list[str]):
    archive = tmp_path / ARCHIVE
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(SERVERS / "sdist_only", arcname="sample_sdist_server-1.0.0")
    data = archive.read_bytes()

    def answer(path: str, base: str) -> tuple[str, bytes] | None:
        asked.append(path)
        if path == "/pypi/sample-sdist-server/json":  # the project's page: an index may serve no page per version
            # an index may name its files relative to the page, as a mirror serving its own copies does
            url = f"{base}/files/{ARCHIVE}" if request.param == "absolute" else f"../../files/{ARCHIVE}"
            files = [{"packagetype": "sdist", "filename": ARCHIVE, "url": url}]
            return "application/json", json.dumps({"releases": {"1.0.0": files}}).encode()
        if path == f"/files/{ARCHIVE}":
            return "application/octet-stream", data
        return None  # the simple index has no wheel of it

    with loopback_index(answer, monkeypatch) as base:
        yield base


def test_an_sdist_is_built_only_inside_the_sandbox(sandbox_ready, index: str, settings, asked: list[str]) -> None:
    result = introspect(parse_target("pypi:sample-sdist-server==1.0.0"), settings.with_(pypi_url=index))
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    built_as = result.tools[0]["description"]
    assert "network: none" in built_as and "outside: refused" in built_as
    assert not Path("/root/sdist-build-was-here").exists()
    assert result.started_with[0].endswith("venv/bin/sample-sdist-server")
    # the project's page is read once: it lists the sdist, and dates the release for its dependencies
    assert asked.count("/pypi/sample-sdist-server/json") == 1
