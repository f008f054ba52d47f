"""Hostile text made visible: the one rule the site and the terminal share.

Scraped text may carry characters that reorder or hide what a reader sees (bidi controls, zero-width and tag
characters) or that a terminal obeys (control characters, ANSI escapes). Each is shown as a ⟦U+XXXX⟧ marker,
so what the reader sees is what is there. Standard library only: the CLI imports this on its start-up path.
"""

import re
from typing import Any

# Invisible characters (bidi controls, zero-width and tag characters) and control characters but tab and newlines.
_HIDDEN = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u180e\U000e0000-\U000e007f\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
# For one terminal line: tab and newlines too (a newline in a table cell could forge a row).
_HIDDEN_INLINE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u180e\U000e0000-\U000e007f\x00-\x1f\x7f-\x9f\u2028\u2029]"
)


def visible(text: Any) -> str:
    """Invisible and control characters as ⟦U+XXXX⟧ markers; tab and newlines kept (a page lays them out)."""
    if text is None:
        return ""
    return _HIDDEN.sub(_marker, text if isinstance(text, str) else str(text))


def visible_inline(text: Any) -> str:
    """As :func:`visible`, and tab and newlines as spaces: text for one terminal line or table cell."""
    if text is None:
        return ""
    return _HIDDEN_INLINE.sub(_inline_marker, text if isinstance(text, str) else str(text))


def _marker(match: re.Match[str]) -> str:
    return f"⟦U+{ord(match.group(0)):04X}⟧"


def _inline_marker(match: re.Match[str]) -> str:
    char = match.group(0)
    return " " if char in "\t\n\r" else f"⟦U+{ord(char):04X}⟧"
