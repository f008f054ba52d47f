"""The answered tool list on the site, in a real headless Chromium: the server page says where its list comes from
and lists the differences in words; each tool page says where its definition comes from and how it differs;
a declared tool the server does not list gets no page of its own. Hostile answered text stays text."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog import introspections
from catalog.database import open_engine
from catalog.publish import build_site
from catalog.store import Store
from mcprisk.judging import classify_catalogue
from tests.catalog.publish.test_site_browser import CHROMIUM, Watched, browser  # noqa: F401  (the fixture)
from tests.catalog.test_introspection_catalogue import DECLARED, answer, crawl

SLUG = "example-answers"
HOSTILE = 'Search the notes <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>'
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("answered-site")
    url = f"sqlite:///{folder / 'catalogue.db'}"
    store = Store(open_engine(url))
    crawl(store)
    introspections.save(store.engine, "npm", "answers-mcp", "1.0.0", answer(
        ("search_notes", HOSTILE), ("delete_note", "Delete a note."), ("export_openapi_op", "From OpenAPI.")))
    classify_catalogue(store)
    out = folder / "out"
    build_site(url, out, workers=1)
    yield out


def test_server_page_lists_the_differences(built: Path, browser: Any) -> None:  # noqa: F811
    watched = Watched(browser, {"width": 1200, "height": 900})
    page = watched.open(built, f"servers/{SLUG}.html")
    section = page.locator("#differences")
    assert section.locator("h2").inner_text() == "What it answers when it runs"
    said = section.inner_text()
    assert "npm package answers-mcp 1.0.0 answered to tools/list" in said and "3 tools" in said
    rows = {r.locator("td").nth(0).inner_text(): r.locator("td").nth(1).inner_text()
            for r in section.locator("tbody tr").all()}
    assert rows == {"search_notes": "Description differs at run time", "export_openapi_op": "Only at run time",
                    "admin_reset": "Declared, not listed"}
    assert section.locator("a", has_text="export_openapi_op").count() == 1  # listed: linked to its page
    assert section.locator("a", has_text="admin_reset").count() == 0  # not listed: no page
    assert "behind a flag" in said
    tools = page.locator("#tools").inner_text()
    assert "export_openapi_op" in tools and "admin_reset" not in tools  # the list is the answer
    assert not (built / "tools" / SLUG / "admin-reset.html").exists()
    assert watched.dialogs == [] and watched.errors == []
    mirror = json.loads((built / "api" / "servers" / f"{SLUG}.json").read_text())
    assert {d["tool"]: d["kind"] for d in mirror["introspection"]["differences"]} == {
        "search_notes": "description_differs", "export_openapi_op": "only_at_run_time",
        "admin_reset": "declared_not_listed"}
    tool = json.loads((built / "api" / "tools" / SLUG / "export-openapi-op.json").read_text())
    assert tool["origin"] == "introspected" and tool["difference"]["kind"] == "only_at_run_time"


def test_tool_pages_say_where_the_definition_comes_from(built: Path, browser: Any) -> None:  # noqa: F811
    watched = Watched(browser, {"width": 1200, "height": 900})
    page = watched.open(built, f"tools/{SLUG}/search-notes.html")
    source = page.locator("#source").inner_text()
    assert "From the server's own answer to tools/list, when it ran in our sandbox" in source
    assert "Description differs at run time." in source
    assert "Its code declares it in the source, src/index.ts:10" in source
    assert page.locator("#difference blockquote.declared").inner_text() == DECLARED[0].description
    assert "<script>window.__pwned=2</script>" in page.locator("p.description").inner_text()  # shown as text
    page = watched.open(built, f"tools/{SLUG}/export-openapi-op.html")
    assert "Only at run time." in page.locator("#difference").inner_text()
    page = watched.open(built, f"tools/{SLUG}/delete-note.html")
    assert "matches what its code declares" in page.locator("#source").inner_text()
    assert page.locator("#difference").count() == 0
    assert watched.dialogs == [] and watched.errors == []


def test_a_server_that_did_not_answer_says_so(tmp_path: Path, browser: Any) -> None:  # noqa: F811
    url = f"sqlite:///{tmp_path / 'catalogue.db'}"
    store = Store(open_engine(url))
    crawl(store)
    introspections.save(store.engine, "npm", "answers-mcp", "1.0.0", {"status": "needs credentials"})
    build_site(url, tmp_path / "out", workers=1)
    watched = Watched(browser, {"width": 1200, "height": 900})
    page = watched.open(tmp_path / "out", f"servers/{SLUG}.html")
    said = page.locator("#differences").inner_text()
    assert "did not answer (needs credentials)" in said and "what its code declares" in said
    assert "From the source" in watched.open(tmp_path / "out", f"tools/{SLUG}/admin-reset.html").locator(
        "#source").inner_text()
