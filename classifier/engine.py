"""The classifier put together: rules and the learned model for the category, the integrity scan, rationale and
policy for one tool. A poisoned definition is Critical whatever either says."""

from catalog.core.collector import paused
from catalog.core.definition import ToolDefinition
from catalog.core.taxonomy import risk_for_score
from catalog.core.verdict import Verdict
from classifier import integrity, rationale, rules
from classifier.blend import chooser
from classifier.model import Model, shipped
from classifier.policy import tool_policy
from classifier.rules import ServerContext
from classifier.text import ToolText


def classify(tool: ToolDefinition, server: ServerContext | None = None, model: Model | bool = True) -> Verdict:
    """``model``: the shipped model (True), another one (training and evaluation), or the rules alone (False).
    The garbage collector is paused while a tool is judged (``catalog.core.collector``)."""
    with paused():
        return _judged(tool, server, model)


def _judged(tool: ToolDefinition, server: ServerContext | None, model: Model | bool) -> Verdict:
    if model is True:
        model = shipped()
    text = ToolText(tool)  # every text of the tool split and lowered once, for every stage below
    judgement = rules.judge(tool, server, chooser(model, tool) if model else None, text)
    findings = integrity.scan(tool)
    score = judgement.score
    if findings:  # few definitions have any
        findings.sort(key=lambda f: ("critical", "high", "medium", "low").index(f.severity))
        score = 5 if any(f.severity in ("high", "critical") for f in findings) else score
        if score < 5 and any(f.severity == "medium" for f in findings):
            score += 1
    risk = risk_for_score(score)
    server_name = (server.title or server.name) if server and (server.title or server.name) else "its server"
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
        rationale=rationale.write(tool, server_name, judgement, risk, findings),
        evidence=judgement.evidence,
        findings=findings,
        policy=tool_policy(tool, judgement.category, findings, risk, judgement.evidence, text.params),
        details=details,
    )
