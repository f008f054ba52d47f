"""What a server answers against what its code declares: the findings (a tool only at run time, a tool declared
but not listed, a description that differs) and static extraction's scores (recall, precision, exact descriptions).

Descriptions compare after trimming surrounding white space only: a client shows the text as sent, so a docstring
section kept, cut or re-wrapped is a real difference.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from catalog.core.definition import SERVERS, ToolDefinition


@dataclass
class Comparison:
    answered: int = 0
    declared: int = 0
    matched: int = 0
    exact: int = 0
    only_at_run_time: list[str] = field(default_factory=list)
    declared_not_listed: list[str] = field(default_factory=list)
    description_differs: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.matched / self.answered if self.answered else None

    @property
    def precision(self) -> float | None:
        return self.matched / self.declared if self.declared else None

    @property
    def exact_share(self) -> float | None:
        return self.exact / self.matched if self.matched else None

    def to_json(self) -> dict[str, Any]:
        return {
            "answered": self.answered, "declared": self.declared, "matched": self.matched, "exact": self.exact,
            "recall": self.recall, "precision": self.precision, "exact_descriptions": self.exact_share,
            "only_at_run_time": self.only_at_run_time, "declared_not_listed": self.declared_not_listed,
            "description_differs": self.description_differs,
        }


def _as_pairs(tools: Iterable[ToolDefinition | dict[str, Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for tool in tools:
        name = tool.name if isinstance(tool, ToolDefinition) else tool.get("name")
        text = tool.description if isinstance(tool, ToolDefinition) else tool.get("description")
        if isinstance(name, str):
            out.setdefault(name, (text or "").strip() if isinstance(text, str) else "")
    return out


def compare(answered: Iterable[ToolDefinition | dict[str, Any]],
            declared: Iterable[ToolDefinition | dict[str, Any]]) -> Comparison:
    live, static = _as_pairs(answered), _as_pairs(declared)
    result = Comparison(answered=len(live), declared=len(static))
    for name, text in live.items():
        if name not in static:
            result.only_at_run_time.append(name)
            continue
        result.matched += 1
        if static[name] == text:
            result.exact += 1
        else:
            result.description_differs.append(name)
    result.declared_not_listed = [name for name in static if name not in live]
    return result


def servers_of(tool: ToolDefinition | dict[str, Any]) -> list[str]:
    """The servers of its package that register the tool (``SERVERS``); empty when the package ships one."""
    extra = tool.extra if isinstance(tool, ToolDefinition) else tool.get("extra")
    found = extra.get(SERVERS) if isinstance(extra, dict) else None
    return [s for s in found if isinstance(s, str)] if isinstance(found, list) else []


def started(declared: list[Any], started_with: list[str] | None) -> tuple[list[Any], list[Any]]:
    """The declared tools of the server ``started_with`` (the command that ran it) started, and those of the
    package's other servers. A tool named with no server is every server's; a command that starts none of the
    servers named (another way in) is answered by all of them."""
    servers = [set(servers_of(tool)) for tool in declared]
    named = set().union(*servers)
    ran = {key for key in named if any(arg == key or arg.endswith("/" + key) for arg in started_with or ())}
    if not ran:
        return list(declared), []
    theirs = [bool(own) and not ran & own for own in servers]  # named only with servers that were not started
    return ([t for t, other in zip(declared, theirs, strict=True) if not other],
            [t for t, other in zip(declared, theirs, strict=True) if other])


# Each kind of difference in words a reader acts on, for the site and the terminal.
KINDS: dict[str, tuple[str, str]] = {
    "only_at_run_time": (
        "Only at run time",
        "The server lists this tool when it runs, but its code, as read, does not declare it: it is built at run "
        "time (from an OpenAPI file, an endpoint table, a loop over data) or hidden from a reader.",
    ),
    "declared_not_listed": (
        "Declared, not listed",
        "The code declares this tool, but the server did not list it when it ran: it may be behind a flag, a "
        "setting or a credential, or hidden. It is not in the server's tool list, and may appear later.",
    ),
    "description_differs": (
        "Description differs at run time",
        "A client is shown another description than the one in the code: text built at run time, or a "
        "definition that changes when it runs. Review what the agent is actually told.",
    ),
}


def tool_difference(row: dict[str, Any]) -> dict[str, Any] | None:
    """How a stored tool's answered definition differs from what its code declares (None when it does not, or the
    server never answered): from its own row, since both definitions are kept on it."""
    declared = row.get("declared")
    if row.get("removed"):
        kind = "declared_not_listed" if declared is not None else None  # with no answer, all declared are listed
    elif row.get("origin") != "introspected":
        kind = None
    elif declared is None:
        kind = "only_at_run_time"
    else:
        said = declared.get("description") if isinstance(declared, dict) else None
        kind = "description_differs" if _text(said) != _text(row.get("description")) else None
    if kind is None:
        return None
    title, text = KINDS[kind]
    out = {"kind": kind, "title": title, "text": text}
    if kind == "description_differs":
        out["declared_description"] = declared.get("description")
    return out


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def pooled(comparisons: Iterable[Comparison]) -> Comparison:
    total = Comparison()
    for one in comparisons:
        total.answered += one.answered
        total.declared += one.declared
        total.matched += one.matched
        total.exact += one.exact
    return total
