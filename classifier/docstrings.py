"""What a tool's description says of one parameter, for servers whose schema says nothing of it.

Python servers on the MCP SDK send a function's whole docstring as the tool's description and build the schema from
its signature alone: the parameters' documentation is an ``Args:`` section (Google style), a ``Parameters`` block
(NumPy) or ``:param`` lines (Sphinx) inside the description, and the schema has none. Of the 298 servers of the
labelled corpora (round 15), 36 describe parameters that way, 619 tools and 1,880 parameters. griffe, the parser
fastmcp itself uses to read those sections, reads them here.

griffe costs a third of a second to import, and only the few tools whose code-like parameter is described nowhere
else need it: it is imported on first use, as scikit-learn is by training only.
"""

import inspect
import logging
import re
from functools import lru_cache

logging.getLogger("griffe").setLevel(logging.ERROR)  # griffe warns about every untyped parameter in a docstring
# a heading that starts a parameter section, in any of the styles griffe reads: the cheap test before parsing
_SECTION = re.compile(r"^\s*(args|arguments|parameters|params)\s*:?\s*$|^\s*:param\s", re.I | re.M)


def parameter_doc(description: str | None, name: str) -> str:
    """The documentation of parameter ``name`` in the docstring sections of a tool's ``description``, or ""."""
    if not description or not name or _SECTION.search(description) is None:
        return ""
    return dict(_parameters(description)).get(name, "")


@lru_cache(maxsize=4096)
def _parameters(description: str) -> tuple[tuple[str, str], ...]:
    """Every (name, documentation) of the first style that finds a parameter section: Google, NumPy, then Sphinx,
    the order fastmcp tries them in."""
    from griffe import Docstring, DocstringSectionKind, Parser

    doc = inspect.cleandoc(description)
    for parser in (Parser.google, Parser.numpy, Parser.sphinx):
        found = tuple(
            (item.name, item.description)
            for section in Docstring(doc, lineno=1, parser=parser).parse()
            if section.kind == DocstringSectionKind.parameters
            for item in section.value
        )
        if found:
            return found
    return ()
