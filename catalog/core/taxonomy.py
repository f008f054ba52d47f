"""The two scales every verdict uses: what a tool can do (category) and how bad its misuse is (risk).

Standard library only: the query commands import this on their start-up path.
"""

CATEGORIES = ("Read", "Write", "Execute", "Destructive", "Financial")
RISKS = ("Low", "Medium", "High", "Critical")
SEVERITIES = ("low", "medium", "high", "critical")

# The design's defaults: a category's risk before any signal moves it, as a 1-5 score.
DEFAULT_SCORE = {"Read": 1, "Write": 3, "Execute": 4, "Destructive": 5, "Financial": 5}
# How far signals may lower a category: a sandbox or an approval step tempers, it never makes deleting safe.
FLOOR_SCORE = {"Read": 1, "Write": 2, "Execute": 3, "Destructive": 4, "Financial": 4}
# How far signals may raise a category: a write that reaches private data is High, never Critical by itself.
CEILING_SCORE = {"Read": 4, "Write": 4, "Execute": 5, "Destructive": 5, "Financial": 5}
# More severe categories win when a tool shows signs of several.
SEVERITY_ORDER = ("Read", "Write", "Execute", "Destructive", "Financial")


# The score a risk level stands for when only the level is known (an LLM's answer, say).
RISK_SCORE = {"Low": 1, "Medium": 3, "High": 4, "Critical": 5}


_RISK_FOR_SCORE = ("Low", "Low", "Medium", "Medium", "High", "Critical")


def risk_for_score(score: int) -> str:
    """1 Low; 2-3 Medium; 4 High; 5 Critical."""
    return _RISK_FOR_SCORE[max(1, min(5, score))]


def choice(value: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed spelling of ``value`` whatever its case, or None."""
    return next((option for option in allowed if option.lower() == value.lower()), None)
