"""Another tool named by its identifier: a concept of the sentence scorer that no stem carries.

Definitions name tools and parameters in snake_case ("transfer_funds", "execute_sql"). Shadowing speaks of
another tool by its name ("the transfer_funds tool should send to ...", "do not use run_command from any other
server"), where documentation names the tool's own name and parameters. The sentence scorer's stems never match
inside an identifier, so an identifier in running prose that is not the tool's own is a concept of its own
(``NAMED``), weighed like the others by the learned weights.
"""

import re

# A snake_case identifier: how a definition names a tool or a parameter, its own or another server's
# ("transfer_funds", "execute_sql"). One in running text that is neither the tool's name nor one of its
# parameters' names names another tool: a sentence about what another tool does or is given ("the transfer_funds
# tool should send to ..."). An identifier that stands alone as a field is a key or a value of the tool's schema.
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
NAMED = frozenset(("named",))
PUNCTUATION = ".,;:!?()[]{}'\"`*<>"


def names_another(lowered: str, interface: str, start: int, end: int) -> bool:
    """Whether the sentence at ``start:end`` holds an identifier in running prose that is not the tool's own:
    neither its name (the first field) nor one of its parameters' (``interface``: their names as words joined by
    spaces). Found around each underscore: a sentence holds few, and most sentences none."""
    at = lowered.find("_", start, end)
    if at < 0:
        return False
    own, size = lowered[: lowered.find("\n")], len(lowered)
    while 0 <= at < end:
        lo = max(lowered.rfind(" ", 0, at), lowered.rfind("\n", 0, at)) + 1
        hi = min((e for e in (lowered.find(" ", at), lowered.find("\n", at)) if e >= 0), default=size)
        alone = (lo == 0 or lowered[lo - 1] == "\n") and (hi == size or lowered[hi] == "\n")
        word = lowered[lo:hi].strip(PUNCTUATION)
        if not alone and word != own and IDENTIFIER.fullmatch(word) and word.replace("_", " ") not in interface:
            return True
        at = lowered.find("_", hi, end)
    return False
