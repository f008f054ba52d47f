"""What the rules judge a tool beside (its server and the server's other tools) and what they hand on: the
judgement the learned model, the rationale and the policy read."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from catalog.core.names import name_words
from catalog.core.verdict import Evidence
from classifier import lexicon
from classifier.text import ToolText


@dataclass
class ServerContext:
    """What the tool is judged alongside: the server it belongs to and that server's other tools."""

    name: str = ""
    title: str | None = None
    description: str | None = None
    tool_names: list[str] = field(default_factory=list)

    @cached_property
    def domains(self) -> list[str]:
        """Payments, cloud infrastructure, email…: worked out once per server, not once per tool."""
        text = " ".join(filter(None, [self.name, self.title or "", self.description or "", *self.tool_names]))
        text = " ".join(name_words(text)) + " " + text
        return [name for name, pattern in lexicon.DOMAINS if pattern.search(text)]


@dataclass(slots=True)  # made twice for every tool the model judges
class Judgement:
    category: str
    score: int
    confidence: float
    evidence: list[Evidence]
    domains: list[str]
    details: dict[str, Any]
    # categories some single rule voted for at full strength: a name's verb, paying, a code parameter
    strong: frozenset[str] = frozenset()
    # what the description and parameters say the tool does besides reading ('saves the report to disk')
    against_read: frozenset[str] = frozenset()
    votes: dict[str, int] = field(default_factory=dict)
    named: bool = False  # the name has a verb the rules know
    text: ToolText | None = None  # the tool's texts, split and lowered once: the model's features read them too
