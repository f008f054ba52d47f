"""Record what real MCP servers answer to `tools/list`, for the classifier and extraction benchmarks.

Run by hand (it downloads packages through your own npm and pip configuration):
``python benchmarks/collect_real_servers.py [--out /tmp/mcprisk-real-servers] [--only NAME]``. Each server is
started over stdio with the `mcp` SDK's client (``pip install mcp``), asked for its tools, and stopped:

- ``tools``: as a plain client with the default options sees it (what a user gets out of the box);
- ``tools_all``: with every client capability advertised (sampling, elicitation, roots, tasks, the MCP Apps
  extension), the services a server looks for at start reachable (a Docker socket that accepts connections), and the
  options that switch every tool group on (capabilities, toolsets, feature flags), once per mode when a server has
  modes that exclude each other, all answers together: the set of tools the package declares.

Each answer is saved as ``<out>/<name>.json`` = ``{"package", "registry", "command", "tools", "tools_all"}``.
Nothing is written to the repo.
"""

import argparse
import asyncio
import contextlib
import json
import os
import socketserver
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Server:
    registry: str
    package: str
    args: tuple[str, ...] = ()
    # options added for `tools_all`, one run each, every tool group on; an "env:KEY=VALUE" entry sets a variable
    modes: tuple[tuple[str, ...], ...] = ((),)
    all_env: dict[str, str] = field(default_factory=dict)
    script: str = ""  # a PyPI package's console script, when it differs from the package name
    pins: tuple[str, ...] = ()  # requirements installed beside it: a floating dependency, an optional backend
    docker: bool = False  # offers some tools only when a Docker daemon answers


