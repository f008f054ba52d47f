"""What spiders hand the pipelines: one server as one source saw it."""

from dataclasses import dataclass

from catalog.records import ServerRecord


@dataclass
class ServerItem:
    record: ServerRecord
    source: str
