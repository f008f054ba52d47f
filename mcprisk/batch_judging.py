"""LLM classification at scale through the OpenAI Batch API: submit every question at once, collect a day later.

The requests are the very ones the per-call path sends (``classifier.llm.chat_request``), one per distinct
definition not answered before, and the answers go through the same merge, cache and fallback
(``mcprisk.judging.store_llm_verdicts``). A batch costs money and takes hours, so it is recorded in the
catalogue (table ``llmbatch``) the moment it exists: a run that was killed, or that returned without
waiting, finds its batch there on the next start and collects it instead of submitting another. The
catalogue rather than a file beside it, because a PostgreSQL catalogue has no "beside" and the run that
collects may not be on the machine that submitted.
"""

import json
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from catalog.core.settings import Settings
from catalog.models import LLMBatch
from catalog.store import Store, now_utc
from mcprisk.judging import ClassifyRun, Judgeable, Progress, llm_run, llm_todo, store_llm_verdicts

if TYPE_CHECKING:
    from openai import OpenAI

    from classifier.llm import Answer

log = logging.getLogger("mcprisk.batch")

ENDPOINT = "/v1/chat/completions"
FINISHED = ("completed", "failed", "expired", "cancelled")


@dataclass
class BatchRun:
    """What ``classify --batch`` did: the batch, and the verdicts once it was collected (None while in flight)."""

    batch_id: str | None  # None when every answer was already cached: nothing to submit
    status: str
    resumed: bool
    requests: int
    run: ClassifyRun | None = None
    malformed_lines: int = 0
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "batch": {
                "id": self.batch_id,
                "status": self.status,
                "resumed": self.resumed,
                "requests": self.requests,
                "malformed_lines": self.malformed_lines,
                "error": self.error,
            },
            **(self.run.to_json() if self.run else {}),
        }


