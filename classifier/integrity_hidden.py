"""Hidden content: what a client shows the model but its user never sees, in one field's raw text.

Invisible characters (zero-width, Unicode tag characters, bidirectional controls, terminal escapes), markup and
markdown comments, markup styled invisible, and whitespace runs long enough to push text out of view. Writing
systems that need some of these characters keep them: a zero-width joiner inside an emoji, a zero-width
non-joiner between Persian letters, direction marks in Hebrew or Arabic text, a flag's tag sequence. Each
finding carries what was hidden, so the caller can scan the hidden text for instructions too.
"""

import base64
import binascii
import re
from collections.abc import Iterator
from typing import NamedTuple

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
BIDI_OVERRIDE = re.compile("[\u202d\u202e]")
TAGS = re.compile("[\U000e0000-\U000e007f]")
FLAG_TAGS = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]+\U000e007f")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[@-Z\\-_]")
# A colour or weight that leaves the text on screen (SGR without 8, conceal): a log viewer's colours, not hiding;
# conceal, cursor moves, erasures and window titles can hide or overwrite what the user sees.
COLOUR = re.compile(r"\x1b\[(?:(?!8(?:;|m))\d{1,3};)*(?!8m)\d{0,3}m")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u180e\x1b\U000e0000-\U000e007f]")
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Markup and markdown comments; an unclosed one hides the rest of the field.
COMMENT = re.compile(
    r"<!--(.*?)(?:-->|\Z)|^[ \t]*\[(?://|comment|_|#)\]:\s*(?:#|<>)\s*(?:\((.*?)\)|\"(.*?)\")[ \t]*$", re.S | re.M
)
INVISIBLE_MARKUP = re.compile(
    r"<(\w+)[^>]*?(?:style\s*=\s*[\"'][^\"']*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|"
    r"opacity\s*:\s*0(?![.\d]*[1-9]))|\shidden(?:\s*=\s*[\"']?\w*[\"']?)?\s*)[^>]*>(.*?)</\1\s*>",
    re.I | re.S,
)
LONG_WHITESPACE = re.compile(r"[ \t\u00a0\u3000]{80,}(?=\S)|\n(?:[ \t]*\n){10,}(?=[ \t]*\S)")
# Hidden text this long is prose the user cannot see (high); shorter, it is high only when it holds a phrase of
# poisoning, which the caller finds by scanning the hidden text ("<!-- like this one -->" is a sample).
PROSE_WORDS = 8
WORD = re.compile(r"[^\W\d_]{2,}")
BASE64 = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])")
HEX = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){24,}(?![0-9A-Fa-f])|(?:\\x[0-9A-Fa-f]{2}){16,}")


class Hidden(NamedTuple):
    rule: str
    severity: str
    text: str  # what is shown as the finding's span
    message: str
    hidden: str  # the text that was hidden, to be scanned in turn ("" if none)


def quick(raw: str) -> bool:
    """Whether a field can hold hidden content at all: most fields hold none of these characters."""
    if (
        "<" in raw
        or "]:" in raw
        or "   " in raw
        or "\n\n" in raw
        or "\t\t\t" in raw
        or "\x1b" in raw
        or "\u3000" in raw
    ):
        return True
    return not raw.isascii() and bool(INVISIBLE.search(raw))  # every other invisible character is outside ASCII


def visible(raw: str) -> str:
    """The field without its invisible characters, as a model reading it would take it."""
    return TAGS.sub("", BIDI.sub("", ZERO_WIDTH.sub("", ANSI.sub("", raw))))


