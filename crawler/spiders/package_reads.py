"""Which packages to ask the registries for, and what a server's extras keep of the artifact last read for it
(``npm_read``: ``name@version``, and ``npm_extractor``): a package whose server names exactly the version already
read, by this extraction, and holds its tools is not asked at all."""

from typing import Any, NamedTuple

from crawler.extract import VERSION as EXTRACTOR_VERSION


class Wanted(NamedTuple):
    """A package to crawl, with what was read of it before."""

    name: str
    version: str | None  # the exact version its server names; None: the latest
    read: str | None = None  # the version whose artifact was last read (or refused as too large) for its server
    tools: bool = False  # its server holds tools

    @property
    def unchanged(self) -> bool:
        """Its server names exactly the version already read and holds its tools: nothing to ask."""
        return self.version is not None and self.version == self.read and self.tools


def read_key(registry_type: str) -> str:
    return f"{registry_type}_read"


def read_marker(registry_type: str, owner: str, version: str) -> dict[str, str]:
    """What a server's extras keep of the artifact read for it: which version, read by which extractor."""
    return {read_key(registry_type): f"{owner}@{version}", f"{registry_type}_extractor": EXTRACTOR_VERSION}


def read_version(extra: dict[str, Any], registry_type: str, identifier: str) -> str | None:
    """The version of ``identifier`` whose artifact was last read for a server with these extras, by the extraction
    of this code: one an older extractor read counts as unread."""
    if extra.get(f"{registry_type}_extractor") != EXTRACTOR_VERSION:
        return None
    value = extra.get(read_key(registry_type))
    prefix = f"{identifier}@"
    return value[len(prefix) :] if isinstance(value, str) and value.startswith(prefix) else None


def wanted(registry_type: str, rows: list[tuple[str, str | None, dict[str, Any], bool]], full: bool) -> list[Wanted]:
    """Each package once, from ``Store.packages`` rows; one on two servers counts as read only if read for both."""
    found: dict[tuple[str, str | None], Wanted] = {}
    for identifier, version, extra, tools in rows:
        read = None if full else read_version(extra, registry_type, identifier)
        before = found.get((identifier, version))
        if before is not None:
            read, tools = (read if before.read == read else None), before.tools and tools
        found[(identifier, version)] = Wanted(identifier, version, read, tools)
    return list(found.values())
