"""The built site in a real headless Chromium (Debian's ``chromium`` driven by Playwright), from file://.

Screenshots of the home, a server and a tool page, at desktop and at phone width, go to test-artifacts/.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.catalog.publish.test_site import site  # noqa: F401  (the module's built site, shared)
from tests.paths import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE = {"width": 375, "height": 740}
TOOL = "tools/keugenek-krea-mcp/get-job.html"
HOSTILE_TOOL = "tools/evil-charts-mcp/render-chart.html"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


class Watched:
    """A page that records console errors, uncaught exceptions and dialogs (an alert() is a script that ran)."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.page = browser.new_page(viewport=viewport)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, out: Path, path: str, query: str = "") -> Any:
        self.page.goto((out / path).as_uri() + query)
        assert self.page.evaluate("typeof window.__pwned") == "undefined", f"a script from the catalogue ran: {path}"
        return self.page


def test_pages_render_without_errors_and_hostile_text_runs_nothing(site: tuple[str, Path], browser: Any) -> None:  # noqa: F811
    _, out = site
    ARTIFACTS.mkdir(exist_ok=True)
    watched = Watched(browser, {"width": 1200, "height": 900})
    for path, shot in (
        ("index.html", "home"),
        ("servers/keugenek-krea-mcp.html", "server"),
        (TOOL, "tool"),
        (HOSTILE_TOOL, "hostile"),
    ):
        watched.open(out, path).screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
    for path in (
        "servers/evil-charts-mcp.html",
        "servers/index.html",
        "risk/critical.html",
        "category/read.html",
        "attacks/index.html",
        "attacks/tool-poisoning.html",
        "changes.html",
        "404.html",
    ):
        watched.open(out, path)
    page = watched.open(out, TOOL)
    headings = page.locator("main h2").all_inner_texts()
    for heading in (
        "What get_job does on Krea MCP Server",
        "Why get_job needs a policy",
        "Attack patterns that abuse this kind of access",
        "Recommended policy",
        "Parameters",
        "Declared annotations and our verdict",
        "Definition history",
        "Where it was found",
        "Related tools and policies",
        "FAQ",
    ):
        assert heading in headings
    assert page.locator(".verdict .badge").first.inner_text() == "Low risk"  # risk in words, not only colour
    assert watched.dialogs == [] and watched.errors == []


def test_search_works_offline(site: tuple[str, Path], browser: Any) -> None:  # noqa: F811
    _, out = site
    watched = Watched(browser, {"width": 1200, "height": 900})
    page = watched.open(out, "search.html")

    def settled() -> None:  # chunks load on demand: wait for the answer, not the first keystroke's
        page.wait_for_function(
            "(s => s !== '' && !s.startsWith('Searching'))(document.getElementById('status').textContent) && "
            "(document.getElementById('status').textContent.startsWith('0 ') || "
            "document.querySelectorAll('#results li').length > 0)"
        )

    page.fill("#q", "generation")  # a word of get_job's description, not of its name
    settled()
    results = page.locator("#results a")
    assert any("get_job" in text for text in results.all_inner_texts())
    results.filter(has_text="keugenek-krea-mcp/get_job").first.click()
    assert page.url.endswith(TOOL)
    page = watched.open(out, "search.html", "?q=payment")
    settled()
    assert page.locator("#results a").count() >= 1
    page.fill("#q", "pwned onerror")  # hostile text in the results is shown as text, never parsed
    settled()
    assert page.locator("#results a").count() == 1
    assert "evil-charts-mcp/render_chart" in page.locator("#results").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.fill("#q", "zzzznothing")
    settled()
    assert page.locator("#status").inner_text() == "0 results"
    assert watched.dialogs == [] and watched.errors == []


def test_keyboard_navigation(site: tuple[str, Path], browser: Any) -> None:  # noqa: F811
    _, out = site
    page = Watched(browser, {"width": 1200, "height": 900}).open(out, TOOL)
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert skip == ["skip", "Skip to content"]
    style = page.evaluate("getComputedStyle(document.activeElement)")
    assert style["outlineStyle"] != "none" and float(style["outlineWidth"].removesuffix("px")) >= 2  # focus visible
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0  # shown on screen when focused
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'", timeout=5000)
    page.keyboard.press("Tab")  # the next stop is inside the content, past the site's navigation
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_readable_on_a_phone(site: tuple[str, Path], browser: Any) -> None:  # noqa: F811
    _, out = site
    ARTIFACTS.mkdir(exist_ok=True)
    watched = Watched(browser, PHONE)
    for path, shot in (
        ("index.html", "phone-home"),
        ("servers/keugenek-krea-mcp.html", "phone-server"),
        (TOOL, "phone-tool"),
        (HOSTILE_TOOL, None),
        ("risk/critical.html", None),
    ):
        page = watched.open(out, path)
        if shot:
            page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways on a phone ({width}px wide)"
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
        assert size >= 14, f"{path}: body text of {size}px is too small on a phone"
    assert watched.errors == []
