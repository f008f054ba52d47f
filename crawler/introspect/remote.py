"""Remote servers (``remotes`` in server.json): the same questions over streamable HTTP or SSE, with a time limit and
no credentials. A 401 or 403 is an answer ("needs authorisation"), not an error: most hosted servers want a key.

Nothing is installed or started here, so no sandbox is involved; the request goes to the address the Registry
lists, and only there (redirects to another origin are not followed by the SDK).
"""

import time

import anyio
import httpx2
import mcp_types as types
from mcp.client.session import ClientSession
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client

from crawler.introspect import outcome
from crawler.introspect.ask import CLIENT, _elicitation, _roots, _sampling

AUTH_STATUSES = (401, 403)


async def _probe(url: str, timeout: float) -> int | None:
    """The status an unauthenticated initialize gets: 401/403 says what the SDK's exception would hide."""
    body = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": CLIENT.name, "version": "1"}}}
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    try:
        async with (
            httpx2.AsyncClient(timeout=timeout, follow_redirects=False) as client,
            client.stream("POST", url, json=body, headers=headers) as response,
        ):
            return response.status_code
    except httpx2.HTTPError:
        return None


async def _ask(url: str, transport: str, timeout: float, result: outcome.Outcome) -> None:
    opener = sse_client(url, timeout=timeout) if transport == "sse" else streamable_http_client(url)
    async with opener as streams, ClientSession(
        streams[0], streams[1], sampling_callback=_sampling, elicitation_callback=_elicitation,
        list_roots_callback=_roots, client_info=CLIENT,
    ) as session:
        init = await session.initialize()
        result.server_name, result.server_version = init.server_info.name, init.server_info.version
        result.protocol_version, result.instructions = str(init.protocol_version), init.instructions
        cursor = None
        for _page in range(100):
            page = await session.list_tools(params=types.PaginatedRequestParams(cursor=cursor) if cursor else None)
            result.tools += [t.model_dump(by_alias=True, exclude_none=True, mode="json") for t in page.tools]
            cursor = page.next_cursor
            if not cursor:
                break


async def ask_remote(url: str, transport: str = "streamable-http", timeout: float = 30.0) -> outcome.Outcome:
    result = outcome.Outcome(target=url, sandboxed=False, started_with=[transport, url])
    started = time.monotonic()
    status = await _probe(url, timeout) if transport != "sse" else None
    if status in AUTH_STATUSES:
        result.status, result.detail = outcome.NEEDS_AUTHORISATION, f"HTTP {status} without credentials"
    else:
        try:
            with anyio.fail_after(timeout):
                await _ask(url, transport, timeout, result)
        except TimeoutError:
            result.status, result.detail = outcome.TIMED_OUT, f"no answer in {timeout:.0f} s"
        except Exception as error:  # noqa: BLE001 - a remote failing is a reason class, not our crash
            while isinstance(error, BaseExceptionGroup) and error.exceptions:
                error = error.exceptions[0]
            said = str(error)
            auth = any(f" {code}" in said or f"'{code}" in said for code in AUTH_STATUSES)
            result.status = outcome.NEEDS_AUTHORISATION if auth else outcome.NEEDS_SERVICE
            result.detail = f"{type(error).__name__}: {said[:200]}" if said else type(error).__name__
            result.tools = []
    result.seconds = round(time.monotonic() - started, 2)
    return result


def introspect_remote(url: str, transport: str = "streamable-http", timeout: float = 30.0) -> outcome.Outcome:
    return anyio.run(ask_remote, url, transport, timeout)
