"""What one introspection found: the tools exactly as the server listed them, or why it did not answer.

A failure is an answer too: its reason class says what a server needs that the sandbox withholds (credentials, a
service, a network) or what went wrong, and the tail of its stderr shows the evidence.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from catalog.core.errors import MCPRiskError

ANSWERED = "answered"
NEEDS_CREDENTIALS = "needs credentials"
NEEDS_AUTHORISATION = "needs authorisation"
NEEDS_SERVICE = "needs a service"
CRASHED = "crashed"
TIMED_OUT = "timed out"
NOT_STDIO = "not a stdio server"
INSTALL_FAILED = "install failed"
TOO_LARGE = "answer too large"
NO_ENTRY = "no entry point"
NEEDS_ARGUMENTS = "needs arguments"  # a command line of its own (a required option, a command) we cannot guess

REASONS = (NEEDS_CREDENTIALS, NEEDS_AUTHORISATION, NEEDS_SERVICE, CRASHED, TIMED_OUT, NOT_STDIO, INSTALL_FAILED,
           TOO_LARGE, NO_ENTRY, NEEDS_ARGUMENTS)


@dataclass
class Outcome:
    target: str
    status: str = ANSWERED  # ANSWERED or one of REASONS
    tools: list[dict[str, Any]] = field(default_factory=list)  # tools/list entries, byte for byte as parsed JSON
    server_name: str | None = None
    server_version: str | None = None
    protocol_version: str | None = None
    instructions: str | None = None
    started_with: list[str] = field(default_factory=list)  # the command inside the sandbox
    sandboxed: bool = True
    detail: str = ""  # one line: what happened
    stderr_tail: str = ""
    seconds: float = 0.0
    install_dir: str | None = None

    @property
    def answered(self) -> bool:
        return self.status == ANSWERED

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class InstallError(MCPRiskError):
    """A package that could not be installed: its reason class is "install failed"."""