def classify_catalogue_batch(
    store: Store,
    settings: Settings,
    everything: bool = False,
    wait: bool = True,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> BatchRun:
    """Resume the batch a previous run left, or submit one; then (``wait``) poll, collect and store the verdicts."""
    import openai

    from classifier.llm import LLMFailure

    try:
        return _classify(store, settings, everything, wait, progress, sleep)
    except openai.OpenAIError as exc:
        raise LLMFailure(f"the Batch API failed ({type(exc).__name__}: {exc}); run again to resume") from None


def _classify(
    store: Store,
    settings: Settings,
    everything: bool,
    wait: bool,
    progress: Progress | None,
    sleep: Callable[[float], None],
) -> BatchRun:
    from classifier.llm import PROMPT_VERSION, LLMClassifier

    client = LLMClassifier(
        settings.llm_base_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout, settings.llm_retries
    ).client
    row = _pending(store, settings.llm_model, PROMPT_VERSION)
    resumed = row is not None
    if row is None:
        run = llm_run(settings)
        todo = llm_todo(store, run, everything)
        requests = _requests(store, todo, settings.llm_model, PROMPT_VERSION)
        if not requests:
            store_llm_verdicts(store, run, todo, [None] * len(todo), settings.llm_model, progress)
            return BatchRun(None, "not needed", False, 0, run)
        row = _submit(client, store, requests, settings.llm_model, PROMPT_VERSION)
    else:
        log.info("resuming batch %s (%s)", row.batch_id, row.status)
    if not wait:
        return BatchRun(row.batch_id, row.status, resumed, row.requests)
    row = _wait(client, store, row, settings.llm_batch_poll, sleep)
    answers, malformed = _collect(client, row)
    run = llm_run(settings)
    todo = llm_todo(store, run, everything)
    failure = None
    if row.status != "completed":
        why = f" ({row.error})" if row.error else ""
        failure = f"batch {row.batch_id} {row.status}{why}: the rules' verdicts stand"
    store_llm_verdicts(store, run, todo, _outcomes(store, todo, answers, row, failure), settings.llm_model, progress)
    _update(store, row, collected=True, error=failure)
    return BatchRun(row.batch_id, row.status, resumed, row.requests, run, malformed, failure)


def _requests(store: Store, todo: list[Judgeable], model: str, prompt_version: str) -> dict[str, dict[str, Any]]:
    """One request body per distinct definition without a cached answer (the cache is keyed by definition)."""
    from classifier.llm import chat_request

    requests: dict[str, dict[str, Any]] = {}
    for _, tool, _, context in todo:
        key = tool.definition_hash
        if key not in requests and store.llm_answer(key, model, prompt_version) is None:
            requests[key] = chat_request(model, tool, context)
    return requests


def _submit(
    client: "OpenAI", store: Store, requests: dict[str, dict[str, Any]], model: str, prompt_version: str
) -> LLMBatch:
    with tempfile.TemporaryDirectory(prefix="mcprisk-batch-") as folder:
        path = Path(folder) / "requests.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for key, body in requests.items():
                line = {"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}
                out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        uploaded = client.files.create(file=path, purpose="batch")
    batch = client.batches.create(
        input_file_id=uploaded.id,
        endpoint=ENDPOINT,
        completion_window="24h",
        metadata={"source": "mcprisk", "model": model, "prompt_version": prompt_version},
    )
    now = now_utc()
    row = LLMBatch(
        batch_id=batch.id,
        model=model,
        prompt_version=prompt_version,
        status=batch.status,
        input_file_id=uploaded.id,
        requests=len(requests),
        created_at=now,
        updated_at=now,
    )
    with Session(store.engine, expire_on_commit=False) as session, session.begin():
        session.add(row)
    log.info("submitted batch %s with %d requests", batch.id, len(requests))
    return row


def _pending(store: Store, model: str, prompt_version: str) -> LLMBatch | None:
    with Session(store.engine, expire_on_commit=False) as session:
        return session.exec(
            select(LLMBatch)
            .where(LLMBatch.model == model, LLMBatch.prompt_version == prompt_version)
            .where(col(LLMBatch.collected).is_(False))
            .order_by(col(LLMBatch.id).desc())
        ).first()


def _update(store: Store, row: LLMBatch, **changes: Any) -> None:
    with Session(store.engine, expire_on_commit=False) as session, session.begin():
        saved = session.get(LLMBatch, row.id)
        assert saved is not None
        for name, value in {**changes, "updated_at": now_utc()}.items():
            setattr(saved, name, value)
            setattr(row, name, value)


def _wait(client: "OpenAI", store: Store, row: LLMBatch, poll: float, sleep: Callable[[float], None]) -> LLMBatch:
    """Poll until the batch is finished, recording every state seen (a rerun starts from the last one)."""
    while row.status not in FINISHED:
        batch = client.batches.retrieve(row.batch_id)
        errors = "; ".join(e.message or e.code or "" for e in (batch.errors.data or [])) if batch.errors else None
        _update(
            store,
            row,
            status=batch.status,
            output_file_id=batch.output_file_id,
            error_file_id=batch.error_file_id,
            error=errors or None,
        )
        log.info("batch %s: %s", row.batch_id, batch.status)
        if row.status not in FINISHED:
            sleep(poll)
    return row


def _collect(client: "OpenAI", row: LLMBatch) -> tuple[dict[str, "Answer | Exception"], int]:
    """Every answer the output and error files hold, by definition hash; and how many lines were unreadable.

    An expired or cancelled batch may still have answered part of its requests: those are kept.
    """
    answers: dict[str, Answer | Exception] = {}
    malformed = 0
    for file_id in (row.output_file_id, row.error_file_id):
        if not file_id:
            continue
        for line in client.files.content(file_id).text.splitlines():
            if not line.strip():
                continue
            parsed = _read_line(line)
            if parsed is None:
                malformed += 1
                continue
            answers.setdefault(*parsed)
    if malformed:
        log.warning("batch %s: %d unreadable lines in its output", row.batch_id, malformed)
    return answers, malformed


def _read_line(line: str) -> "tuple[str, Answer | Exception] | None":
    """(custom id, answer or why there is none) for one line of a Batch output or error file; None if unreadable."""
    from openai.types.chat import ChatCompletion
    from pydantic import ValidationError

    from classifier.llm import LLMFailure, read_answer

    try:
        data = json.loads(line)
        key = data["custom_id"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    if not isinstance(key, str):
        return None
    response = data.get("response") or {}
    if data.get("error") or response.get("status_code") != 200:
        error = data.get("error") or (response.get("body") or {}).get("error") or {}
        message = error.get("message") if isinstance(error, dict) else str(error)
        return key, LLMFailure(f"the batch request failed ({response.get('status_code')}): {message}")
    try:
        return key, read_answer(ChatCompletion.model_validate(response.get("body")))
    except ValidationError:
        return key, LLMFailure("the batch answer is not a chat completion")
    except LLMFailure as exc:
        return key, exc


def _outcomes(
    store: Store,
    todo: list[Judgeable],
    answers: dict[str, "Answer | Exception"],
    row: LLMBatch,
    failure: str | None,
) -> "Iterator[Answer | Exception | None]":
    """Lazily, so a definition shared by two tools is cached by the first and read back for the second."""
    from classifier.llm import LLMFailure

    for _, tool, _, _ in todo:
        key = tool.definition_hash
        if store.llm_answer(key, row.model, row.prompt_version) is not None:
            yield None
        elif key in answers:
            yield answers[key]
        else:
            yield LLMFailure(failure or f"no answer in batch {row.batch_id}: asked again by the next run")
