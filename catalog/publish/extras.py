"""The files beside the pages: JSON mirror, search index, per-server policy.json, Atom feed, sitemap, robots."""

import json
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape

from catalog.core import jsontext as strict_json
from catalog.policies import intercept_policy
from catalog.publish import search_index
from catalog.publish.data import Catalogue
from catalog.publish.pages import Page, changes, tool_path
from catalog.publish.render import visible
from catalog.verdict_rows import tool_json

SITEMAP_LIMIT = 50_000  # URLs in one sitemap file, the protocol's limit


def to_json(value: Any) -> bytes:
    text = strict_json.dumps(value, sort_keys=True, ensure_ascii=True, default=str, separators=(",", ":"))
    return (text + "\n").encode()


def tool_record(tool: dict[str, Any]) -> dict[str, Any]:
    return {**tool_json(tool), "inputSchema": tool["input_schema"], "url": tool_path(tool)}


def server_json(server: dict[str, Any]) -> Iterator[Page]:
    """A server's policy.json and its part of the mirror (the server and each tool): rendered by the page
    workers beside the server's pages."""
    slug = server["slug"]
    yield Page(f"servers/{slug}.policy.json", "", server["policy"])
    yield Page(f"servers/{slug}.intercept.yaml", "raw", {"content": intercept_policy(slug, server["policy"]).encode()})
    yield Page(
        f"api/servers/{slug}.json",
        "",
        {
            "slug": slug,
            "name": server["registry_name"],
            "title": server["title"],
            "description": server["description"],
            "repository": server["repository_url"],
            "version": server["version"],
            "status": server["status"],
            "sources": server["sources"],
            "packages": [
                {k: p[k] for k in ("registry_type", "identifier", "version", "transport")} for p in server["packages"]
            ],
            "policy": server["policy"],
            "tools": [tool_record(t) for t in server["tools"]],
            "introspection": server["introspection"],  # its answer in the sandbox and the differences with the code
        },
    )
    for tool in server["tools"]:
        yield Page(f"api/tools/{tool['server']}/{tool['slug']}.json", "", tool_record(tool))


def files(catalogue: Catalogue, shared: dict[str, Any], parts: set[str]) -> dict[str, dict[str, bytes]]:
    """The files made from the whole catalogue at once, by part: the mirror's index (``@index``), the search
    index (``@search``: its state for the next build under ``@search-state``) and the feed (``@feed``); only
    the ``parts`` asked for."""
    out: dict[str, dict[str, bytes]] = {}
    if "@index" in parts:
        out["@index"] = {"api/index.json": _index(catalogue, shared)}
    if "@search" in parts:
        out["@search"], state = search_index.build_with_state(catalogue)
        out["@search-state"] = {"state": json.dumps(state).encode()}
    if "@feed" in parts:
        out["@feed"] = {"feed.xml": _feed(catalogue, shared)}
    return out


def _index(catalogue: Catalogue, shared: dict[str, Any]) -> bytes:
    return to_json(
        {
            "totals": shared["totals"],
            "servers": [
                {
                    "slug": s["slug"],
                    "name": s["registry_name"],
                    "title": s["title"],
                    "tools": len(s["tools"]),
                    "url": f"servers/{s['slug']}.html",
                    "json": f"api/servers/{s['slug']}.json",
                }
                for s in catalogue.servers
            ],
        }
    )


def sitemap(page_paths: list[str], base: str) -> dict[str, bytes]:
    """sitemap.xml of every page but the 404, and robots.txt pointing at it. Past SITEMAP_LIMIT pages (the
    protocol's cap for one file) sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml..."""
    locs = [f"{base}/{p}" if base else p for p in sorted(page_paths) if p != "404.html"]
    chunks = [locs[i : i + SITEMAP_LIMIT] for i in range(0, len(locs), SITEMAP_LIMIT)] or [[]]
    out: dict[str, bytes] = {}
    if len(chunks) == 1:
        out["sitemap.xml"] = _urlset(chunks[0])
    else:
        names = [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
        out.update({name: _urlset(chunk) for name, chunk in zip(names, chunks, strict=True)})
        entries = "".join(f"<sitemap><loc>{escape(f'{base}/{n}' if base else n)}</loc></sitemap>\n" for n in names)
        out["sitemap.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">\n{entries}</sitemapindex>\n'
        ).encode()
    sitemap = f"{base}/sitemap.xml" if base else "sitemap.xml"
    out["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {sitemap}\n".encode()
    return out


def _urlset(locs: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{escape(loc)}</loc></url>\n" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9">\n{urls}</urlset>\n'
    ).encode()


def _feed(catalogue: Catalogue, shared: dict[str, Any]) -> bytes:
    """An Atom feed of the latest definition changes; ids are URLs under the base URL, else URNs (an Atom id
    must be absolute), and scraped names are made visible first (a control character is not even valid XML)."""
    base = shared["base_url"]
    entries = []
    for change in changes(catalogue)[:100]:
        when = change["when"].replace(" ", "T") + "Z"
        title = escape(visible(f"{change['server']}/{change['tool']} changed {', '.join(change['fields'])}"))
        link = escape(f"{base}/{change['url']}" if base else change["url"])
        ident = escape(f"{base}/{change['url']}#{when}" if base else f"urn:mcprisk:{change['url']}:{when}")
        entries.append(
            f'<entry><title>{title}</title><link href="{link}"/><id>{ident}</id><updated>{when}</updated></entry>'
        )
    built = shared["built"]
    updated = entries[0].split("<updated>")[1].split("<")[0] if entries else None
    updated = updated or (built[:16].replace(" ", "T") + ":00Z" if built[:1].isdigit() else "1970-01-01T00:00:00Z")
    self_link = f'<link rel="self" href="{escape(base)}/feed.xml"/>' if base else ""
    feed_id = escape(f"{base}/feed.xml" if base else "urn:mcprisk:feed")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>mcprisk: tool definition changes</title><id>{feed_id}</id>"
        f'{self_link}<link href="{escape(base + "/changes.html" if base else "changes.html")}"/>'
        f"<updated>{updated}</updated><author><name>mcprisk</name></author>" + "".join(entries) + "</feed>\n"
    ).encode()
