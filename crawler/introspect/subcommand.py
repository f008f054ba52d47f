"""A server that is one command of a command-line tool (``tool serve``, ``tool run``, ``tool mcp start``).

Started bare, such a tool prints its usage and exits, and the server is never asked. Its help (``--help``, run in
the same sandbox) lists its commands, as click, typer, argparse and commander print them; the one that serves MCP
over stdio is chosen by its name and what its line says of it (stdio first; never one that serves HTTP or sets
something up), and the server is started again with it.
"""

import os
import re
import select
import subprocess
import time
from collections.abc import Callable

from crawler.introspect import outcome, sandbox

_SHOWS_USAGE = re.compile(r"\busage:|missing command|\bCOMMAND \[ARGS\]|<command>|\[command\]", re.I)
_VERBS = ("stdio", "serve", "server", "start", "run", "mcp")
_NOT_SERVING = re.compile(r"http|sse|web|setup|install|config|init|auth|login|help|version|test|check|list|"
                          r"inspect|stop|status|update|upgrade|doctor", re.I)
_HEADER = re.compile(r"^[\s│╭─]*(available |sub)?commands?[\s:─╮]*$", re.I)
_LISTED = re.compile(r"^[\s│]{1,10}([a-z][\w-]*)(?:,\s*[\w-]+)?(?:\s+[\[<][^\]>]*[\]>])*(?:\s{2,}(.*?))?[\s│]*$")
_BRACES = re.compile(r"\{([a-z][\w-]*(?:,[a-z][\w-]*)+)\}")
HELP_BYTES = 64 * 1024


def shows_usage(result: outcome.Outcome) -> bool:
    """Whether a server that did not answer exited printing a command-line usage (not one that ran, then stopped)."""
    if result.status not in (outcome.NOT_STDIO, outcome.CRASHED, outcome.NEEDS_ARGUMENTS, outcome.NEEDS_CREDENTIALS):
        return False
    return bool(_SHOWS_USAGE.search(f"{result.detail}\n{result.stderr_tail}"))


def listed_commands(text: str) -> dict[str, str]:
    """The commands a help text lists, each with what its line says (argparse's ``{a,b}`` say nothing)."""
    found: dict[str, str] = {}
    for group in _BRACES.findall(text):
        found.update(dict.fromkeys(group.split(","), ""))
    listing = False
    for line in text.splitlines():
        if _HEADER.match(line):
            listing = True
            continue
        if not listing:
            continue
        if not line.strip() or line.lstrip().startswith("╰"):
            listing = False
            continue
        match = _LISTED.match(line)
        if match:
            found.setdefault(match.group(1), match.group(2) or "")
    return found


def serving_command(text: str) -> str | None:
    """The listed command that starts the MCP server on stdio, or None when none looks like it."""
    scored: list[tuple[int, int, str]] = []
    for name, said in listed_commands(text).items():
        if _NOT_SERVING.search(name) or "stdio" not in f"{name} {said}".lower() and name not in _VERBS:
            continue
        score = 2 * ("stdio" in f"{name} {said}".lower()) + ("mcp" in said.lower() or "server" in said.lower())
        scored.append((score, -(_VERBS.index(name) if name in _VERBS else len(_VERBS)), name))
    return max(scored)[2] if scored else None


def help_text(command: list[str], env: dict[str, str], preexec: Callable[[], None], seconds: float) -> str:
    """What ``command`` (a sandboxed ``... --help``) prints on stdout and stderr within ``seconds``, at most
    HELP_BYTES; its whole process group is killed after."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=env, preexec_fn=preexec)
    assert process.stdout is not None
    out = bytearray()
    deadline = time.monotonic() + seconds
    try:
        while len(out) < HELP_BYTES and (left := deadline - time.monotonic()) > 0:
            if not select.select([process.stdout], [], [], left)[0]:
                break
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
    finally:
        sandbox.kill_group(process.pid)
        process.wait()
        process.stdout.close()
    return out[:HELP_BYTES].decode(errors="replace")