def hidden_content(raw: str) -> Iterator[Hidden]:
    if (not raw.isascii() or "\x1b" in raw) and INVISIBLE.search(raw):
        yield from _characters(FLAG_TAGS.sub("", raw))
    for match in COMMENT.finditer(raw) if "<!--" in raw or "]:" in raw else ():
        inner = next((g for g in match.groups() if g is not None), "").strip()
        if len(WORD.findall(inner)) >= 3:
            severity = "high" if len(WORD.findall(inner)) >= PROSE_WORDS else "medium"
            yield Hidden(
                "integrity.comment", severity, match.group(0), "a markup comment hides text from the user", inner
            )
    markup = "<" in raw and any(word in raw.lower() for word in ("hidden", "display", "font-size", "opacity"))
    for match in INVISIBLE_MARKUP.finditer(raw) if markup else ():
        inner = match.group(2).strip()
        if len(WORD.findall(inner)) >= 2:
            severity = "high" if len(WORD.findall(inner)) >= PROSE_WORDS else "medium"
            yield Hidden("integrity.invisible_markup", severity, match.group(0), "markup styled invisible", inner)
    if _blank_run(raw) and (match := LONG_WHITESPACE.search(raw)):
        rest = raw[match.end() :].strip()
        yield Hidden(
            "integrity.whitespace_run",
            "high",
            rest[:200],
            f"a run of {len(match.group(0))} blank characters pushes text out of view",
            rest,
        )


def _blank_run(raw: str) -> bool:
    """Whether the field can hold a blank run long enough to push text out of view, far cheaper than the pattern."""
    return " " * 40 in raw or raw.count("\t") >= 20 or "\u00a0" in raw or "\u3000" in raw or raw.count("\n") > 10


def _characters(raw: str) -> Iterator[Hidden]:
    if tags := TAGS.findall(raw):
        hidden = "".join(chr(ord(c) - 0xE0000) for c in tags if 0x20 <= ord(c) - 0xE0000 < 0x7F)
        yield Hidden(
            "integrity.unicode_tags",
            "critical",
            hidden[:200],
            "invisible Unicode tag characters carry hidden text",
            hidden,
        )
    zero = [m for m in ZERO_WIDTH.finditer(raw) if _hides(raw, m.start())]
    if zero:
        yield Hidden(
            "integrity.zero_width",
            "high",
            " ".join(sorted({f"U+{ord(m.group(0)):04X}" for m in zero})),
            "zero-width characters hide or split words",
            "",
        )
    bidi = BIDI.findall(raw) if not RTL.search(raw) else BIDI_OVERRIDE.findall(raw)
    if bidi:
        yield Hidden(
            "integrity.bidi",
            "high",
            " ".join(f"U+{ord(c):04X}" for c in sorted(set(bidi))),
            "bidirectional controls make the text read differently than it is",
            "",
        )
    if escapes := ANSI.findall(raw):
        hiding = [e for e in escapes if not COLOUR.fullmatch(e)]
        yield Hidden(
            "integrity.ansi",
            "high" if hiding else "medium",
            repr((hiding or escapes)[0]),
            "terminal escape sequences can hide or rewrite text" if hiding else "terminal colour codes",
            "",
        )


def _hides(raw: str, at: int) -> bool:
    """A zero-width character beside a Latin letter, digit or space splits or hides words; a byte-order mark at
    the start, or a joiner between emoji or letters of other scripts, is how those are written."""
    if at == 0 and raw[0] == "\ufeff":
        return False
    before, after = raw[at - 1 : at] if at else "", raw[at + 1 : at + 2]
    if ZERO_WIDTH.match(after) or ZERO_WIDTH.match(before):
        return True  # a run of them encodes data
    return any(c.isascii() and (c.isalnum() or c.isspace() or c in ".,:;!?") for c in (before, after))


def decode_blob(blob: str) -> str | None:
    """The text a base64 or hex blob holds, if it is text a model would read as words."""
    try:
        if blob.startswith("\\x"):
            data = bytes.fromhex(blob.replace("\\x", ""))
        elif len(blob) % 2 == 0 and all(c in "0123456789abcdefABCDEF" for c in blob):
            data = bytes.fromhex(blob)
        else:
            data = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True)
        text = data.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    return text if text and printable / len(text) > 0.9 else None


def readable(text: str) -> bool:
    """Prose rather than data: several words, mostly letters and spaces."""
    letters = sum(ch.isalpha() or ch.isspace() for ch in text)
    return len(WORD.findall(text)) >= 6 and letters / len(text) >= 0.8
