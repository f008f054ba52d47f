"""Web Fetch: the low-level MCP server API, tool names in an Enum, one schema from a pydantic model."""

import asyncio
import base64
from enum import Enum

import httpx
from markdownify import markdownify
from mcp.server import Server
from mcp.server.stdio import stdio_server
from mcp.types import ImageContent, TextContent, Tool, ToolAnnotations
from pydantic import BaseModel, Field


class ToolName(str, Enum):
    FETCH_URL = "fetch_url"
    SCREENSHOT_PAGE = "screenshot_page"


class FetchUrl(BaseModel):
    url: str = Field(description="URL to fetch", json_schema_extra={"format": "uri"})
    max_length: int = 5000


server = Server("webfetch")


@server.list_tools()
async def list_tools() -> list[Tool]:
    return [
        Tool(
            name=ToolName.FETCH_URL,
            description="Fetch a URL from the internet and return its content as markdown.",
            inputSchema=FetchUrl.model_json_schema(),
            annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=True),
        ),
        Tool(
            name=ToolName.SCREENSHOT_PAGE,
            description="Open a page in a headless browser and return a PNG screenshot.",
            inputSchema={
                "type": "object",
                "properties": {"url": {"type": "string", "description": "Page to open"}},
                "required": ["url"],
            },
        ),
    ]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[TextContent | ImageContent]:
    if name == ToolName.FETCH_URL:
        args = FetchUrl(**arguments)
        async with httpx.AsyncClient(follow_redirects=True) as client:
            page = await client.get(args.url)
        return [TextContent(type="text", text=markdownify(page.text)[: args.max_length])]
    if name == ToolName.SCREENSHOT_PAGE:
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch()
            tab = await browser.new_page()
            await tab.goto(arguments["url"])
            png = await tab.screenshot()
            await browser.close()
        return [ImageContent(type="image", data=base64.b64encode(png).decode(), mimeType="image/png")]
    raise ValueError(f"unknown tool {name}")


async def serve() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def main() -> None:
    asyncio.run(serve())
