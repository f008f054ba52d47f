"""Dummy values for the environment variables a server declares: of the right shape, so a server that only checks
that its key is set gets past start-up, and pointing nowhere (every URL at 127.0.0.1 port 9, the discard port,
where nothing listens inside a sandbox without network)."""

import re
from typing import Any

NOWHERE = "http://127.0.0.1:9"
_URL = re.compile(r"(URL|URI|ENDPOINT|BASE|HOST_?URL|WEBHOOK|SERVER)$", re.I)
_SECRET = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|CREDENTIALS?|AUTH|COOKIE|SESSION)$", re.I)


def dummy_value(variable: dict[str, Any]) -> str:
    """A value that has the shape the declaration asks for, never a real one."""
    name = str(variable.get("name", ""))
    upper = name.upper()
    fmt = str(variable.get("format") or "").lower()
    choices = variable.get("choices")
    default = variable.get("default") or variable.get("value")
    if isinstance(default, str | int | float) and not isinstance(default, bool) and str(default).strip():
        text = str(default)
        return re.sub(r"https?://[^\s\"']+", NOWHERE, text) if "://" in text else text
    if isinstance(choices, list) and choices:
        return str(choices[0])
    if fmt == "boolean":
        return "false"
    if fmt == "number" or upper.endswith(("PORT", "_TIMEOUT", "_LIMIT", "_SIZE")):
        return "9" if upper.endswith("PORT") else "1"
    if fmt == "filepath" or upper.endswith(("_PATH", "_DIR", "_FILE", "_FOLDER", "_ROOT")):
        return "/sandbox/dummy"
    if _URL.search(upper) or "URL" in upper:
        return NOWHERE
    if upper.endswith("HOST") or upper.endswith("HOSTNAME"):
        return "127.0.0.1"
    if "EMAIL" in upper:
        return "user@example.invalid"
    if _SECRET.search(upper) or variable.get("isSecret"):
        return "dummy-0123456789abcdef0123456789abcdef"
    return "dummy"


def declared_environment(variables: list[dict[str, Any]]) -> dict[str, str]:
    return {str(v["name"]): dummy_value(v) for v in variables if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v["name"])}
