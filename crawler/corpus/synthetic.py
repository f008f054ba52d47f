"""A synthetic corpus of any size, in the bundled sample's shape: for the crawl benchmark and the crash tests.

Each server is a small npm package (a JavaScript file declaring a few tools with ``registerTool``) named by a
registry page and published as a GitHub repository, so one corpus exercises the registry, npm and GitHub
spiders; ``crawler.corpus.serve`` serves it.
"""

import json
from pathlib import Path

UPDATED = "2026-11-01T00:00:00Z"


def write_corpus(folder: Path, servers: int, page_size: int = 100, tools: int = 2) -> None:
    """``servers`` servers of ``tools`` tools each, ``page_size`` to a registry page, written under ``folder``."""
    (folder / "registry").mkdir(parents=True)
    entries, github = [], {}
    for i in range(servers):
        repo, package = f"mirror/server-{i:05d}", f"mirror-mcp-{i:05d}"
        tree = folder / "servers" / repo
        tree.mkdir(parents=True)
        (tree / "package.json").write_text(
            json.dumps({"name": package, "version": "1.0.0", "files": ["index.js"], "license": "MIT"})
        )
        (tree / "README.md").write_text(f"# Server {i}\n\nItems for agents.\n")
        (tree / "index.js").write_text(_server_js(i, tools))
        github[repo] = {"stargazers_count": i % 500, "license": "MIT", "topics": ["mcp"], "pushed_at": "2026-11-01"}
        server = {
            "name": f"io.github.{repo}",
            "description": f"Synthetic server {i}",
            "version": "1.0.0",
            "repository": {"url": f"https://github.com/{repo}", "source": "github"},
            "packages": [{"registryType": "npm", "identifier": package, "version": "1.0.0"}],
        }
        meta = {"status": "active", "publishedAt": UPDATED, "updatedAt": UPDATED, "isLatest": True}
        entries.append({"server": server, "_meta": {"io.modelcontextprotocol.registry/official": meta}})
    for n, start in enumerate(range(0, servers, page_size), 1):
        chunk = entries[start : start + page_size]
        metadata: dict[str, object] = {"count": len(chunk)}
        if start + page_size < servers:
            metadata["nextCursor"] = f"{chunk[-1]['server']['name']}:1.0.0"
        (folder / "registry" / f"page-{n}.json").write_text(json.dumps({"servers": chunk, "metadata": metadata}))
    (folder / "github.json").write_text(json.dumps(github))
    (folder / "awesome.md").write_text(
        "# Mirror\n\n- [mirror/server-00000](https://github.com/mirror/server-00000) - The first.\n"
    )


def _server_js(i: int, tools: int) -> str:
    declared = "".join(
        f'server.registerTool("get_item_{j}", {{\n'
        f'  description: "Get item {j} of store {i}.",\n'
        f'  inputSchema: {{ id: z.string().describe("Item id") }},\n'
        f"  annotations: {{ readOnlyHint: true }},\n"
        f'}}, async ({{ id }}) => ({{ content: [{{ type: "text", text: id }}] }}));\n'
        for j in range(tools)
    )
    return (
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'import { z } from "zod";\n'
        f'const server = new McpServer({{ name: "server-{i}", version: "1.0.0" }});\n' + declared
    )
