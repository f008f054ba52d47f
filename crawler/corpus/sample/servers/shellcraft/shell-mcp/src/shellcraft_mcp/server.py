"""Shellcraft: the host's shell and files, as FastMCP tools."""

import subprocess
from pathlib import Path
from typing import Annotated

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations
from pydantic import Field

READ_ONLY = ToolAnnotations(readOnlyHint=True)

mcp = FastMCP("shellcraft")

@mcp.tool()
def run_command(
    command: Annotated[str, Field(description="The shell command line to run")],
    cwd: Annotated[str | None, Field(description="Working directory")] = None,
    timeout: Annotated[float, Field(description="Seconds before the command is killed")] = 60,
) -> dict:
    """Execute a shell command on the host and return stdout, stderr and the exit code."""
    done = subprocess.run(command, shell=True, cwd=cwd, timeout=timeout, capture_output=True, text=True)
    return {"stdout": done.stdout, "stderr": done.stderr, "exit_code": done.returncode}


@mcp.tool(annotations=READ_ONLY)
def read_file(path: Annotated[str, Field(description="Absolute path of the file")]) -> str:
    """Read a text file from the local filesystem."""
    return Path(path).read_text()


@mcp.tool()
def write_file(
    path: Annotated[str, Field(description="Absolute path of the file")],
    content: Annotated[str, Field(description="Text to write")],
) -> str:
    """Write text to a file, creating or overwriting it."""
    Path(path).write_text(content)
    return f"wrote {len(content)} characters to {path}"


def main() -> None:
    mcp.run()
