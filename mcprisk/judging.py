"""Classifying the catalogue: judge every tool whose definition or classifier changed, store the verdicts.

Only what changed is judged again (the store knows which definition each verdict was made for), so a
nightly run classifies a handful of tools, not the whole catalogue. With an LLM, the rules judge first,
the model's answers (cached by definition, model and prompt version) can only raise what they found, and
a failing endpoint leaves the rules' verdict in place and is counted.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import classifier
from catalog.core.definition import ToolDefinition
from catalog.core.records import ServerInfo
from catalog.core.settings import Settings
from catalog.core.verdict import Verdict
from catalog.store import Store
from classifier.judgement import ServerContext

if TYPE_CHECKING:
    from classifier.llm import Answer

Progress = Callable[[int, int], None]
Judgeable = tuple[int, ToolDefinition, ServerInfo, ServerContext]
JUDGED_AT_ONCE = 256  # tools judged together, then stored: progress is told at least this often


@dataclass
class ClassifyRun:
    classifier: str
    version: str
    classified: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    risks: Counter[str] = field(default_factory=Counter)
    poisoned: list[str] = field(default_factory=list)
    llm: dict[str, int] = field(default_factory=dict)  # asked, cached, failed, raised, tokens
    llm_errors: list[str] = field(default_factory=list)

    def count(self, server: str, tool: str, verdict: Verdict) -> None:
        self.classified += 1
        self.categories[verdict.category] += 1
        self.risks[verdict.risk] += 1
        if verdict.poisoned:
            self.poisoned.append(f"{server}/{tool}")

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "classifier": self.classifier,
            "version": self.version,
            "classified": self.classified,
            "category": dict(self.categories),
            "risk": dict(self.risks),
            "poisoned": self.poisoned,
        }
        if self.llm:
            out["llm"] = self.llm
            out["llm_errors"] = self.llm_errors[:20]
        return out


def classify_catalogue(store: Store, everything: bool = False, progress: Progress | None = None) -> ClassifyRun:
    """Judge what changed (or ``everything``) with the rule-based classifier and store each verdict."""
    run = ClassifyRun(classifier.NAME, classifier.VERSION)
    todo = list(_with_contexts(list(store.tools_to_classify(classifier.NAME, classifier.VERSION, all=everything))))
    for start in range(0, len(todo), JUDGED_AT_ONCE):  # judged a batch at a time, faster than one by one
        batch = todo[start : start + JUDGED_AT_ONCE]
        verdicts = classifier.classify_many([(tool, context) for _, tool, _, context in batch])
        for done, ((tool_id, tool, server, _), verdict) in enumerate(zip(batch, verdicts, strict=True), start + 1):
            store.save_assessment(
                tool_id, tool.definition_hash, run.classifier, run.version, verdict.assessment_fields()
            )
            run.count(server.slug, tool.name, verdict)
            if progress is not None:
                progress(done, len(todo))
    return run


def classify_catalogue_llm(
    store: Store, settings: Settings, everything: bool = False, progress: Progress | None = None
) -> ClassifyRun:
    """Rules first, then the LLM's second opinion merged in, asked with bounded concurrency."""
    from classifier.llm import PROMPT_VERSION, LLMClassifier, LLMFailure

    run = llm_run(settings)
    client = LLMClassifier(
        settings.llm_base_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout, settings.llm_retries
    )
    todo = llm_todo(store, run, everything)

    def ask(item: Judgeable) -> "Answer | LLMFailure | None":
        _, tool, _, context = item
        if store.llm_answer(tool.definition_hash, settings.llm_model, PROMPT_VERSION) is not None:
            return None  # answered on an earlier night
        try:
            return client.ask(tool, context)
        except LLMFailure as exc:
            return exc

    with ThreadPoolExecutor(max_workers=max(1, settings.llm_concurrency)) as pool:
        store_llm_verdicts(store, run, todo, pool.map(ask, todo), settings.llm_model, progress)
    return run


def llm_run(settings: Settings) -> ClassifyRun:
    """An empty run of the LLM classifier, named after the rules, the model and the prompt its verdicts depend on."""
    from classifier.llm import PROMPT_VERSION

    run = ClassifyRun("llm", f"{classifier.VERSION}+{settings.llm_model}+p{PROMPT_VERSION}")
    run.llm = {"asked": 0, "cached": 0, "failed": 0, "raised": 0, "prompt_tokens": 0, "completion_tokens": 0}
    return run


def llm_todo(store: Store, run: ClassifyRun, everything: bool) -> list[Judgeable]:
    return list(_with_contexts(list(store.tools_to_classify("llm", run.version, all=everything))))


def store_llm_verdicts(
    store: Store,
    run: ClassifyRun,
    todo: list[Judgeable],
    outcomes: "Iterable[Answer | Exception | None]",
    model: str,
    progress: Progress | None = None,
) -> None:
    """Merge each tool's outcome (a new answer, an error, or None for a cached answer) with the rules and store it.

    Shared by the per-call and the Batch paths, so both cache, count and fall back to the rules alike.
    """
    from classifier.llm import PROMPT_VERSION, merge

    for done, (item, outcome) in enumerate(zip(todo, outcomes, strict=True), 1):
        tool_id, tool, server, context = item
        verdict = classifier.classify(tool, context)
        answer = _answer_of(store, run, tool, model, PROMPT_VERSION, outcome)
        if answer is None:
            # The endpoint failed: the rules' verdict stands, stored as such so the next run asks again.
            store.save_assessment(
                tool_id, tool.definition_hash, classifier.NAME, classifier.VERSION, verdict.assessment_fields()
            )
        else:
            merged = merge(tool, verdict, answer, model)
            run.llm["raised"] += (merged.category, merged.risk) != (verdict.category, verdict.risk)
            verdict = merged
            store.save_assessment(
                tool_id, tool.definition_hash, run.classifier, run.version, verdict.assessment_fields()
            )
        run.count(server.slug, tool.name, verdict)
        if progress is not None:
            progress(done, len(todo))


def _answer_of(
    store: Store,
    run: ClassifyRun,
    tool: ToolDefinition,
    model: str,
    prompt_version: str,
    outcome: "Answer | Exception | None",
) -> "Answer | None":
    from classifier.llm import Answer

    if isinstance(outcome, Exception):
        run.llm["failed"] += 1
        run.llm_errors.append(f"{tool.name}: {outcome}")
        return None
    if outcome is None:
        cached = store.llm_answer(tool.definition_hash, model, prompt_version)
        assert cached is not None
        run.llm["cached"] += 1
        return Answer(**cached.answer)
    run.llm["asked"] += 1
    run.llm["prompt_tokens"] += outcome.prompt_tokens
    run.llm["completion_tokens"] += outcome.completion_tokens
    store.save_llm_answer(
        tool.definition_hash,
        model,
        prompt_version,
        outcome.to_json(),
        (outcome.prompt_tokens, outcome.completion_tokens),
    )
    return outcome


def _with_contexts(
    todo: list[tuple[int, ToolDefinition, ServerInfo]],
) -> Iterator[Judgeable]:
    contexts: dict[str, ServerContext] = {}
    for tool_id, tool, server in todo:
        if server.slug not in contexts:
            contexts[server.slug] = ServerContext(server.name, server.title, server.description, server.tool_names)
        yield tool_id, tool, server, contexts[server.slug]
