"""The static site built from a real catalogue: links, hostile text, reproducible and incremental builds.

Page contents are checked in test_site_pages.py, the site in a real browser in test_site_browser.py.
"""

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from typer.testing import CliRunner

from catalog.core.definition import ToolDefinition
from catalog.core.records import ServerRecord
from catalog.publish import build_site, workers
from catalog.publish.manifest import MANIFEST
from catalog.store import Store
from crawler.corpus.snapshot import SAMPLE_DIR, load_snapshot
from mcprisk.cli import app
from mcprisk.judging import classify_catalogue
from tests.conftest import krea_record

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
    store.upsert_server(  # a namesake: get_job on another server
        ServerRecord(
            registry_name="io.github.render-farm/jobs-mcp",
            repository_url="https://github.com/render-farm/jobs-mcp",
            title="Render Farm",
            description="Queue render work",
            tools=[ToolDefinition(name="get_job", description="Read the state of a render job.", input_schema={})],
        ),
        "registry",
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
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            self.attributes.append((tag, key, value or ""))
            if key in ("href", "src") and value:
                self.links.append(value)
            if key == "id" and value:
                self.ids.add(value)


def parsed(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text())
    return parser


def test_every_link_resolves(site: tuple[str, Path]) -> None:
    """Every relative link of every page names a file of the site, and its #fragment an id on that page."""
    _, out = site
    pages = {page: parsed(page) for page in out.rglob("*.html")}
    checked = 0
    for page, parser in pages.items():
        for link in parser.links:
            target, fragment = urldefrag(link)
            if urlsplit(target).scheme in ("http", "https", "mailto"):
                continue
            assert not target.startswith("/"), f"{page}: absolute link {link}"
            resolved = (page.parent / urlsplit(target).path).resolve() if target else page
            assert resolved.is_file(), f"{page.relative_to(out)} links to missing {link}"
            if fragment and resolved.suffix == ".html":
                assert fragment in pages[resolved].ids, f"{page.relative_to(out)} links to missing #{fragment}"
            checked += 1
    assert checked > 500


def test_hostile_text_is_inert_in_the_files(site: tuple[str, Path]) -> None:
    _, out = site
    page = (out / "tools" / "evil-charts-mcp" / "render-chart.html").read_text()
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert 'onerror="window' not in page and "<!-- hidden" not in page
    assert "\u202e" not in page and "⟦U+202E⟧" in page and "⟦U+200B⟧" in page
    assert "<svg onload" not in page
    for html in out.rglob("*.html"):  # nowhere: no script URL, no event handler, no script but our own
        parser = parsed(html)
        for tag, key, value in parser.attributes:
            assert not key.startswith("on"), f"{html.relative_to(out)}: <{tag} {key}>"
            assert not value.strip().lower().startswith(("javascript:", "data:")), f"{html.relative_to(out)}: {value}"
        scripts = [value for tag, key, value in parser.attributes if tag == "script" and key in ("src", "type")]
        assert set(scripts) <= {"application/ld+json", "search-index.js", "static/search.js"}, html


def test_same_catalogue_same_bytes_and_incremental_rebuild(
    site: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = tmp_path / "a", tmp_path / "b"
    build_site(url, first, workers=1)
    monkeypatch.setattr(workers, "IN_PROCESS_BELOW", 0)  # this small site too in two forked page workers
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
    gone = {p.relative_to(first).as_posix() for p in before if not p.exists()}
    assert all(p.startswith("search/w-") for p in gone)  # only chunks of words no tool has any more
    rewritten = {
        p.relative_to(first).as_posix() for p, mtime in before.items() if p.exists() and p.stat().st_mtime_ns != mtime
    }
    assert changed.written >= len(rewritten - {MANIFEST}) and changed.deleted == len(gone)
    assert {"tools/keugenek-krea-mcp/get-job.html", "api/tools/keugenek-krea-mcp/get-job.json"} <= rewritten
    site_wide = ("index.html", "changes.html", "feed.xml", "search-index.js", "api/index.json", MANIFEST)
    site_wide += ("tools/render-farm-jobs-mcp/get-job.html",)  # lists its namesake get_job with its verdict
    site_wide += ("servers/index.html", "servers/riskiest.html")  # each server's grade, from its tools' verdicts
    for path in rewritten:  # only what shows the changed tool: its server's pages, indexes and site-wide files
        assert "keugenek-krea-mcp" in path or path in site_wide or path.split("/")[0] in (
            "risk", "category", "attacks", "search"
        )  # fmt: skip
    assert not any(p.startswith("tools/evil-charts-mcp/") for p in rewritten)
    assert changed.unchanged > len(rewritten)
    tool_page = (first / "tools" / "keugenek-krea-mcp" / "get-job.html").read_text()
    assert "Changed." in tool_page and "changed description" in tool_page
    assert (
        'href="tools/keugenek-krea-mcp/get-job.html">Krea MCP Server/get_job</a> changed description'
        in (first / "changes.html").read_text()
    )
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(first / "feed.xml").getroot()
    entry = feed.find(f"{atom}entry")
    assert entry is not None and entry.findtext(f"{atom}title") == "Krea MCP Server/get_job changed description"
    assert entry.find(f"{atom}link").get("href") == "tools/keugenek-krea-mcp/get-job.html"  # type: ignore[union-attr]
    assert feed.findtext(f"{atom}updated") == entry.findtext(f"{atom}updated")

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


def test_after_an_interrupted_build_leftovers_go_and_foreign_files_stay(site: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = site
    out = tmp_path / "site"
    build_site(url, out)
    manifest = json.loads((out / MANIFEST).read_text())
    (out / MANIFEST).write_text(json.dumps({**manifest, "inputs": None}))  # as a killed rebuild leaves it
    leftovers = ["servers/keugenek-krea-mcp.html.tmp", "tools/gone-server/gone-tool.html", "api/tools/gone/x.json"]
    for path in leftovers:
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text("half")
    (out / "notes.txt").write_text("the owner's")
    again = build_site(url, out)
    assert again.deleted == 3 and not any((out / path).exists() for path in leftovers)
    assert (out / "notes.txt").read_text() == "the owner's"

    foreign = tmp_path / "foreign"  # no manifest: not known to be the site's own folder, only our copies go
    (foreign / "tools").mkdir(parents=True)
    (foreign / "tools" / "mine.html").write_text("the owner's")
    (foreign / "index.html.tmp").write_text("half")
    (foreign / f"{MANIFEST}.tmp").write_text("half")
    build_site(url, foreign)
    assert (foreign / "tools" / "mine.html").read_text() == "the owner's"
    assert not (foreign / "index.html.tmp").exists() and not (foreign / f"{MANIFEST}.tmp").exists()
