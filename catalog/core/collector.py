"""Python's cyclic garbage collector paused over work that makes a great many short-lived objects and no cycles to
speak of: extracting a source tree (syntax trees, nodes, captures; a tree's size is capped) and judging a tool
(texts, features, evidence, findings; a verdict leaves no cyclic garbage, which a test checks). Reference counting
still frees everything as usual; the collector's passes over such objects find nothing to free, yet cost a seventh
of extraction's CPU time (over a third of it for a Python-only tree) and a fourteenth of a verdict's."""

import gc
from types import TracebackType


class paused:  # noqa: N801 - used as a function: ``with paused():``
    """The collector off inside the block, and on again after it if it was on before (nested blocks keep it off
    until the outermost ends). A class, not ``contextlib.contextmanager``: a verdict is judged in microseconds."""

    __slots__ = ("enabled",)

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.enabled:
            gc.enable()
