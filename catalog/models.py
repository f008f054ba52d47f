"""The catalogue's tables. Every schema change here comes with an Alembic revision in
``catalog/migrations/versions`` (a test compares the two), so old catalogues upgrade in place."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def _json(**kwargs: Any) -> Any:
    return Field(default=None, sa_column=Column(JSON, **kwargs))


class Server(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True)
    registry_name: str | None = Field(default=None, index=True)
    title: str | None = None
    description: str | None = None
    repository_url: str | None = Field(default=None, index=True)
    website: str | None = None
    version: str | None = None
    license: str | None = None
    stars: int | None = None
    status: str = "active"  # active, deprecated, deleted
    sources: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Source-specific extras (topics, pushed_at, archived, default branch…) that pages show but no query filters on.
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    first_seen: datetime
    last_changed: datetime


class Package(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("server_id", "registry_type", "identifier"),
        Index("ix_package_registry_identifier", "registry_type", "identifier"),
    )

    id: int | None = Field(default=None, primary_key=True)
    server_id: int = Field(foreign_key="server.id", index=True, ondelete="CASCADE")
    registry_type: str  # npm, pypi, oci, nuget, mcpb
    identifier: str
    version: str | None = None
    transport: str | None = None
    registry_base_url: str | None = None
    runtime_hint: str | None = None
    env_vars: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Tool(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("server_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    server_id: int = Field(foreign_key="server.id", index=True, ondelete="CASCADE")
    name: str = Field(index=True)
    slug: str = Field(index=True)
    title: str | None = None
    description: str | None = None
    input_schema: dict[str, Any] | None = _json()
    output_schema: dict[str, Any] | None = _json()
    annotations: dict[str, Any] | None = _json()  # as declared; None when the author declared none
    origin: str = "manifest"  # of the definition above: introspected when the server's list is its answer
    # What the code declares for this tool (``ToolDefinition.to_json``: origin, file, line), kept beside the answered
    # definition; None when the code does not declare it (a tool only at run time).
    declared: dict[str, Any] | None = _json()
    source_file: str | None = None
    source_line: int | None = None
    confidence: float = 1.0
    definition_hash: str = Field(index=True)
    first_seen: datetime
    last_changed: datetime
    removed: bool = Field(default=False, index=True)
    removed_at: datetime | None = None


class ToolVersion(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    tool_id: int = Field(foreign_key="tool.id", index=True, ondelete="CASCADE")
    definition_hash: str
    definition: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    # Where this definition was read (introspected, source...): the same tool read another way is not the server
    # changing it, so drift tells a re-read from a change. None on rows written before it was kept.
    origin: str | None = None
    seen_at: datetime


class Assessment(SQLModel, table=True):
    __table_args__ = (
        Index("ix_assessment_current_tool", "is_current", "tool_id"),
        Index("ix_assessment_current_risk", "is_current", "risk"),
        Index("ix_assessment_current_category", "is_current", "category"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tool_id: int = Field(foreign_key="tool.id", index=True, ondelete="CASCADE")
    definition_hash: str
    classifier: str
    classifier_version: str
    category: str
    risk: str
    score: int
    confidence: float
    rationale: str
    evidence: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    rule_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    findings: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    policy: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime
    is_current: bool = True


class CrawlRun(SQLModel, table=True):
    """One run of one source. ``url`` is the address it was crawled from, where an incremental run depends on it:
    a night of the sample corpus must not make the next crawl of the real registry skip what it never saw."""

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(index=True)
    url: str | None = None
    started: datetime
    finished: datetime | None = None
    status: str = "running"  # running, ok, partial, failed
    counts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    error: str | None = None


class LLMCache(SQLModel, table=True):
    """An LLM's answer for one definition, model and prompt version: asked once, reused every night after."""

    __table_args__ = (UniqueConstraint("definition_hash", "model", "prompt_version"),)

    id: int | None = Field(default=None, primary_key=True)
    definition_hash: str
    model: str
    prompt_version: str
    answer: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    prompt_tokens: int = 0
    completion_tokens: int = 0
    created_at: datetime


class LLMBatch(SQLModel, table=True):
    """An OpenAI Batch submitted for classification: kept so a killed run resumes it instead of paying twice."""

    id: int | None = Field(default=None, primary_key=True)
    batch_id: str = Field(unique=True)
    model: str
    prompt_version: str
    status: str  # the endpoint's: validating, in_progress, finalizing, completed, failed, expired, cancelled
    input_file_id: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    requests: int = 0
    collected: bool = Field(default=False, index=True)  # its answers are in the cache and its verdicts stored
    error: str | None = None
    created_at: datetime
    updated_at: datetime


class Validator(SQLModel, table=True):
    """What an upstream answered last time for one URL (ETag, Last-Modified), for conditional requests.

    Kept in the catalogue, beside what that answer produced, and saved only once the server it describes is
    stored: a crawl killed in between asks again in full instead of skipping what it never stored.
    """

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True)
    etag: str | None = None
    last_modified: str | None = None
    saved_at: datetime


class Introspection(SQLModel, table=True):
    """What one package version answered to tools/list in the sandbox (or why it did not): asked once per version,
    kept beside what its code declares, so the two can be compared."""

    __table_args__ = (UniqueConstraint("package_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    package_id: int = Field(foreign_key="package.id", index=True, ondelete="CASCADE")
    version: str
    status: str  # answered, or a reason class: needs credentials, crashed, timed out...
    detail: str | None = None
    tools: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    declared: list[dict[str, Any]] | None = _json()  # what the code declared when this version was asked
    server_name: str | None = None
    server_version: str | None = None
    protocol_version: str | None = None
    instructions: str | None = None
    started_with: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    stderr_tail: str | None = None
    sandboxed: bool = True
    seconds: float | None = None
    asked_at: datetime
