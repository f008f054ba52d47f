"""Classifying the catalogue: judge every tool whose definition or classifier changed, store the verdicts.

Only what changed is judged again (the store knows which definition each verdict was made for), so a
nightly run classifies a handful of tools, not the whole catalogue.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import classifier
from catalog.records import ServerInfo
from catalog.store import Store
from classifier.rules import ServerContext


@dataclass
class ClassifyRun:
    classifier: str
    version: str
    classified: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    risks: Counter[str] = field(default_factory=Counter)
    poisoned: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "classifier": self.classifier,
            "version": self.version,
            "classified": self.classified,
            "category": dict(self.categories),
            "risk": dict(self.risks),
            "poisoned": self.poisoned,
        }


def classify_catalogue(
    store: Store, everything: bool = False, progress: Callable[[int, int], None] | None = None
) -> ClassifyRun:
    """Judge what changed (or ``everything``) with the rule-based classifier and store each verdict."""
    run = ClassifyRun(classifier.NAME, classifier.VERSION)
    todo = list(store.tools_to_classify(classifier.NAME, classifier.VERSION, all=everything))
    contexts: dict[str, ServerContext] = {}
    for done, (tool_id, tool, server) in enumerate(todo, 1):
        context = contexts.get(server.slug) or contexts.setdefault(server.slug, _context(server))
        verdict = classifier.classify(tool, context)
        store.save_assessment(
            tool_id, tool.definition_hash, classifier.NAME, classifier.VERSION, verdict.assessment_fields()
        )
        run.classified += 1
        run.categories[verdict.category] += 1
        run.risks[verdict.risk] += 1
        if verdict.poisoned:
            run.poisoned.append(f"{server.slug}/{tool.name}")
        if progress is not None:
            progress(done, len(todo))
    return run


def _context(server: ServerInfo) -> ServerContext:
    return ServerContext(server.name, server.title, server.description, server.tool_names)
