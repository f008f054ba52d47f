"""What each page of the built site shows: the tool page section by section (modelled on the reference
catalogue's page for get_job on the Krea MCP server), the server page, the home, the indexes, the attack
pages, the JSON mirror, and what search engines read (canonical URLs, descriptions, sitemap, robots)."""

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from catalog.database import reading
from catalog.publish import build_site, extras, pages
from catalog.publish.attacks import ATTACKS
from tests.catalog.publish.test_site import site  # noqa: F401  (the module's built site, shared)

TOOL = Path("tools/keugenek-krea-mcp/get-job.html")


def section(page: str, ident: str) -> str:
    found = re.search(rf'<section id="{ident}"[^>]*>(.*?)</section>', page, re.S)
    assert found, f"no section #{ident}"
    return found.group(1)


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped (block ones as a space), entities decoded."""
    inline = re.sub(r"</?(a|code|em|small|span|strong)\b[^>]*>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def counts(url: str) -> tuple[int, int]:
    with reading(url) as reader:
        row = reader.one("SELECT count(*) AS n FROM tool WHERE NOT removed")
        servers = reader.one("SELECT count(*) AS n FROM server")
    assert row and servers
    return row["n"], servers["n"]


def test_tool_page_has_every_section_of_the_reference(site: tuple[str, Path]) -> None:  # noqa: F811
    url, out = site
    page = (out / TOOL).read_text()
    head = text(page.split('<article class="tool">')[1].split('<section id="what">')[0])
    assert "Low risk" in head and "Read" in head  # the badge, in words
    assert "Get the status and results of a generation job." in head  # the description
    assert "get_job is a Read tool on Krea MCP Server" in text(section(page, "what"))
    assert "What get_job does on Krea MCP Server" in section(page, "what")
    why = text(section(page, "why"))
    assert "Why get_job needs a policy" in why and "which is why its risk is Low" in why
    assert "From the tool's definition" in why and "name.verb.get in name" in why
    attacks = re.findall(r'href="\.\./\.\./attacks/([a-z-]+)\.html"', section(page, "attacks"))
    assert attacks == ["prompt-injection", "rug-pull"]
    policy = section(page, "policy")
    assert json.loads(html.unescape(re.search(r"<code>(.*?)</code>", policy, re.S).group(1))) == {
        "version": "1",
        "default": "deny",
        "tools": {"get_job": {}},
    }
    assert "Allow get_job, with no further conditions." in text(policy)
    assert 'href="../../servers/keugenek-krea-mcp.policy.json" download' in policy
    related = section(page, "related")
    assert 'href="../../tools/keugenek-krea-mcp/generate-image.html">generate_image</a>' in related
    assert "get_job.html" not in related and 'href="../../risk/low.html"' in related
    assert 'href="../../servers/keugenek-krea-mcp.html#policy"' in related
    assert 'href="../../tools/render-farm-jobs-mcp/get-job.html">get_job</a> on Render Farm: Low risk' in related
    questions = re.findall(r"<dt>(.*?)</dt>", section(page, "faq"))
    assert questions == [
        "What does get_job do?",
        "How do I enforce a policy on get_job?",
        "What is the risk level of get_job?",
        "How do I rate-limit get_job?",
        "How do I block get_job?",
        "Which server provides get_job?",
    ]
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["@type"] == "FAQPage" and [q["name"] for q in ld["mainEntity"]] == questions
    assert ld["mainEntity"][5]["acceptedAnswer"]["text"] == "Krea MCP Server (keugenek-krea-mcp)."
    tools, servers = counts(url)  # on the home page, not in every footer: a new tool rewrites only pages showing it
    home = (out / "index.html").read_text()
    assert f"{tools} tools catalogued and risk-classified across an index of {servers} servers:" in text(home)
    assert "across an index of" not in text(page)


def test_tool_page_goes_beyond_the_reference(site: tuple[str, Path]) -> None:  # noqa: F811
    _, out = site
    page = (out / TOOL).read_text()
    assert "job_id string yes The job ID to check" in text(section(page, "parameters"))
    annotations = text(section(page, "annotations"))
    assert "readOnlyHint not declared false true" in annotations  # declared, MCP default, our verdict
    assert "destructiveHint not declared true false" in annotations and "our verdict (Read)" in annotations
    history = text(section(page, "history"))
    assert re.search(r"Version 1\.0\.2 \(in force\), \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: first seen", history)
    assert re.search(r"\(definition [0-9a-f]{12}\)", history)
    source = section(page, "source")
    assert "From the source, src/index.js" in text(source)
    assert 'href="https://github.com/keugenek/krea-mcp/blob/v1.0.2/src/index.js"' in source  # pinned, not HEAD
    assert "blob/HEAD" not in page
    raw = json.loads(html.unescape(re.search(r"<pre><code>(.*?)</code></pre>", source, re.S).group(1)))
    assert raw["name"] == "get_job" and raw["inputSchema"]["required"] == ["job_id"]
    assert 'id="integrity"' not in page
    hostile = (out / "tools" / "evil-charts-mcp" / "render-chart.html").read_text()
    findings = text(section(hostile, "integrity"))
    assert "High: zero-width characters" in findings and "bidirectional controls" in findings


def test_server_page(site: tuple[str, Path]) -> None:  # noqa: F811
    _, out = site
    page = (out / "servers" / "keugenek-krea-mcp.html").read_text()
    assert "9 tools catalogued and risk-classified." in text(page)
    charts = re.findall(r"<figure><figcaption>(.*?)</figcaption><svg.*?</svg></figure>", page, re.S)
    assert charts == ["Tools by risk", "Tools by category"]
    assert re.search(r">Low</text>.*?>6</text>.*?>Medium</text>.*?>3</text>", page, re.S)  # counts as text
    assert re.search(r">Read</text>.*?>6</text>.*?>Write</text>.*?>3</text>", page, re.S)
    listed = re.findall(r'href="\.\./tools/keugenek-krea-mcp/([a-z-]+)\.html"', section(page, "tools"))
    assert len(listed) == 9 and "get-job" in listed
    assert 'href="keugenek-krea-mcp.policy.json" download' in section(page, "policy")
    policy = json.loads((out / "servers" / "keugenek-krea-mcp.policy.json").read_text())
    assert policy["default"] == "deny" and len(policy["tools"]) == 9 and policy["tools"]["get_job"] == {}
    install = text(section(page, "install"))
    assert "npm package @vmosaic/krea-mcp-server 1.0.2 (stdio); run it with npx -y @vmosaic/krea-mcp-server" in install
    sources = text(section(page, "sources"))
    assert "Registry name io.github.keugenek/krea-mcp" in sources and "Seen in registry" in sources
    assert "Last crawled" in sources and 'href="https://github.com/keugenek/krea-mcp"' in page


def test_home_indexes_and_attack_pages(site: tuple[str, Path]) -> None:  # noqa: F811
    url, out = site
    home = (out / "index.html").read_text()
    charts = re.findall(r"<figcaption>(.*?)</figcaption><svg role=\"img\"", home)
    assert charts == ["Tools by risk", "Tools by category"]
    assert all(f">{label}</text>" in home for label in ("Low", "Critical", "Read", "Financial"))
    tools, _ = counts(url)
    listed = 0
    for risk in ("low", "medium", "high", "critical"):
        listing = (out / "risk" / f"{risk}.html").read_text()
        rows = re.findall(r'<td><a href="\.\./tools/', listing)
        assert f"risk-{risk}" in listing and f'href="risk/{risk}.html"' in home
        listed += len(rows)
    assert listed == tools  # every classified tool in exactly one risk index
    for category in ("read", "write", "execute", "destructive", "financial"):
        assert (out / "category" / f"{category}.html").is_file() and f'href="category/{category}.html"' in home
    index = (out / "attacks" / "index.html").read_text()
    linked_from_tools = set()
    for tool_page in (out / "tools").rglob("*.html"):
        linked_from_tools |= set(re.findall(r'attacks/([a-z-]+)\.html"', section(tool_page.read_text(), "attacks")))
    assert linked_from_tools == set(ATTACKS) and len(ATTACKS) == 8
    for attack_id, attack in ATTACKS.items():
        page = (out / "attacks" / f"{attack_id}.html").read_text()
        assert f"<h1>{html.escape(attack['title'], quote=False)}</h1>" in page and f'href="{attack_id}.html"' in index
        assert "What a policy does against it" in page and '<td><a href="../tools/' in page


def test_indexes_are_paginated(site: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    url, _ = site
    monkeypatch.setattr(pages, "PAGE_SIZE", 4)
    out = tmp_path / "paged"
    build_site(url, out)
    read = sorted((out / "category").glob("read*.html"))
    assert len(read) >= 3
    seen = []
    for number, page in enumerate(sorted(read, key=lambda p: len(p.name)), start=1):
        content = page.read_text()
        seen += re.findall(r'<td><a href="\.\./tools/([^"]+)"', content)
        assert f'<span aria-current="page">{number}</span>' in content
        assert ('href="../category/read-2.html"' in content) == (number != 2)
    assert len(seen) == len(set(seen)) == int(re.search(r"(\d+) tools\.</p>", read[0].read_text()).group(1))
    assert (out / "servers" / "index-2.html").is_file()


def test_json_mirror(site: tuple[str, Path]) -> None:  # noqa: F811
    url, out = site
    index = json.loads((out / "api" / "index.json").read_text())
    tools, servers = counts(url)
    assert index["totals"]["tools"] == tools and len(index["servers"]) == servers
    entry = next(s for s in index["servers"] if s["slug"] == "keugenek-krea-mcp")
    server = json.loads((out / entry["json"]).read_text())
    assert entry["url"] == "servers/keugenek-krea-mcp.html" and len(server["tools"]) == entry["tools"] == 9
    assert server["packages"][0]["identifier"] == "@vmosaic/krea-mcp-server" and server["policy"]["default"] == "deny"
    tool = json.loads((out / "api" / "tools" / "keugenek-krea-mcp" / "get-job.json").read_text())
    assert tool["risk"] == "Low" and tool["url"] == TOOL.as_posix() and tool["inputSchema"]["required"] == ["job_id"]
    assert tool in server["tools"]
    assert len(list((out / "api" / "tools").rglob("*.json"))) == tools


def test_canonical_urls_descriptions_sitemap_robots(
    site: tuple[str, Path],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, _ = site
    out = tmp_path / "hosted"
    build_site(url, out, base_url="https://risk.example/catalogue/")
    page = (out / TOOL).read_text()
    assert '<link rel="canonical" href="https://risk.example/catalogue/tools/keugenek-krea-mcp/get-job.html">' in page
    assert 'href="../../static/style.css"' in page  # links stay relative: the site works under any prefix
    for html_page in out.rglob("*.html"):
        content = html_page.read_text()
        description = re.search(r'<meta name="description" content="([^"]+)">', content)
        assert description and len(description.group(1)) > 20, html_page
        assert content.count("<h1>") == 1, html_page
    description = re.search(r'<meta name="description" content="([^"]+)">', page).group(1)
    assert html.unescape(description).startswith("get_job (Krea MCP Server): Read, Low risk. Get the status")
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text for loc in ET.parse(out / "sitemap.xml").getroot().iter(f"{ns}loc")]
    assert "https://risk.example/catalogue/tools/keugenek-krea-mcp/get-job.html" in locs
    assert all(loc and loc.startswith("https://risk.example/catalogue/") for loc in locs)
    assert len(locs) == len(list(out.rglob("*.html"))) - 1  # every page but the 404
    monkeypatch.setattr(extras, "SITEMAP_LIMIT", 30)  # past the limit, sitemap.xml is an index of sitemaps
    split = tmp_path / "split"
    build_site(url, split, base_url="https://risk.example/catalogue")
    index = ET.parse(split / "sitemap.xml").getroot()
    parts = [loc.text or "" for loc in index.iter(f"{ns}loc")]
    assert index.tag == f"{ns}sitemapindex" and parts[0] == "https://risk.example/catalogue/sitemap-1.xml"
    in_parts = [
        loc.text for part in parts for loc in ET.parse(split / part.rsplit("/", 1)[1]).getroot().iter(f"{ns}loc")
    ]
    assert in_parts == locs and len(parts) == -(-len(locs) // 30)
    robots = (out / "robots.txt").read_text()
    assert robots == "User-agent: *\nAllow: /\nSitemap: https://risk.example/catalogue/sitemap.xml\n"
    not_found = (out / "404.html").read_text()
    assert "<h1>Not found</h1>" in not_found  # served at any depth: its links are absolute when the URL is known
    assert 'href="https://risk.example/catalogue/search.html"' in not_found
    assert 'href="https://risk.example/catalogue/static/style.css"' in not_found
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.findtext("{http://www.w3.org/2005/Atom}id") == "https://risk.example/catalogue/feed.xml"
