"""Asking a started server what it offers, with the official ``mcp`` SDK's ClientSession: ``initialize``
(declaring roots, sampling and elicitation, as a full client would, so a server that only lists some tools to such
clients lists them), then ``tools/list`` page by page, with caps on pages and tools.
"""

import time
from typing import Any

import anyio
import mcp_types as types
from mcp.client.session import ClientSession
from mcp.shared.exceptions import MCPError

from crawler.introspect import outcome
from crawler.introspect.limits import Limits
from crawler.introspect.reasons import classify
from crawler.introspect.transport import Wire, stdio_process

CLIENT = types.Implementation(name="mcprisk-introspect", version="1")


async def _roots(context: Any) -> types.ListRootsResult:
    return types.ListRootsResult(roots=[types.Root(uri="file:///sandbox", name="sandbox")])


async def _sampling(context: Any, params: Any) -> types.ErrorData:
    return types.ErrorData(code=-32603, message="sampling is not available during introspection")


async def _elicitation(context: Any, params: Any) -> types.ElicitResult:
    return types.ElicitResult(action="decline")


async def list_tools(session: ClientSession, wire: Wire, limits: Limits, result: outcome.Outcome) -> None:
    """Every page of tools/list; the raw pages the transport kept are what is stored (the SDK's models may
    normalise), the SDK's parse is what proves each page was a valid answer."""
    cursor: str | None = None
    for _page in range(limits.pages):
        params = types.PaginatedRequestParams(cursor=cursor) if cursor else None
        page = await session.list_tools(params=params)
        raw = wire.tool_pages[-1] if wire.tool_pages else [t.model_dump(by_alias=True, exclude_none=True)
                                                            for t in page.tools]
        result.tools.extend(t for t in raw if isinstance(t, dict))
        if len(result.tools) > limits.tools:
            del result.tools[limits.tools:]
            result.detail = f"over {limits.tools:,} tools: the first {limits.tools:,} kept"
            return
        cursor = page.next_cursor
        if not cursor:
            return
    result.detail = f"over {limits.pages} pages of tools/list: the first {limits.pages} kept"


async def ask(argv: list[str], env: dict[str, str], preexec: Any, limits: Limits,
              result: outcome.Outcome) -> outcome.Outcome:
    """Fill ``result`` with the server's answer, or with why there was none."""
    wire = Wire()
    started = time.monotonic()
    timed_out = False
    failure: BaseException | None = None
    try:
        with anyio.fail_after(limits.wall_seconds):
            async with (
                stdio_process(argv, env, preexec, limits.output_bytes, wire) as (read, write),
                ClientSession(read, write, sampling_callback=_sampling, elicitation_callback=_elicitation,
                              list_roots_callback=_roots, client_info=CLIENT) as session,
            ):
                init = await session.initialize()
                result.server_name = init.server_info.name
                result.server_version = init.server_info.version
                result.protocol_version = str(init.protocol_version)
                result.instructions = init.instructions
                await list_tools(session, wire, limits, result)
    except TimeoutError:
        timed_out = True
    except Exception as error:  # noqa: BLE001 - every way a server can fail is a reason class, not a crash of ours
        failure = _leaf(error)
    result.seconds = round(time.monotonic() - started, 2)
    result.stderr_tail = wire.stderr_tail(limits.stderr_tail_bytes)
    if wire.overflow:
        result.tools = []
        result.status, result.detail = classify(wire, timed_out, result.stderr_tail)
        return result
    if result.server_name is not None and not timed_out and (failure is None or isinstance(failure, MCPError)):
        if failure is not None:  # initialized, then refused tools/list: a server without tools
            result.detail = f"tools/list refused: {str(failure)[:200]}"
        return result
    if result.tools and wire.tool_pages:
        result.detail = result.detail or "stopped mid-listing: the pages received are kept"
        return result
    result.tools = []
    result.status, result.detail = classify(wire, timed_out, result.stderr_tail)
    if failure is not None and result.status == outcome.CRASHED and wire.exit_code is None:
        said = str(failure)[:200] or "the connection closed"
        result.detail = f"exited with code {wire.exit_code} before answering ({type(failure).__name__}: {said})"
    return result


def _leaf(error: BaseException) -> BaseException:
    """The first real error inside the task groups' exception groups."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error
