"""How `mcprisk server` tells where its tool list comes from and where the server's answer and its code part."""

from typing import Any

import typer

from catalog.differences import servers_of
from mcprisk.cli.output import print_table, when


def tool_list_words(detail: dict[str, Any]) -> str:
    """Where the tool list comes from: the server's answer in the sandbox, or its code (and why not the answer)."""
    asked = detail.get("introspection")
    if asked is None:
        return "declared by its code (never run in the sandbox)"
    package = f"{asked['registry_type']}:{asked['identifier']} {asked['version']}"
    if asked["status"] == "answered":
        return f"answered by {package} in the sandbox, {when(asked['asked_at'])}"
    return f"declared by its code ({package} did not answer: {asked['status']})"


def tool_counts(detail: dict[str, Any]) -> str:
    """How many tools the list has, and how many stored tools are out of it: removed, or declared and not listed."""
    hidden = sum(1 for d in detail["differences"] if d["kind"] == "declared_not_listed")
    words = f"{detail['counts']['tools']} catalogued ({detail['counts']['removed'] - hidden} removed"
    return words + (f", {hidden} declared, not listed)" if hidden else ")")


def tool_name(tool: dict[str, Any]) -> str:
    """The tool's name, with what its row says of it: out of the list, or, of a package shipping several servers,
    the servers registering a tool the one that answered does not (its siblings')."""
    difference = tool.get("difference") or {}
    if difference.get("kind") == "declared_not_listed":
        return f"{tool['name']} (not listed)"
    declared = tool.get("declared")
    if tool.get("origin") != "introspected" and isinstance(declared, dict) and (servers := servers_of(declared)):
        return f"{tool['name']} (of {', '.join(servers)})"
    return tool["name"] + (" (removed)" if tool["removed"] else "")


def print_differences(differences: list[dict[str, Any]]) -> None:
    """The findings, one row a tool, then each kind's meaning once."""
    if not differences:
        return
    typer.echo("")
    print_table(["tool", "answered against declared"], [(d["tool"], d["title"]) for d in differences],
                title=f"{len(differences)} difference{'s' if len(differences) != 1 else ''} between what the server "
                "answered and what its code declares")
    seen: dict[str, str] = {d["title"]: d["text"] for d in differences}
    typer.echo("")
    print_table(["difference", "meaning"], seen.items())
