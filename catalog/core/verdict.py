"""One verdict type for every classifier: what the catalogue stores, the CLI prints and the site shows."""

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple


class Evidence(NamedTuple):
    """A rule that fired and the text it matched, so every verdict can be traced and reproduced.

    A named tuple, immutable like a frozen dataclass but made twice as fast: every verdict makes several.
    """

    rule: str
    field: str  # name, title, description, parameter:<name>, annotations, server
    text: str


@dataclass(frozen=True)
class Finding:
    """An integrity problem in the definition itself: text aimed at the agent rather than at the user."""

    rule: str
    severity: str  # low, medium, high, critical
    field: str
    text: str  # the matched span itself, to be shown (and highlighted) as inert text
    message: str
    # The class of the finding (shadowing, hidden, exfiltration, approval_bypass, secrets, coercion, injection),
    # and where ``text`` stands in the field's own text when it occurs there verbatim (else None).
    kind: str = ""
    start: int | None = None
    end: int | None = None


@dataclass
class Verdict:
    category: str
    risk: str
    score: int
    confidence: float
    rationale: str
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    policy: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def rule_ids(self) -> list[str]:
        return sorted({e.rule for e in self.evidence} | {f.rule for f in self.findings})

    @property
    def poisoned(self) -> bool:
        return any(f.severity in ("high", "critical") for f in self.findings)

    def assessment_fields(self) -> dict[str, Any]:
        """The columns of an Assessment row (catalog.models), for ``Store.save_assessment``."""
        return {
            "category": self.category,
            "risk": self.risk,
            "score": self.score,
            "confidence": round(self.confidence, 2),
            "rationale": self.rationale,
            "evidence": [e._asdict() for e in self.evidence],
            "rule_ids": self.rule_ids,
            "findings": [asdict(f) for f in self.findings],
            "policy": self.policy,
            "details": self.details,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.assessment_fields(), "poisoned": self.poisoned}
