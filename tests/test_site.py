"""The static site built from a real catalogue, checked as files and in a real headless Chromium."""

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from typer.testing import CliRunner

from catalog import publish
from catalog.classify import classify_catalogue
from catalog.cli import app
from catalog.definition import ToolDefinition
from catalog.publish import build_site
from catalog.records import ServerRecord
from catalog.store import Store
from crawler.snapshot import SAMPLE_DIR, load_snapshot
from tests.conftest import krea_record

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = (
    'Shows a chart <script>window.__pwned = 1; alert(1)</script> <img src=x onerror="window.__pwned=2"> '
    '<a href="javascript:window.__pwned=3">click</a> <!-- hidden comment --> '
    "safe\u202etxt.exe\u202c and zero\u200bwidth"
)


def fill(store: Store) -> None:
    load_snapshot(store, SAMPLE_DIR)
    store.upsert_server(krea_record(), "registry")
    store.upsert_server(
        ServerRecord(
            registry_name="io.github.evil/<b>charts</b>",
            repository_url="https://github.com/evil/charts-mcp",
            title='Charts <script>alert("t")</script>',
            description="<img src=x onerror=alert(1)>",
            tools=[
                ToolDefinition(
                    name="render_chart",
                    description=HOSTILE,
                    input_schema={
                        "type": "object",
                        "properties": {"spec": {"type": "string", "description": "<svg onload=alert(1)>"}},
                    },
                )
            ],
        ),
        "awesome",
    )
    classify_catalogue(store)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from catalog.database import open_engine

    folder = tmp_path_factory.mktemp("site")
    url = f"sqlite:///{folder / 'catalogue.db'}"
    store = Store(open_engine(url))
    fill(store)
    out = folder / "out"
    summary = build_site(url, out, workers=2)
    assert summary.pages > 40
    yield url, out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.links.append(value)
            if key == "id" and value:
                self.ids.add(value)


def test_every_link_resolves(site: tuple[str, Path]) -> None:
    _, out = site
    checked = 0
    for page in out.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text())
        for link in parser.links:
            target, _ = urldefrag(link)
            if not target or urlsplit(target).scheme in ("http", "https", "mailto"):
                continue
            assert not target.startswith("/"), f"{page}: absolute link {link}"
            resolved = (page.parent / urlsplit(target).path).resolve()
            assert resolved.is_file(), f"{page.relative_to(out)} links to missing {link}"
            checked += 1
    assert checked > 500


def test_tool_page_has_every_section(site: tuple[str, Path]) -> None:
    _, out = site
    page = (out / "tools" / "keugenek-krea-mcp" / "get-job.html").read_text()
    for section in (
        "what",
        "why",
        "attacks",
        "policy",
        "parameters",
        "annotations",
        "history",
        "source",
        "related",
        "faq",
    ):
        assert f'id="{section}"' in page, section
    assert "What get_job does on Krea MCP Server" in page and "Why get_job needs a policy" in page
    assert "From the tool&#39;s definition" in page and "Low risk" in page
    assert "tools catalogued and risk-classified across an index of" in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["@type"] == "FAQPage" and len(ld["mainEntity"]) == 6
    server = (out / "servers" / "keugenek-krea-mcp.html").read_text()
    assert "9 tools catalogued and risk-classified" in server and "npx -y @vmosaic/krea-mcp-server" in server
    policy = json.loads((out / "servers" / "keugenek-krea-mcp.policy.json").read_text())
    assert policy["default"] == "deny" and policy["tools"]["get_job"] == {}
    api = json.loads((out / "api" / "tools" / "keugenek-krea-mcp" / "get-job.json").read_text())
    assert api["risk"] == "Low" and api["url"] == "tools/keugenek-krea-mcp/get-job.html"
    assert (out / "feed.xml").read_text().startswith("<?xml") and "<urlset" in (out / "sitemap.xml").read_text()


def test_hostile_text_is_inert_in_the_files(site: tuple[str, Path]) -> None:
    _, out = site
    page = (out / "tools" / "evil-charts-mcp" / "render-chart.html").read_text()
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert 'onerror="window' not in page and "<!-- hidden" not in page
    assert "\u202e" not in page and "⟦U+202E⟧" in page and "⟦U+200B⟧" in page
    assert "<svg onload" not in page


def test_same_catalogue_same_bytes_and_incremental_rebuild(
    site: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = tmp_path / "a", tmp_path / "b"
    build_site(url, first, workers=1)
    monkeypatch.setattr(publish, "IN_PROCESS_BELOW", 0)  # this small site too in two forked page workers
    build_site(url, second, workers=2)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    again = build_site(url, first)
    assert again.written == 0 and again.deleted == 0

    from catalog.database import open_engine

    store = Store(open_engine(url))
    record = krea_record()
    assert record.tools is not None
    record.tools = [replace(t, description="Changed.") if t.name == "get_job" else t for t in record.tools]
    store.upsert_server(record, "registry")
    classify_catalogue(store)
    before = {p: p.stat().st_mtime_ns for p in first.rglob("*") if p.is_file()}
    changed = build_site(url, first)
    rewritten = {p.relative_to(first).as_posix() for p, mtime in before.items() if p.stat().st_mtime_ns != mtime}
    assert changed.written == len(rewritten - {publish.MANIFEST}) and changed.deleted == 0
    assert {"tools/keugenek-krea-mcp/get-job.html", "api/tools/keugenek-krea-mcp/get-job.json"} <= rewritten
    site_wide = ("index.html", "changes.html", "feed.xml", "search-index.js", "api/index.json", publish.MANIFEST)
    for path in rewritten:  # only what shows the changed tool: its server's pages, indexes and site-wide files
        assert "keugenek-krea-mcp" in path or path in site_wide or path.split("/")[0] in ("risk", "category", "attacks")
    assert not any(p.startswith("tools/evil-charts-mcp/") for p in rewritten)
    assert changed.unchanged > len(rewritten)
    tool_page = (first / "tools" / "keugenek-krea-mcp" / "get-job.html").read_text()
    assert "Changed." in tool_page and "changed description" in tool_page

    record.tools = [t for t in record.tools if t.name != "upload_asset"]
    store.upsert_server(record, "registry")
    removed = build_site(url, first)
    assert not (first / "tools" / "keugenek-krea-mcp" / "upload-asset.html").exists()
    assert not (first / "api" / "tools" / "keugenek-krea-mcp" / "upload-asset.json").exists()
    assert removed.deleted == 2


def test_build_command(site: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = site
    result = CliRunner().invoke(app, ["build", str(tmp_path / "cli"), "--db", url, "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["pages"] > 40 and (tmp_path / "cli" / "index.html").is_file()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`)")
def test_in_a_real_browser(site: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    _, out = site
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
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
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path, shot in (
            ("index.html", "home"),
            ("servers/keugenek-krea-mcp.html", "server"),
            ("tools/keugenek-krea-mcp/get-job.html", "tool"),
            ("tools/evil-charts-mcp/render-chart.html", "hostile"),
        ):
            page.goto((out / path).as_uri())
            page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        page.goto((out / "search.html").as_uri())
        page.fill("#q", "generation")
        results = page.locator("#results a")
        assert results.count() >= 1
        assert any("get_job" in results.nth(i).inner_text() for i in range(results.count()))
        page.goto((out / "search.html").as_uri() + "?q=payment")
        assert page.locator("#results a").count() >= 1
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        browser.close()
    assert dialogs == [] and errors == []
