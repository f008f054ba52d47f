"""What spiders hand the pipelines: one server as one source saw it, with what is still to be done to it.

A spider only fetches: the artifact it downloaded travels on the item to the extraction pipeline, and the
validators (ETag, Last-Modified) of the answers it read travel to the store pipeline, which saves them only
once the server is stored, so a crawl that dies in between asks again in full next time.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from catalog.core.records import ServerRecord

Validators = dict[str, tuple[str | None, str | None]]  # URL -> (ETag, Last-Modified)


@dataclass
class Artifact:
    """A downloaded package or repository archive, to extract the server's tools from."""

    body: bytes
    suffix: str  # .tgz, .tar.gz, .zip, .whl: how to unpack it
    label: str  # what it is, for the logs: "npm buckets-mcp 2.0.0"
    subfolder: str = ""  # a monorepo server's folder inside the archive
    # Without tools, the package may hand over to dependencies: this returns the requests that follow them.
    follow: Callable[[list[str]], Iterable[Any]] | None = None
    keep_if_refused: bool = False  # store the record's metadata even when the archive is refused
    missing: str = ""  # a dependency followed that could not be read (why): the hand-over ends without its tools
    released: datetime | None = None  # when the registry published it (its extraction reads the libraries of then)


@dataclass
class ServerItem:
    record: ServerRecord
    source: str
    artifact: Artifact | None = None
    validators: Validators = field(default_factory=dict)