# Left out: @stripe/mcp (now a proxy to a remote server: it cannot answer offline), @heroku/mcp-server (its
# published build imports an SDK path that does not exist), @llmindset/mcp-hfspace (reaches Hugging Face at start),
# @niledatabase/nile-mcp-server (no executable), @mzxrai/mcp-webresearch and mcp-mongo-server (exit without a live
# browser or database), mcp-snowflake-server and semgrep-mcp (reach their services at start); packages the
# package index here does not hold.
# Widely used servers from many authors, build tools (tsc, esbuild, rollup, tsup, bundled CLIs) and frameworks
# (the official SDKs, fastmcp for TypeScript, FastMCP 1 and 2 for Python).
SERVERS: list[Server] = [
    Server("npm", "@modelcontextprotocol/server-filesystem", ("{tmp}",)),
    Server("npm", "@modelcontextprotocol/server-memory"),
    Server("npm", "@modelcontextprotocol/server-everything"),
    Server("npm", "@modelcontextprotocol/server-sequential-thinking"),
    Server("npm", "@modelcontextprotocol/server-github"),
    Server("npm", "@modelcontextprotocol/server-slack"),
    Server("npm", "@modelcontextprotocol/server-brave-search"),
    Server("npm", "@modelcontextprotocol/server-gitlab"),
    Server("npm", "@modelcontextprotocol/server-google-maps"),
    Server("npm", "@modelcontextprotocol/server-postgres", ("postgresql://localhost/none",)),
    Server("npm", "@modelcontextprotocol/server-puppeteer"),
    Server("npm", "@playwright/mcp", (), (("--caps", "vision,pdf,devtools,testing,storage,network,config"),)),
    Server("npm", "@executeautomation/playwright-mcp-server"),
    Server(
        "npm",
        "chrome-devtools-mcp",
        (),
        (
            ("--slim",),
            tuple(
                f"--{flag}"
                for flag in (
                    "devtools-comments",
                    "experimental-devtools",
                    "experimental-vision",
                    "memory-debugging",
                    "experimental-include-all-pages",
                    "experimental-interop-tools",
                    "experimental-screencast",
                    "category-extensions",
                    "category-pwa",
                    "category-experimental-webmcp",
                    "category-experimental-third-party",
                )
            ),
        ),
    ),
    Server("npm", "@notionhq/notion-mcp-server"),
    Server("npm", "@upstash/context7-mcp"),
    Server("npm", "mcp-server-kubernetes"),
    Server("npm", "@supabase/mcp-server-supabase", ("--access-token", "dummy")),
    Server("npm", "firecrawl-mcp"),
    Server("npm", "@browserbasehq/mcp-server-browserbase"),
    Server("npm", "tavily-mcp"),
    Server(
        "npm",
        "@sentry/mcp-server",
        ("--access-token", "dummy"),
        (("--experimental",), ("--agent",)),
        {"OPENAI_API_KEY": "dummy"},
    ),
    Server("npm", "@wonderwhy-er/desktop-commander"),
    Server(
        "npm",
        "mongodb-mcp-server",
        (),
        ((),),
        {"MDB_MCP_API_CLIENT_ID": "dummy", "MDB_MCP_API_CLIENT_SECRET": "x"},
        docker=True,
    ),
    Server(
        "npm",
        "exa-mcp-server",
        (),
        ((),),
        {
            "ENABLED_TOOLS": "web_search_exa,web_search_advanced_exa,get_code_context_exa,company_research_exa,"
            "web_fetch_exa,deep_researcher_start,deep_researcher_check,people_search_exa,linkedin_search_exa,"
            "deep_search_exa,crawling_exa,agent_run"
        },
    ),
    Server("npm", "@brightdata/mcp", (), ((),), {"PRO_MODE": "true"}),
    Server("npm", "figma-developer-mcp", ("--figma-api-key=dummy", "--stdio")),
    Server("npm", "@perplexity-ai/mcp-server"),
    Server("npm", "@hubspot/mcp-server"),
    Server("npm", "task-master-ai", (), ((),), {"TASK_MASTER_TOOLS": "all"}),
    Server("npm", "@browsermcp/mcp"),
    Server("npm", "@cyanheads/git-mcp-server"),
    Server("npm", "@agentdeskai/browser-tools-mcp"),
    Server("npm", "@translated/lara-mcp"),
    Server("npm", "@zilliz/claude-context-mcp"),
    Server("npm", "@upstash/mcp-server"),
    Server("npm", "@circleci/mcp-server-circleci"),
    Server("npm", "mcp-server-code-runner"),
    Server("npm", "@kimtaeyoon83/mcp-server-youtube-transcript"),
    Server("npm", "@winor30/mcp-server-datadog"),
    Server("npm", "@modelcontextprotocol/server-everart"),
    Server("pypi", "mcp-server-fetch"),
    Server("pypi", "mcp-server-git"),
    Server("pypi", "mcp-server-time"),
    Server("pypi", "mcp-server-sqlite", ("--db-path", "{tmp}/x.db"), pins=("mcp<2",)),  # written for the 1.x SDK
    Server("pypi", "arxiv-mcp-server"),
    Server("pypi", "duckduckgo-mcp-server"),
    Server("pypi", "markitdown-mcp"),
    Server("pypi", "awslabs.aws-documentation-mcp-server", (), ((), ("env:AWS_DOCUMENTATION_PARTITION=aws-cn",))),
    Server("pypi", "mcp-obsidian"),
    Server("pypi", "excel-mcp-server", ("stdio",), ((),), {"EXCEL_MCP_ALLOW_VBA_WRITE": "1"}),
    Server("pypi", "blender-mcp"),
    Server("pypi", "mcp-server-calculator"),
    Server("pypi", "wikipedia-mcp"),
    Server("pypi", "mcp-clickhouse", (), ((),), {"CHDB_ENABLED": "true"}, pins=("chdb",)),
    Server("pypi", "mcp-pandoc"),
    Server("pypi", "mcp-neo4j-cypher"),
    Server("pypi", "mcp-server-tree-sitter"),
    Server("pypi", "mcp-google-sheets"),
    Server("pypi", "mcp-atlassian", (), ((),), {"TOOLSETS": "all", "ENABLED_TOOLS": ""}),
    # Added later and measured before anyone read their code (extraction was not tuned on them):
    Server("npm", "@supabase/mcp-server-supabase", ("--access-token", "dummy")),
    Server("npm", "@neondatabase/mcp-server-neon", ("start", "dummy")),
    Server(
        "npm",
        "@apify/actors-mcp-server",
        (),
        tuple(("--tools", "experimental,actors,docs,runs,storage", "--ui", ui) for ui in ("apps", "default")),
    ),
    Server("npm", "@modelcontextprotocol/server-redis", ("redis://127.0.0.1:1",)),
    Server("npm", "@modelcontextprotocol/server-aws-kb-retrieval"),
    Server("npm", "@benborla29/mcp-server-mysql"),
    Server("npm", "@shopify/dev-mcp"),
    Server("npm", "@21st-dev/magic"),
    Server("npm", "@openbnb/mcp-server-airbnb"),
    Server("npm", "@kazuph/mcp-taskmanager"),
    Server("npm", "@railway/mcp-server"),
    Server("npm", "@netlify/mcp"),
    Server("npm", "@magicuidesign/mcp"),
    Server("npm", "@elastic/mcp-server-elasticsearch"),
    Server("npm", "@currents/mcp"),
    Server("pypi", "chroma-mcp", ("--client-type", "ephemeral"), pins=("mcp<2",)),
    Server(
        "pypi", "mcp-server-motherduck", ("--db-path", ":memory:", "--read-write"), (("--allow-switch-databases",),)
    ),
    Server("pypi", "mcp-server-sentry", ("--auth-token", "dummy"), pins=("mcp<2",)),
    Server("pypi", "zotero-mcp"),
    Server("pypi", "mcp-youtube-transcript", pins=("mcp<2",)),
    Server("pypi", "mcp-simple-arxiv"),
    Server("pypi", "mcp-server-home-assistant"),
    Server("pypi", "mcp-server-perplexity", pins=("mcp<2",)),
    # A second batch, added and measured the same way:
    Server("npm", "@line/line-bot-mcp-server"),
    Server("npm", "@pinecone-database/mcp"),
    Server("npm", "@sanity/mcp-server"),
    Server("npm", "@twilio-alpha/mcp", ("ACdummy/SKdummy:secret",)),
    Server("npm", "@mapbox/mcp-server"),
    Server("npm", "@dynatrace-oss/dynatrace-mcp-server"),
    Server("npm", "@gleanwork/local-mcp-server"),
    Server("npm", "@cloudflare/playwright-mcp"),
    Server("npm", "@gongrzhe/server-gmail-autoauth-mcp"),
    Server("pypi", "awslabs.aws-pricing-mcp-server"),
    Server("pypi", "mcp-text-editor", pins=("mcp<2",)),
    Server("pypi", "serper-mcp-server", pins=("mcp<2",)),
    Server("pypi", "jupyter-mcp-server"),
    Server("pypi", "mcp-server-odoo", (), ((),), {"ODOO_YOLO": "true", "ODOO_MCP_ENABLE_METHOD_CALLS": "true"}),
    Server("pypi", "todoist-mcp"),
    Server("pypi", "mcp-server-weather"),
    # A third batch, measured after every fix the first two led to:
    Server("npm", "@tokenizin/mcp-npx-fetch"),
    Server("npm", "@executeautomation/database-server", ("{tmp}/db.sqlite",)),
    Server("npm", "@cyanheads/pubmed-mcp-server"),
    Server("pypi", "mcp-server-browser-use", pins=("lxml_html_clean",)),
    Server("pypi", "mcp-server-rememberizer", pins=("mcp<2",)),
    Server("pypi", "mcp-weather-server", script="mcp_weather_server", pins=("mcp<2",)),
    # A fourth batch, likewise unseen:
    Server("npm", "@antv/mcp-server-chart"),
    Server("npm", "@mastra/mcp-docs-server"),
    Server("npm", "mcp-server-commands"),
    Server("pypi", "elevenlabs-mcp"),
    Server("pypi", "minimax-mcp"),
    Server("pypi", "mcp-shell-server"),
    Server("pypi", "mcp-nixos"),
    Server("pypi", "mcp-alchemy"),
    Server("pypi", "mcp-server-duckdb", ("--db-path", "{tmp}/x.duckdb"), pins=("mcp<2",)),
]

