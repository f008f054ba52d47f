"""A benign sample server on the official mcp SDK: what introspection should read back byte for byte."""

from mcp.server.mcpserver import MCPServer

server = MCPServer("benign-py", instructions="A sample server for the introspection tests.")


@server.tool()
def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b


@server.tool(name="read_note", description="Read a note by its id.")
def read_note(note_id: str) -> str:
    return note_id


if __name__ == "__main__":
    server.run()
