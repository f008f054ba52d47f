"""What a security engineer reads first, in a real headless Chromium from file://: poisoning everywhere a tool
shows, a grade per server, deprecation, colours that mean one thing, the methodology, and search that finds.

Screenshots of the home, a server, a poisoned tool and the search page go to test-artifacts/.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.catalog.publish.test_site import site  # noqa: F401  (the module's built site, shared)
from tests.catalog.publish.test_site_browser import ARTIFACTS, CHROMIUM, PHONE, Watched, browser  # noqa: F401

POISONED = "tools/quickcalc-calculator-mcp/add.html"
ATTACKER_TEXT = ("id_rsa", "upset the user", "sidenote")
DESKTOP = {"width": 1200, "height": 900}
# the poisoned `add`'s category: 'add' heads its name, a write to the rules and, weighed alone ('Adds two numbers.'),
# to the model too; the attacker's words ('read', 'before') tip the 3.10 model to Read (0.63), and the learned blend
# follows it (0.68): the rules' Write is no firm reading. Critical all the same.
ADD = "Read"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`)")


def row_of(page: Any, tool: str) -> Any:
    return page.locator("table.tools tr", has=page.locator(f'a:text-is("{tool}")')).first


def test_a_poisoned_tool_is_labelled_everywhere_and_its_text_never_reads_as_its_own(
    site: tuple[str, Path],  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    _, out = site
    watched = Watched(browser, DESKTOP)
    # Critical whatever its category, for what its description hides
    for path in ("index.html", "risk/critical.html", f"category/{ADD.lower()}.html", "attacks/tool-poisoning.html",
                 "servers/quickcalc-calculator-mcp.html"):  # fmt: skip
        page = watched.open(out, path)
        row = row_of(page, "add")
        badges = row.locator(".verdict .badge").all_inner_texts()
        assert badges[0].lower() == "poisoned" and badges[1] == "Critical risk" and badges[2] == ADD, (path, badges)
        assert "Description withheld" in row.inner_text(), path
        body = page.locator("main").inner_text()
        assert not any(text in body for text in ATTACKER_TEXT), f"{path} shows the attacker's text"
    home = watched.open(out, "index.html")
    assert home.locator("#poisoned h2").inner_text() == "Poisoned tools: block these"
    servers = watched.open(out, "servers/index.html")
    quickcalc = servers.locator("tr", has=servers.locator('a:text-is("QuickCalc")')).first
    assert "poisoned: 1" in quickcalc.inner_text().lower() and "Grade F" in quickcalc.inner_text()
    mirror = json.loads((out / "api/tools/quickcalc-calculator-mcp/add.json").read_text())
    assert mirror["poisoned"] is True and mirror["policy"]["deny"] is True
    assert watched.errors == [] and watched.dialogs == []


def test_the_integrity_box_comes_first_and_quotes_the_description(
    site: tuple[str, Path],  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    _, out = site
    ARTIFACTS.mkdir(exist_ok=True)
    for viewport, shot in ((DESKTOP, "poisoned-tool"), (PHONE, "phone-poisoned-tool")):
        page = Watched(browser, viewport).open(out, POISONED)
        page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
        first = page.evaluate("document.querySelector('article.tool h1').nextElementSibling.id")
        assert first == "integrity"
        box = page.locator("#integrity")
        top = box.bounding_box()["y"]
        assert top < viewport["height"] / 3, f"the integrity box starts {top}px down at {viewport['width']}px wide"
        assert box.locator("h2").inner_text() == "Poisoned: block this tool"
        quoted = box.locator("figure.quoted")
        assert "Untrusted text" in quoted.locator("figcaption").inner_text()
        assert "id_rsa" in quoted.locator("blockquote").inner_text()  # only here, quoted and labelled
        marks = quoted.locator("mark.matched").all_inner_texts()
        assert any("<IMPORTANT>" in m for m in marks)  # the matched text, highlighted as text
        assert page.locator("p.description").count() == 0  # never as if it were the tool's text
        meta = page.locator('meta[name="description"]').get_attribute("content")
        assert meta.startswith("add (QuickCalc): Poisoned") and "id_rsa" not in meta and "Adds two" not in meta
        assert page.evaluate("typeof window.__pwned") == "undefined"
    faq = page.locator("#faq").inner_text()
    assert "rate-limit" not in faq and "What does add do?" not in faq
    assert "Should I allow add?" in faq and "No. Its definition is poisoned" in faq
    assert "Deny add" in page.locator("#policy").inner_text()
    hostile = Watched(browser, DESKTOP).open(out, "tools/evil-charts-mcp/render-chart.html")
    marks = hostile.locator("#integrity blockquote mark.matched").all_inner_texts()
    assert "⟦U+202E⟧" in marks and "⟦U+200B⟧" in marks  # invisible characters, made visible and marked


def test_a_grade_per_server_and_deprecation_banners(site: tuple[str, Path], browser: Any) -> None:  # noqa: F811
    _, out = site
    ARTIFACTS.mkdir(exist_ok=True)
    watched = Watched(browser, DESKTOP)
    page = watched.open(out, "servers/keugenek-krea-mcp.html")
    page.screenshot(path=str(ARTIFACTS / "server-graded.png"), full_page=True)
    grade = page.locator("#grade").inner_text()
    assert "Grade B" in grade and "worst risk Medium" in grade and "poisoned: no" in grade
    assert "6 of 9 tools safe to allow by default" in grade and "Read 6, Write 3" in grade
    assert "Default deny" in page.locator("#policy").inner_text()
    assert page.locator('#policy a[href="keugenek-krea-mcp.intercept.yaml"]').count() == 1
    assert "\ndefault: deny\n" in (out / "servers/keugenek-krea-mcp.intercept.yaml").read_text()
    riskiest = watched.open(out, "servers/riskiest.html")
    grades = riskiest.locator("table.servers tbody tr td:nth-child(2)").all_inner_texts()
    assert grades[0] == "Grade F" and grades == sorted(grades, key=lambda g: "FDCBA-".index(g[-1]))  # riskiest first
    assert riskiest.locator('a[href$="servers/index.html"]', has_text="sort by name").count() == 1
    for path in ("servers/oldtools-legacy-mail-mcp.html", "tools/oldtools-legacy-mail-mcp/send-email.html"):
        banner = watched.open(out, path).locator(".banner.deprecated")
        assert banner.count() == 1 and "Deprecated server." in banner.inner_text(), path
    assert watched.open(out, "tools/keugenek-krea-mcp/get-job.html").locator(".banner.deprecated").count() == 0
    method = watched.open(out, "methodology.html")
    assert "Financial" in method.locator("#category table").inner_text()
    assert "param.path" in method.locator("#risk table").inner_text()
    assert "integrity.hidden_tag" in method.locator("#findings table").inner_text()
    assert watched.errors == []


def test_one_colour_per_risk_and_a_scheme_of_its_own_for_categories(
    site: tuple[str, Path],  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    _, out = site
    page = Watched(browser, DESKTOP).open(out, "index.html")
    colours = page.evaluate(
        """() => {
          const probe = (cls) => { const s = document.createElement('span'); s.className = cls;
            document.body.appendChild(s); const c = getComputedStyle(s);
            const out = [c.backgroundColor, c.color, c.borderTopColor, c.borderRadius]; s.remove(); return out; };
          const r = {};
          for (const k of ['low', 'medium', 'high', 'critical']) r[k] = probe('badge risk-' + k);
          for (const k of ['read', 'write', 'execute', 'destructive', 'financial']) r[k] = probe('badge cat cat-' + k);
          return r; }"""
    )
    risk_fills = {colours[k][0] for k in ("low", "medium", "high", "critical")}
    assert len(risk_fills) == 4  # one colour per level
    category_inks = [colours[k][1] for k in ("read", "write", "execute", "destructive", "financial")]
    assert len(set(category_inks)) == 5
    used_by_risks = {c for k in ("low", "medium", "high", "critical") for c in colours[k][:3]}
    assert not used_by_risks & set(category_inks)  # Critical is not Financial's purple, High not Destructive's red
    assert colours["critical"][3] != colours["financial"][3]  # pills for risk, square tags for categories


def test_search_finds_words_levels_findings_and_typos(site: tuple[str, Path], browser: Any) -> None:  # noqa: F811
    _, out = site
    ARTIFACTS.mkdir(exist_ok=True)
    watched = Watched(browser, DESKTOP)
    page = watched.open(out, "search.html")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    def search(query: str, risk: str = "", category: str = "") -> list[str]:
        page.select_option("#risk", risk)
        page.select_option("#category", category)
        page.fill("#q", query)
        page.wait_for_function("!document.getElementById('status').textContent.startsWith('Searching')")
        page.wait_for_function(
            "document.getElementById('status').textContent.startsWith('0 ') || "
            "document.querySelectorAll('#results li').length > 0"
        )
        return page.locator("#results li > a").all_inner_texts()

    assert "keugenek-krea-mcp/get_job" in search("getjob")  # a name squashed
    assert "keugenek-krea-mcp/get_job" in search("genration")  # a typo of a word of its description
    assert "keugenek-krea-mcp/get_job" in search("krea job")  # the server's name finds its tools
    poisoned = search("poisoned")
    assert {"quickcalc-calculator-mcp/add", "evil-charts-mcp/render_chart"} <= set(poisoned)
    item = page.locator("#results li", has=page.locator('a:text-is("quickcalc-calculator-mcp/add")'))
    badges = [b.lower() for b in item.locator(".badge").all_inner_texts()[1:4]]
    assert badges == ["poisoned", "critical risk", ADD.lower()]
    assert "Description withheld" in item.inner_text() and "id_rsa" not in page.locator("#results").inner_text()
    critical = search("critical")
    assert "shellcraft-shell-mcp/run_command" in critical and "keugenek-krea-mcp/get_job" not in critical
    filtered = search("", risk="critical", category="destructive")
    assert filtered and all(
        "Critical risk" in t and "Destructive" in t for t in page.locator("#results li").all_inner_texts()
    )
    described = search("job", category="read")
    assert "keugenek-krea-mcp/get_job" in described
    get_job = page.locator("#results li", has=page.locator('a:text-is("keugenek-krea-mcp/get_job")'))
    assert "status and results of a generation job" in get_job.inner_text()  # results with their description
    page.select_option("#category", "")
    search("critical")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    assert search("zzzznothing") == [] and page.locator("#status").inner_text() == "0 results"
    loaded = [u for u in requests if "/search/" in u]
    assert loaded and all("/search/w-" in u or "/search/e-" in u for u in loaded)  # chunks, on demand
    assert watched.errors == [] and watched.dialogs == []