DUMMY_ENV = {
    key: "dummy"
    for key in (
        "GITHUB_PERSONAL_ACCESS_TOKEN",
        "NOTION_TOKEN",
        "FIRECRAWL_API_KEY",
        "TAVILY_API_KEY",
        "BROWSERBASE_API_KEY",
        "BROWSERBASE_PROJECT_ID",
        "SENTRY_ACCESS_TOKEN",
        "SLACK_BOT_TOKEN",
        "SLACK_TEAM_ID",
        "BRAVE_API_KEY",
        "GITLAB_PERSONAL_ACCESS_TOKEN",
        "GOOGLE_MAPS_API_KEY",
        "EXA_API_KEY",
        "API_TOKEN",
        "PERPLEXITY_API_KEY",
        "PRIVATE_APP_ACCESS_TOKEN",
        "OBSIDIAN_API_KEY",
        "JIRA_API_TOKEN",
        "LARA_ACCESS_KEY_ID",
        "LARA_ACCESS_KEY_SECRET",
        "MILVUS_TOKEN",
        "CIRCLECI_TOKEN",
        "DATADOG_API_KEY",
        "DATADOG_APP_KEY",
        "EVERART_API_KEY",
        "UPSTASH_EMAIL",
        "UPSTASH_API_KEY",
        "CONFLUENCE_API_TOKEN",
        "SUPABASE_ACCESS_TOKEN",
        "APIFY_TOKEN",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "TWENTY_FIRST_API_KEY",
        "ES_API_KEY",
        "CURRENTS_API_KEY",
        "HOME_ASSISTANT_TOKEN",
        "HA_TOKEN",
        "CHANNEL_ACCESS_TOKEN",
        "PINECONE_API_KEY",
        "SANITY_API_TOKEN",
        "MAPBOX_ACCESS_TOKEN",
        "GLEAN_API_TOKEN",
        "SERPER_API_KEY",
        "TODOIST_API_TOKEN",
        "ODOO_API_KEY",
        "OAUTH_CLIENT_ID",
        "OAUTH_CLIENT_SECRET",
        "NILEDB_API_KEY",
        "NILEDB_PROJECT_ID",
        "REMEMBERIZER_API_TOKEN",
        "E2B_API_KEY",
        "AGENTQL_API_KEY",
        "CONTENTFUL_MANAGEMENT_ACCESS_TOKEN",
        "SPACE_ID",
        "ATLASSIAN_SITE_NAME",
        "ATLASSIAN_USER_EMAIL",
        "ATLASSIAN_API_TOKEN",
        "ELEVENLABS_API_KEY",
        "MINIMAX_API_KEY",
        "COLLECTION_NAME",
    )
} | {
    "JIRA_URL": "https://jira.invalid",
    "MINIMAX_API_HOST": "https://minimax.invalid",
    "DB_URL": "sqlite:////tmp/mcprisk-real-work/alchemy.db",
    "JIRA_USERNAME": "dummy",
    "CONFLUENCE_URL": "https://confluence.invalid/wiki",
    "CONFLUENCE_USERNAME": "dummy",
    "AWS_REGION": "us-east-1",
    "MYSQL_HOST": "127.0.0.1",
    "MYSQL_PORT": "1",
    "MYSQL_USER": "dummy",
    "ES_URL": "http://127.0.0.1:1",
    "ZOTERO_LOCAL": "true",
    "HOME_ASSISTANT_URL": "http://127.0.0.1:1",
    "HOME_ASSISTANT_WEB_SOCKET_URL": "ws://127.0.0.1:1/api/websocket",
    "SANITY_PROJECT_ID": "dummy",
    "SANITY_DATASET": "production",
    "DT_ENVIRONMENT": "https://dummy.apps.dynatrace.com",
    "GLEAN_INSTANCE": "dummy",
    "ODOO_URL": "http://127.0.0.1:1",
    "ODOO_DB": "dummy",
}


