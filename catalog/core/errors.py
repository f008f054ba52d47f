"""mcprisk's exceptions: the library raises these, and only the CLI turns them into messages."""


class MCPRiskError(Exception):
    """Anything mcprisk can explain to a user in one line. ``exit_code`` is what the CLI exits with."""

    exit_code = 2


class NotFoundError(MCPRiskError):
    """A server or tool the user named is not in the catalogue."""

    exit_code = 1

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class AmbiguousError(MCPRiskError):
    """A name that matches several things: the user has to say which one."""

    exit_code = 1

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class ConfigError(MCPRiskError):
    """A setting or option that cannot be used as given."""


class SchemaError(MCPRiskError):
    """The catalogue's schema is not the one this version of mcprisk reads."""

    exit_code = 3


class InputError(MCPRiskError):
    """Input (a file, an archive, a record) that cannot be read."""
