"""A sample server that declares nothing, checks only that its variables are set, one at a time, and lists its tools
without using them."""

import os
import sys

from mcp.server.mcpserver import MCPServer

server = MCPServer("named-variables")


@server.tool()
def forecast(city: str) -> str:
    """Tell the weather in a city."""
    return city


if __name__ == "__main__":
    for name in ("LAMPS_API_KEY", "LAMPS_BASE_URL"):
        if not os.environ.get(name):
            sys.exit(f"Error: {name} is not set. Set MCP_TRANSPORT=stdio and {name} in your client's config.")
    server.run()
