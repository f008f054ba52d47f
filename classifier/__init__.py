"""Judges every tool: capability category, risk, rationale and evidence, integrity findings, policy.

``classify(tool, server)`` judges by rules and a small learned model together: offline and deterministic.
Importing this package costs nothing: the rules (hundreds of compiled patterns) and the model's weights load on
the first call, so query commands that only need the taxonomy or the policy vocabulary stay fast.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from catalog.core.definition import ToolDefinition
    from catalog.core.verdict import Verdict
    from classifier.judgement import ServerContext

NAME = "rules"
# Bump when a rule, the integrity scan or the model's weights change what it decides: `mcprisk classify` then
# re-judges every tool.
VERSION = "3.11"

__all__ = ["NAME", "VERSION", "Evidence", "Finding", "ServerContext", "Verdict", "classify", "classify_many"]
_engine: Any = None  # classifier.engine, imported on the first call
_LAZY = {
    "ServerContext": "classifier.judgement",
    "Verdict": "catalog.core.verdict",
    "Evidence": "catalog.core.verdict",
    "Finding": "catalog.core.verdict",
}


def classify(tool: "ToolDefinition", server: "ServerContext | None" = None, model: Any = True) -> "Verdict":
    """``model``: True for the shipped learned model with the rules, False for the rules alone, or a
    ``classifier.model.Model``."""
    return _loaded().classify(tool, server, model)


def classify_many(tools: "Sequence[tuple[ToolDefinition, ServerContext | None]]", model: Any = True) -> "list[Verdict]":
    """Each (tool, server) judged as ``classify`` judges it, stage by stage over the batch: faster than one by one."""
    return _loaded().classify_many(tools, model)


def _loaded() -> Any:
    """classifier.engine, imported on the first call."""
    global _engine
    if _engine is None:
        from classifier import engine

        _engine = engine
    return _engine


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'classifier' has no attribute {name!r}")
