"""Verdicts: which tools need (re)classifying, each new verdict made the tool's current one, and the cache of
LLM answers, so a definition is sent to a model once per model and prompt version."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from catalog.core.definition import ToolDefinition
from catalog.core.records import ServerInfo
from catalog.models import Assessment, LLMCache, Server, Tool
from catalog.upsert import now_utc


class Verdicts:
    """The assessment and LLM-cache reads and writes of :class:`catalog.store.Store`."""

    engine: Engine

    # -- assessments -------------------------------------------------------------------------

    def tools_to_classify(
        self, classifier: str, version: str, all: bool = False
    ) -> Iterator[tuple[int, ToolDefinition, ServerInfo]]:
        """Tools whose current verdict is missing or was made for another definition or classifier version."""
        with Session(self.engine) as session:
            stmt = (
                select(Tool, Assessment)
                .outerjoin(Assessment, (col(Assessment.tool_id) == Tool.id) & col(Assessment.is_current))
                .where(col(Tool.removed).is_(False))
                .order_by(Tool.server_id, Tool.id)
            )
            servers: dict[int, ServerInfo] = {}
            for tool, current in session.exec(stmt):
                up_to_date = (
                    current is not None
                    and current.definition_hash == tool.definition_hash
                    and current.classifier == classifier
                    and current.classifier_version == version
                )
                if up_to_date and not all:
                    continue
                if tool.server_id not in servers:
                    servers[tool.server_id] = self._server_info(session, tool.server_id)
                assert tool.id is not None
                yield tool.id, tool_definition(tool), servers[tool.server_id]

    def _server_info(self, session: Session, server_id: int) -> ServerInfo:
        server = session.get(Server, server_id)
        assert server is not None
        names = session.exec(
            select(Tool.name).where(Tool.server_id == server_id, col(Tool.removed).is_(False)).order_by(Tool.name)
        ).all()
        return ServerInfo(
            server.slug, server.registry_name or server.slug, server.title, server.description, list(names)
        )

    def save_assessment(
        self, tool_id: int, definition_hash: str, classifier: str, classifier_version: str, fields: dict[str, Any]
    ) -> int:
        """Record a verdict and make it the tool's current one; earlier verdicts stay as history."""
        with Session(self.engine) as session, session.begin():
            session.execute(update(Assessment).where(col(Assessment.tool_id) == tool_id).values(is_current=False))
            row = Assessment(
                tool_id=tool_id,
                definition_hash=definition_hash,
                classifier=classifier,
                classifier_version=classifier_version,
                created_at=now_utc(),
                is_current=True,
                **fields,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    # -- LLM answers ------------------------------------------------------------------------

    def llm_answer(self, definition_hash: str, model: str, prompt_version: str) -> LLMCache | None:
        with Session(self.engine) as session:
            return session.exec(
                select(LLMCache).where(
                    LLMCache.definition_hash == definition_hash,
                    LLMCache.model == model,
                    LLMCache.prompt_version == prompt_version,
                )
            ).first()

    def save_llm_answer(
        self, definition_hash: str, model: str, prompt_version: str, answer: dict[str, Any], tokens: tuple[int, int]
    ) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(
                LLMCache(
                    definition_hash=definition_hash,
                    model=model,
                    prompt_version=prompt_version,
                    answer=answer,
                    prompt_tokens=tokens[0],
                    completion_tokens=tokens[1],
                    created_at=now_utc(),
                )
            )


def tool_definition(tool: Tool) -> ToolDefinition:
    """The stored tool as the shared definition type."""
    return ToolDefinition(
        name=tool.name,
        title=tool.title,
        description=tool.description,
        input_schema=tool.input_schema,
        output_schema=tool.output_schema,
        annotations=tool.annotations,
        origin=tool.origin,
        file=tool.source_file,
        line=tool.source_line,
        confidence=tool.confidence,
    )
