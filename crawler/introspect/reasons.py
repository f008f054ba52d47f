"""Why a server did not answer, read from what it left: its exit, its stderr and what it printed on stdout.

A server that stops because its command line lacks something (argparse's "the following arguments are required",
click's "Missing command") needs arguments, whatever words its usage holds. Credentials and services are told apart
by the words servers use when they stop for them; a server that prints non-JSON on stdout, or says it listens on
a port, speaks another transport.
"""

import re

from crawler.introspect import outcome
from crawler.introspect.transport import Wire

_CREDENTIALS = re.compile(
    r"api[ _-]?key|access[ _-]?token|\btoken\b|credential|secret|password|unauthori[sz]ed|\b401\b|\b403\b|"
    r"forbidden|not authenticated|authentication|missing required environment|environment variable .{0,60}"
    r"(required|not set|missing|must be)|(is|are) (not set|required|missing)|must be (set|provided)|"
    r"invalid (key|token)|login|oauth", re.I)
_SERVICE = re.compile(
    r"(?-i:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH)|connection refused|connect(ion)? (error|failed|timed out)|"
    r"could not connect|cannot connect|"
    r"failed to connect|unable to connect|127\.0\.0\.1:9\b|getaddrinfo|name resolution|"
    r"network is unreachable|database|no such host|service unavailable|docker", re.I)
_ARGUMENTS = re.compile(
    r"the following arguments are required|missing (required )?(argument|option|command)\b|"
    r"error: (unrecognized arguments|no such option|argument [^:]{1,40}: (expected|invalid))|"
    r"try '[^'\n]{1,80}--help' for help|usage: \S+ \[options\] (command|<command>|\[command\])", re.I)
_OTHER_TRANSPORT = re.compile(
    r"listening on|listening at|server (is )?running on|http://(localhost|127\.0\.0\.1|0\.0\.0\.0):\d+|"
    r"uvicorn running|started server process|--port|streamable[- ]http server|sse server|usage:", re.I)


def classify(wire: Wire, timed_out: bool, stderr_tail: str) -> tuple[str, str]:
    """(reason class, one line of detail) for a server that gave no tools/list answer."""
    if wire.overflow:
        return outcome.TOO_LARGE, f"wrote over the cap on stdout ({wire.stdout_bytes:,} bytes): stopped"
    text = stderr_tail[-3000:]
    not_json = wire.garbage_lines and not wire.messages
    if timed_out:
        if _OTHER_TRANSPORT.search(text) or not_json:
            return outcome.NOT_STDIO, _evidence("no JSON-RPC on stdout in time", wire, text, _OTHER_TRANSPORT)
        if _CREDENTIALS.search(text):
            return outcome.NEEDS_CREDENTIALS, _evidence("waited for credentials", wire, text, _CREDENTIALS)
        if _SERVICE.search(text):
            return outcome.NEEDS_SERVICE, _evidence("waited for a service", wire, text, _SERVICE)
        return outcome.TIMED_OUT, "no answer before the time limit: killed"
    if _ARGUMENTS.search(text) or not_json and _ARGUMENTS.search(wire.first_garbage):
        # before credentials: "arguments are required", "--token TOKEN" or "set up credentials" in its usage
        return outcome.NEEDS_ARGUMENTS, _evidence("stopped for arguments it was not given", wire, text, _ARGUMENTS)
    if _CREDENTIALS.search(text):
        return outcome.NEEDS_CREDENTIALS, _evidence("stopped for credentials", wire, text, _CREDENTIALS)
    if _SERVICE.search(text):
        return outcome.NEEDS_SERVICE, _evidence("stopped for a service", wire, text, _SERVICE)
    if _OTHER_TRANSPORT.search(text) or not_json:
        return outcome.NOT_STDIO, _evidence("exited without speaking JSON-RPC on stdout", wire, text, _OTHER_TRANSPORT)
    if wire.exit_code == 0 and not wire.stdout_bytes:
        return outcome.NOT_STDIO, "exited at once with code 0, saying nothing on stdout: a library or a command"
    return outcome.CRASHED, f"exited with code {wire.exit_code} before answering"


def _evidence(what: str, wire: Wire, text: str, pattern: re.Pattern[str]) -> str:
    found = pattern.search(text)
    if found:
        line = next((line for line in text.splitlines() if found.group(0) in line), found.group(0))
        return f"{what}: {line.strip()[:200]}"
    if wire.first_garbage:
        return f"{what}: stdout began {wire.first_garbage[:120]!r}"
    return what
