"""Record what real MCP servers answer to `tools/list`, for the classifier and extraction benchmarks.

Run by hand (it downloads packages through your own npm and pip configuration):
``python benchmarks/collect_real_servers.py [--out /tmp/mcprisk-real-servers]``. Each server is started
over stdio with the `mcp` SDK's client (``pip install mcp``), asked for its tools, and stopped; its answer
is saved as ``<out>/<name>.json`` = ``{"package", "registry", "tools"}``. Nothing is written to the repo.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# (registry, package, extra arguments). Servers chosen for being widely used and for declaring annotations.
SERVERS: list[tuple[str, str, list[str]]] = [
    ("npm", "@modelcontextprotocol/server-filesystem", ["{tmp}"]),
    ("npm", "@modelcontextprotocol/server-memory", []),
    ("npm", "@modelcontextprotocol/server-everything", []),
    ("npm", "@modelcontextprotocol/server-sequential-thinking", []),
    ("npm", "@playwright/mcp", []),
    ("npm", "@notionhq/notion-mcp-server", []),
    ("npm", "@upstash/context7-mcp", []),
    ("npm", "mcp-server-kubernetes", []),
    ("npm", "@supabase/mcp-server-supabase", ["--access-token", "dummy"]),
    ("npm", "firecrawl-mcp", []),
    ("npm", "@modelcontextprotocol/server-github", []),
    ("npm", "@modelcontextprotocol/server-puppeteer", []),
    ("npm", "@heroku/mcp-server", []),
    ("npm", "@browserbasehq/mcp-server-browserbase", []),
    ("npm", "tavily-mcp", []),
    ("npm", "@sentry/mcp-server", ["--access-token", "dummy"]),
    ("pypi", "mcp-server-fetch", []),
    ("pypi", "mcp-server-git", []),
    ("pypi", "mcp-server-time", []),
    ("pypi", "mcp-server-sqlite", ["--db-path", "{tmp}/x.db"]),
]


async def list_tools(command: str, args: list[str], env: dict[str, str]) -> list[dict]:
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    params = StdioServerParameters(command=command, args=args, env=env)
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        result = await session.list_tools()
        return [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in result.tools]


def command_for(registry: str, package: str, args: list[str], work: Path) -> tuple[str, list[str]]:
    if registry == "npm":
        return "npx", ["-y", package, *args]
    venv = work / "venvs" / package
    if not venv.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", package], check=True)
    return str(venv / "bin" / package), args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "mcprisk-real-servers")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mcprisk-real-"))
    env = {
        **os.environ,
        "GITHUB_PERSONAL_ACCESS_TOKEN": "dummy",
        "NOTION_TOKEN": "dummy",
        "FIRECRAWL_API_KEY": "dummy",
        "TAVILY_API_KEY": "dummy",
        "BROWSERBASE_API_KEY": "dummy",
        "BROWSERBASE_PROJECT_ID": "dummy",
        "HEROKU_API_KEY": "dummy",
        "SENTRY_ACCESS_TOKEN": "dummy",
    }
    for registry, package, extra in SERVERS:
        name = package.strip("@").replace("/", "__")
        target = args.out / f"{name}.json"
        if target.exists():
            print(f"{package}: cached")
            continue
        try:
            command, argv = command_for(registry, package, [a.format(tmp=work) for a in extra], work)
            tools = asyncio.run(asyncio.wait_for(list_tools(command, argv, env), args.timeout))
        except BaseException as exc:  # a server that will not start is reported, not fatal
            print(f"{package}: failed ({type(exc).__name__}: {str(exc)[:120]})")
            continue
        target.write_text(json.dumps({"package": package, "registry": registry, "tools": tools}, indent=1))
        print(f"{package}: {len(tools)} tools")


if __name__ == "__main__":
    main()