APPS_EXTENSION = {"io.modelcontextprotocol/ui": {"mimeTypes": ["text/html;profile=mcp-app"]}}
TASKS = {"requests": {"sampling": {"createMessage": {}}, "elicitation": {"create": {}}}, "list": {}, "cancel": {}}


async def list_tools(command: str, args: list[str], env: dict[str, str], every_capability: bool) -> list[dict]:
    from mcp import ClientSession, types
    from mcp.client.stdio import StdioServerParameters, stdio_client

    class EveryCapability(ClientSession):
        """Also advertises tasks, which the SDK's client has no callback for (listing tools runs none)."""

        def _build_capabilities(self, *args: Any, **kwargs: Any) -> types.ClientCapabilities:
            built = super()._build_capabilities(*args, **kwargs)
            return built.model_copy(update={"tasks": types.ClientCapabilities.model_validate({"tasks": TASKS}).tasks})

    async def refuse(*_: Any) -> types.ErrorData:  # advertised, never used: listing tools calls no callback
        return types.ErrorData(code=-32601, message="not supported by the benchmark")

    async def no_roots(*_: Any) -> types.ListRootsResult:
        return types.ListRootsResult(roots=[])

    session_class, options = ClientSession, {}
    if every_capability:
        session_class = EveryCapability
        options = {
            "sampling_callback": refuse,
            "elicitation_callback": refuse,
            "list_roots_callback": no_roots,
            "extensions": APPS_EXTENSION,
        }
    params = StdioServerParameters(command=command, args=args, env=env)
    async with stdio_client(params) as (read, write), session_class(read, write, **options) as session:
        await session.initialize()
        tools, cursor = [], None
        while True:
            result = await session.list_tools(cursor=cursor) if cursor else await session.list_tools()
            tools += [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in result.tools]
            cursor = getattr(result, "next_cursor", None) or getattr(result, "nextCursor", None)
            if not cursor:
                return tools


