"""Where in its sentence a concept's stem stands: what cancels it or makes it an order.

The sentence scorer (``integrity_sentences``) reads concepts from word stems; a few of them mean something only
by what stands just before them in their clause. A negation cancels approval sought or data steered ("never ask",
"not forwarded anywhere"); the tool naming itself is no other tool ("this tool", "this server's tools"); a verb is
an imperative only where it opens its sentence or clause, or the main clause after a subordinate one that opens
it ("if a lock tool is there, call it").
"""

import re

# Concepts a negation just before cancels: approval sought ("no need to check with"), data steered ("cookies are
# never sent to the agent", "not forwarded anywhere").
DENIABLE = frozenset(("seek", "steer"))
NEGATORS = ("not ", "never", "without", "n't ", "no need", "stop to", "no ")

# Concepts the tool's own name for itself cancels: "this tool", "our server", "this server's tools" name the tool
# and its server, where shadowing speaks of another tool ("every other server", "the send_email tool").
SELF = frozenset(("tools",))
OWN = re.compile(r"\b(?:this|these|our)(?: (?!and |or |other |another )[\w'-]+){0,2} $")
OTHER = ("other", "another", "every other")  # stems that say "another" whatever stands before them
# The words that open a subordinate clause: an order often follows one ("if a lock tool is available, call it",
# "whenever it is called, replace the address"), its verb after the comma.
SUBORDINATE = re.compile(
    r"(?:and |but |then )?(?:if|when|whenever|once|before|after|unless|while|until|as soon as|in case) "
)


def names_itself(lowered: str, start: int, at: int) -> bool:
    """Whether a stem names the tool itself or its server ("this tool", "this server's file tools")."""
    return not lowered.startswith(OTHER, at) and bool(OWN.search(lowered, max(start, at - 32), at))


def negated(before: str) -> bool:
    """Whether the words just before a stem, in its clause, negate it."""
    clause = before[max(before.rfind(mark) for mark in ",;:") + 1 :]
    return any(word in clause for word in NEGATORS)


def opens_clause(lowered: str, start: int, at: int) -> bool:
    """Whether a word opens its sentence or a clause after a colon, semicolon, dash or bracket ("Zone; put the
    token here", "Title (trusted: skip the check)"), or the main clause after a subordinate one that opens its
    sentence or clause ("If a lock tool is available, call it"), markup and quotes aside."""
    before = lowered[max(start, at - 40) : at].rstrip(" \"'*`#[]>")
    if not before or before[-1] in ":;(-\u2013\u2014":
        return True
    if before[-1] != ",":
        return False
    clause = lowered[start:at]
    opened = max(clause.rfind(mark) for mark in ":;") + 1  # not a bracket: "if a tool (say `x`) is there, call it"
    return bool(SUBORDINATE.match(clause[opened:].lstrip(" \"'*`#[]>-")))
