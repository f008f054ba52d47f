"""A stdio transport for the ``mcp`` SDK's ClientSession that a hostile server cannot flood.

The SDK's own stdio client reads lines without end and keeps no raw copy; this one starts the sandboxed command
itself (rlimits and a new session in the preexec), counts every byte of stdout against a cap, caps one line at what
is left of it, keeps the tail of stderr, counts lines that are not JSON-RPC (a server printing banners or an HTTP
server's log), and keeps each ``tools/list`` result as raw JSON so tools are stored exactly as the server sent them.
"""

import asyncio
import json
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

import anyio
import mcp_types as types
from mcp.shared.message import SessionMessage

from crawler.introspect.sandbox import kill_group

_CHUNK = 65536


@dataclass
class Wire:
    """What the transport saw: the evidence a reason class is decided on."""

    stdout_bytes: int = 0
    messages: int = 0
    garbage_lines: int = 0
    overflow: bool = False
    exit_code: int | None = None
    stderr: deque = field(default_factory=lambda: deque(maxlen=200))
    stderr_bytes: int = 0
    tool_pages: list[list[Any]] = field(default_factory=list)
    first_garbage: str = ""

    def stderr_tail(self, limit: int) -> str:
        return "".join(self.stderr)[-limit:]


@asynccontextmanager
async def stdio_process(argv: list[str], env: dict[str, str], preexec: Callable[[], None], output_cap: int,
                        wire: Wire) -> AsyncIterator[tuple[Any, Any]]:
    process = await asyncio.create_subprocess_exec(
        *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        preexec_fn=preexec, env=env, limit=_CHUNK,
    )
    read_writer, read_stream = anyio.create_memory_object_stream[SessionMessage | Exception](16)
    write_stream, write_reader = anyio.create_memory_object_stream[SessionMessage](16)

    async def pump_stdout() -> None:
        assert process.stdout is not None
        buffer = b""
        async with read_writer:
            while True:
                chunk = await process.stdout.read(_CHUNK)
                if not chunk:
                    break
                wire.stdout_bytes += len(chunk)
                if wire.stdout_bytes > output_cap:
                    wire.overflow = True
                    kill_group(process.pid)
                    break
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    await _deliver(line, read_writer, wire)

    async def pump_stderr() -> None:
        assert process.stderr is not None
        while chunk := await process.stderr.read(_CHUNK):
            wire.stderr_bytes += len(chunk)
            wire.stderr.append(chunk.decode(errors="replace"))

    async def pump_stdin() -> None:
        assert process.stdin is not None
        async with write_reader:
            async for message in write_reader:
                data = message.message.model_dump_json(by_alias=True, exclude_unset=True) + "\n"
                try:
                    process.stdin.write(data.encode())
                    await process.stdin.drain()
                except (BrokenPipeError, ConnectionResetError):
                    return

    try:
        async with anyio.create_task_group() as group:
            group.start_soon(pump_stdout)
            group.start_soon(pump_stderr)
            group.start_soon(pump_stdin)
            try:
                yield read_stream, write_stream
            finally:
                group.cancel_scope.cancel()
    finally:
        kill_group(process.pid)
        with suppress(ProcessLookupError):
            process.kill()
        with anyio.move_on_after(5, shield=True):
            wire.exit_code = await process.wait()
        closing = getattr(process, "_transport", None)  # closed now, not by the collector after the loop is gone
        if closing is not None:
            closing.close()


async def _deliver(line: bytes, stream: Any, wire: Wire) -> None:
    text = line.strip()
    if not text:
        return
    try:
        raw = json.loads(text)
        message = types.jsonrpc_message_adapter.validate_python(raw, by_name=False)
    except ValueError:
        wire.garbage_lines += 1
        if not wire.first_garbage:
            wire.first_garbage = text[:200].decode(errors="replace")
        return  # a banner or log line on stdout: skipped, as lenient clients do
    wire.messages += 1
    result = raw.get("result") if isinstance(raw, dict) else None
    if isinstance(result, dict) and isinstance(result.get("tools"), list):
        wire.tool_pages.append(result["tools"])
    with suppress(anyio.ClosedResourceError, anyio.BrokenResourceError):
        await stream.send(SessionMessage(message))
