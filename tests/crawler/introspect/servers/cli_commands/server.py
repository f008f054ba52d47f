"""A sample server that is one command of a command-line tool: bare, it stops with argparse's usage; its help lists
a command that serves HTTP, one that sets up, and the one that serves MCP over stdio."""

import argparse

from mcp.server.mcpserver import MCPServer

server = MCPServer("cli-commands")


@server.tool()
def lamp(on: bool) -> str:
    """Switch the lamp."""
    return "on" if on else "off"


def main() -> None:
    parser = argparse.ArgumentParser(prog="lamps")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("serve-http", help="serve MCP over streamable HTTP on a port")
    commands.add_parser("setup", help="write a configuration file")
    commands.add_parser("stdio", help="serve MCP over stdio")
    arguments = parser.parse_args()
    if arguments.command == "stdio":
        server.run()


if __name__ == "__main__":
    main()
