"""The chunked search index: every word where search.js looks for it, no chunk large, and search still finding
when the chunks are cut finer (as at 100,000 tools), in Chromium from file://."""

import json
from pathlib import Path
from typing import Any

import pytest

from catalog.database import open_engine, reading
from catalog.publish import build_site, data, search_index
from catalog.store import Store
from tests.catalog.publish.test_site import fill
from tests.catalog.publish.test_site_browser import CHROMIUM, Watched, browser  # noqa: F401


def located(files: dict[str, bytes], term: str) -> str | None:
    """The chunk search.js reads for ``term``: the longest key the manifest has."""
    for length in range(min(len(term), 12), 0, -1):
        name = f"search/w-{search_index.chunk_key(term, length)}.js"
        if name in files:
            return name
    return None


def chunk(script: bytes) -> dict[str, list[int]]:
    text = script.decode()
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


@pytest.fixture(scope="module")
def small_chunks(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("chunks")
    url = f"sqlite:///{folder / 'catalogue.db'}"
    fill(Store(open_engine(url)))
    patch = pytest.MonkeyPatch()
    patch.setattr(search_index, "CHUNK_BYTES", 300)  # cut finely, as a large catalogue is
    patch.setattr(search_index, "COMMON_FROM", 10)  # and leave out the words most entries have
    yield url, folder
    patch.undo()


def test_every_word_is_where_the_page_looks(small_chunks: tuple[str, Path]) -> None:
    url, _ = small_chunks
    with reading(url) as reader:
        files = search_index.build(data.load(reader))
    manifest = json.loads(files["search-index.js"].decode().split("=", 1)[1].rstrip(";\n"))
    assert len(manifest["chunks"]) == sum(1 for f in files if f.startswith("search/w-"))
    assert any(len(k) > 2 for k in manifest["chunks"])  # some chunks were cut finer
    seen = 0
    for name, script in files.items():
        if name.startswith("search/w-"):
            for term in chunk(script):
                assert located(files, term) == name, term
                seen += 1
    assert seen > 200
    assert "mcp" in manifest["common"] and "critical" not in manifest["common"]  # levels stay searchable
    assert not any(t in manifest["common"] for f, c in files.items() if f.startswith("search/w-") for t in chunk(c))
    big = [n for n, s in files.items() if n.startswith("search/w-") and len(s) > 2_000]
    assert not big, big  # cut until small (bar single-word chunks)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`)")
def test_search_finds_through_finely_cut_chunks(small_chunks: tuple[str, Path], browser: Any) -> None:  # noqa: F811
    url, folder = small_chunks
    out = folder / "out"
    build_site(url, out, workers=1)  # in this process: the patched chunk size applies
    watched = Watched(browser, {"width": 1200, "height": 900})
    for query, expected in (("getjob", "keugenek-krea-mcp/get_job"), ("genration", "keugenek-krea-mcp/get_job"),
                            ("poisoned", "quickcalc-calculator-mcp/add"), ("gen", "keugenek-krea-mcp/get_job"),
                            ("krea mcp job", "keugenek-krea-mcp/get_job")):  # fmt: skip
        page = watched.open(out, "search.html", f"?q={query}")
        page.wait_for_function("document.querySelectorAll('#results li').length > 0")
        assert expected in page.locator("#results li > a").all_inner_texts(), query
    page = watched.open(out, "search.html", "?q=mcp")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Too common')")
    assert page.locator("#results li").count() == 0
    assert watched.errors == []
