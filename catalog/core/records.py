"""What a source hands the store: one server as that source sees it, and how servers are identified.

The same server arrives from the registry, npm, PyPI, GitHub and awesome lists; these records and
the identity keys below are how the store recognises it each time. Standard library only.
"""

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from catalog.core.definition import ToolDefinition


@dataclass
class PackageRecord:
    registry_type: str  # npm, pypi, oci, nuget, mcpb
    identifier: str
    version: str | None = None
    transport: str | None = None
    registry_base_url: str | None = None
    runtime_hint: str | None = None
    env_vars: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ServerRecord:
    """A server as one source describes it. None means "this source does not say", never "empty"."""

    registry_name: str | None = None
    repository_url: str | None = None
    title: str | None = None
    description: str | None = None
    website: str | None = None
    version: str | None = None
    license: str | None = None
    stars: int | None = None
    status: str | None = None  # active, deprecated, deleted
    packages: list[PackageRecord] = field(default_factory=list)
    # None: the source says nothing about tools. A list (even empty) is the server's full tool set.
    tools: list[ToolDefinition] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def identity(self) -> list[tuple[str, str]]:
        """Keys to find this server by, best first: repository, then packages, then registry name."""
        keys: list[tuple[str, str]] = []
        if repo := normalise_repository_url(self.repository_url):
            keys.append(("repository", repo))
        keys += [("package", f"{p.registry_type}:{p.identifier}") for p in self.packages]
        if self.registry_name:
            keys.append(("registry_name", self.registry_name))
        return keys


@dataclass
class ServerInfo:
    """The server context a tool is judged in: what the server is and which other tools it offers."""

    slug: str
    name: str
    title: str | None
    description: str | None
    tool_names: list[str]


_GIT_PREFIXES = ("git+", "git:")


def normalise_repository_url(url: str | None) -> str | None:
    """``https://GitHub.com/Owner/Repo.git/`` and ``git+https://github.com/owner/repo`` are one repository.

    Lowercase host, owner and repo; no scheme, ``.git`` or trailing slash; a monorepo subfolder
    (``/tree/main/src/x``) is kept, since one monorepo publishes many servers.
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    for prefix in _GIT_PREFIXES:
        url = url.removeprefix(prefix)
    if url.startswith("git@") and ":" in url:  # git@github.com:owner/repo.git
        host, _, rest = url[4:].partition(":")
        url = f"https://{host}/{rest}"
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if not host or len(segments) < 2:
        return None
    owner, repo = segments[0].lower(), segments[1].lower().removesuffix(".git")
    rest = segments[2:]
    if len(rest) >= 2 and rest[0] in ("tree", "blob"):
        rest = rest[2:]  # drop tree/<branch>, keep the subfolder
    sub = "/".join(rest)
    return f"{host}/{owner}/{repo}" + (f"/{sub}" if sub else "")


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A URL- and file-safe name; never empty."""
    slug = _SLUG_JUNK.sub("-", text.lower()).strip("-")
    return slug[:120] or "x"


def server_slug_base(record: ServerRecord) -> str:
    """The slug a new server gets before collisions are resolved: owner-repo where we know it."""
    if repo := normalise_repository_url(record.repository_url):
        host, _, path = repo.partition("/")
        return slugify(path if host == "github.com" else repo)
    if record.registry_name:
        name = record.registry_name
        for prefix in ("io.github.", "com.github."):
            name = name.removeprefix(prefix)
        return slugify(name)
    if record.packages:
        return slugify(record.packages[0].identifier)
    raise ValueError("a server record needs a repository URL, a registry name or a package")