@contextlib.contextmanager
def docker_socket(work: Path) -> Iterator[str]:
    """A socket where a Docker daemon would listen, answering every request with an empty 200: enough for a server
    that probes for Docker at start to offer its Docker tools (listing them runs none)."""

    class Answer(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            self.rfile.readline()
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nApi-Version: 1.50\r\n\r\n")

    path = work / "docker.sock"
    path.unlink(missing_ok=True)
    with socketserver.ThreadingUnixStreamServer(str(path), Answer) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"unix://{path}"
        finally:
            server.shutdown()


def command_for(server: Server, work: Path) -> tuple[str, list[str]]:
    if server.registry == "npm":
        return "npx", ["-y", server.package]
    venv = work / "venvs" / server.package
    if not venv.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", server.package, *server.pins], check=True)
    return str(venv / "bin" / (server.script or server.package)), []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "mcprisk-real-servers")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only", action="append", help="package name (repeatable); default: every server")
    parser.add_argument("--refresh", action="store_true", help="ask again for tools_all of servers already recorded")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.gettempdir()) / "mcprisk-real-work"
    work.mkdir(exist_ok=True)
    for server in SERVERS:
        if args.only and server.package not in args.only:
            continue
        name = server.package.strip("@").replace("/", "__")
        target = args.out / f"{name}.json"
        record = json.loads(target.read_text()) if target.exists() else {}
        if "tools_all" in record and not args.refresh:
            print(f"{server.package}: cached")
            continue
        try:
            command, argv = command_for(server, work)
            plain = [*argv, *(a.format(tmp=work) for a in server.args)]
            env = {**os.environ, **DUMMY_ENV}
            if "tools" not in record:
                record["tools"] = asyncio.run(asyncio.wait_for(list_tools(command, plain, env, False), args.timeout))
            every: dict[str, dict] = {}
            for mode in server.modes:
                options = [*plain, *(m for m in mode if not m.startswith("env:"))]
                variables = dict(m[4:].split("=", 1) for m in mode if m.startswith("env:"))
                every_env = {**env, **server.all_env, **variables}
                with docker_socket(work) if server.docker else contextlib.nullcontext() as docker_host:
                    every_env |= {"DOCKER_HOST": docker_host} if docker_host else {}
                    listed = asyncio.run(asyncio.wait_for(list_tools(command, options, every_env, True), args.timeout))
                every |= {t["name"]: t for t in listed if t["name"] not in every}
            record["tools_all"] = list(every.values())
        except BaseException as exc:  # a server that will not start is reported, not fatal
            if isinstance(exc, KeyboardInterrupt):
                raise
            while isinstance(exc, BaseExceptionGroup):
                exc = exc.exceptions[0]
            print(f"{server.package}: failed ({type(exc).__name__}: {str(exc)[:200]})")
            continue
        record.update(package=server.package, registry=server.registry, command=[command, *plain])
        target.write_text(json.dumps(record, indent=1))
        print(f"{server.package}: {len(record['tools'])} tools, {len(record['tools_all'])} with everything enabled")


if __name__ == "__main__":
    main()
