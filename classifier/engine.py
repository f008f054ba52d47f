"""The classifier put together: rules and the learned model for the category, the integrity scan, rationale and
policy for each tool. A poisoned definition is Critical whatever either says.

Tools are judged stage by stage over a batch (every text, then every rules' reading, the learned model's say on
each, every risk, every integrity scan, then each verdict's rationale and policy), not tool by tool: each stage's
code and tables stay in the processor's caches while it runs over the batch, which on the corpus's real tools took
a fifth less time than the same stages interleaved tool by tool.
"""

from collections.abc import Sequence

from catalog.core.collector import paused
from catalog.core.definition import ToolDefinition
from catalog.core.taxonomy import risk_for_score
from catalog.core.verdict import Finding, Verdict
from classifier import integrity, rationale, rules
from classifier.blend import choose_many
from classifier.judgement import Judgement, ServerContext
from classifier.model import Model, shipped
from classifier.policy import tool_policy
from classifier.text import ToolText

BATCH = 256  # tools judged stage by stage at once: enough to keep each stage's code warm, few enough to hold
Judgeable = tuple[ToolDefinition, ServerContext | None]


def classify(tool: ToolDefinition, server: ServerContext | None = None, model: Model | bool = True) -> Verdict:
    """``model``: the shipped model (True), another one (training and evaluation), or the rules alone (False).
    The garbage collector is paused while the tool is judged (``catalog.core.collector``)."""
    with paused():
        return _judged([(tool, server)], shipped() if model is True else model)[0]


def classify_many(tools: Sequence[Judgeable], model: Model | bool = True) -> list[Verdict]:
    """Each (tool, server) judged, in order, as ``classify`` judges it alone. The garbage collector is paused
    while a batch is judged (``catalog.core.collector``)."""
    if model is True:
        model = shipped()
    verdicts: list[Verdict] = []
    for start in range(0, len(tools), BATCH):
        with paused():
            verdicts += _judged(tools[start : start + BATCH], model)
    return verdicts


def _judged(tools: Sequence[Judgeable], model: Model | bool) -> list[Verdict]:
    texts = [ToolText(tool) for tool, _ in tools]  # every text of a tool split and lowered once, for every stage
    readings = [rules.read(tool, server, text) for (tool, server), text in zip(tools, texts, strict=True)]
    chosen = (
        choose_many(model, [tool for tool, _ in tools], [reading.draft() for reading in readings])
        if isinstance(model, Model)
        else [None] * len(readings)
    )
    judgements = [rules.settle(reading, choice) for reading, choice in zip(readings, chosen, strict=True)]
    findings = [integrity.scan(tool) for tool, _ in tools]
    return [
        _verdict(tool, server, judgement, found, text)
        for (tool, server), judgement, found, text in zip(tools, judgements, findings, texts, strict=True)
    ]


def _scored(score: int, findings: list[Finding]) -> tuple[int, str]:
    """The score and risk with the integrity findings counted in (sorted worst first, in place)."""
    if findings:  # few definitions have any
        findings.sort(key=lambda f: ("critical", "high", "medium", "low").index(f.severity))
        score = 5 if any(f.severity in ("high", "critical") for f in findings) else score
        if score < 5 and any(f.severity == "medium" for f in findings):
            score += 1
    return score, risk_for_score(score)


def _server_name(server: ServerContext | None) -> str:
    return (server.title or server.name) if server and (server.title or server.name) else "its server"


def _verdict(
    tool: ToolDefinition, server: ServerContext | None, judgement: Judgement, findings: list[Finding], text: ToolText
) -> Verdict:
    """The verdict from the rules' judgement and the scan's findings: risk, rationale and policy."""
    score, risk = _scored(judgement.score, findings)
    details = dict(judgement.details)
    if judgement.domains:
        details["domains"] = judgement.domains
    if tool.annotations is not None:
        details["declared_annotations"] = tool.annotations
    return Verdict(
        category=judgement.category,
        risk=risk,
        score=score,
        confidence=judgement.confidence,
        rationale=rationale.write(tool, _server_name(server), judgement, risk, findings),
        evidence=judgement.evidence,
        findings=findings,
        policy=tool_policy(tool, judgement.category, findings, risk, judgement.evidence, text.params),
        details=details,
    )
