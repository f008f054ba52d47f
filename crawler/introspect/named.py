"""The environment variables a server names when it stops for them, so that it can be started again with dummy
values of their shape.

A server found without its Registry entry declares nothing, yet many check only that their key or URL is set and
list their tools without using it ("HASDATA_API_KEY is not set", pydantic-settings' "netbox_url / Field required").
Only names shaped like a credential, an address or an account (what ``environment.dummy_value`` fills with a value
that reaches nothing) are taken: a name that picks a mode or a transport is left alone.
"""

import re

_NAME = re.compile(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b")
_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*\n\s+Field required", re.M)  # pydantic's validation error
_SHAPED = re.compile(r"_(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|CREDENTIALS?|AUTH|COOKIE|URL|URI|ENDPOINT|HOST|"
                     r"EMAIL|USER|USERNAME|LOGIN|ID|ACCOUNT|TENANT|ORG|ORGANIZATION|PROJECT|WORKSPACE|DOMAIN|INSTANCE|"
                     r"API|SITE|SERVER|BASE)$")


def named_variables(stderr_tail: str, present: set[str]) -> list[str]:
    """The variables, not in ``present``, that the server's stderr names: upper-case names shaped like a credential
    or an address, and the fields a pydantic settings model reported missing (upper-cased, as their variables are)."""
    found = [m.group(1).upper() for m in _FIELD.finditer(stderr_tail)] + _NAME.findall(stderr_tail)
    wanted: list[str] = []
    for name in found:
        if _SHAPED.search(name) and name not in present and name not in wanted:
            wanted.append(name)
    return wanted[:20]
