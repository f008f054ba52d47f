"""`mcprisk scan`: the tools a checkout, a package or a saved tools/list declares, judged, without a catalogue."""

from pathlib import Path
from typing import Annotated, Any

import typer

from catalog.core.errors import InputError
from catalog.core.taxonomy import RISKS
from catalog.core.visible import visible_inline
from mcprisk.cli.application import command, fail
from mcprisk.cli.options import JsonOption
from mcprisk.cli.output import print_json, print_table, risk_cell

LEVELS = ("low", "medium", "high", "critical")


def scan_payload(result: Any) -> dict[str, Any]:
    """The JSON `mcprisk scan --json` prints: each tool as found, with the classifier's verdict."""
    from classifier import ServerContext, classify_many

    context = ServerContext(tool_names=[t.name for t in result.tools])
    verdicts = classify_many([(tool, context) for tool in result.tools])
    judged = zip(result.tools, verdicts, strict=True)
    tools = [{**tool.to_json(), "assessment": verdict.to_json()} for tool, verdict in judged]
    return {
        "tools": tools,
        "delegates_to": result.delegates_to,
        "warnings": result.warnings,
        "files_scanned": result.files_scanned,
    }


def reaches(tool: dict[str, Any], level: str) -> bool:
    """Whether a tool's risk, or one of its integrity findings, is at ``level`` or above."""
    threshold = LEVELS.index(level)
    verdict = tool["assessment"]
    return LEVELS.index(verdict["risk"].lower()) >= threshold or any(
        LEVELS.index(f["severity"]) >= threshold for f in verdict["findings"]
    )


@command("scan")
def scan(
    path: Annotated[Path, typer.Argument(help="A folder, an archive (.tgz .tar.gz .zip .whl) or a tools/list JSON.")],
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="Exit 1 when a tool reaches this risk: low, medium, high, critical.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The tools a server declares, found in its source, package or manifest, each with its verdict.

    Exit status: 0 tools found (and none at --fail-on), 1 nothing found or a tool at --fail-on, 2 unreadable input.
    For server authors in CI: mcprisk scan . --fail-on critical

    Example: mcprisk scan ./my-mcp-server --json
    """
    if fail_on is not None and fail_on.lower() not in LEVELS:
        raise InputError(f"--fail-on wants one of {', '.join(LEVELS)}, not {fail_on!r}")
    from crawler.extract import extract

    payload = scan_payload(extract(path))
    if as_json:
        print_json(payload)
    else:
        print_table(
            ["tool", "risk", "category", "findings", "where", "description"],
            [
                (
                    t["name"],
                    risk_cell(t["assessment"]["risk"], t["assessment"]["poisoned"]),
                    t["assessment"]["category"],
                    findings_cell(t["assessment"]["findings"]),
                    f"{t['file']}:{t['line']}" if t["line"] else t["file"],
                    "(withheld: poisoned; --json has it)" if t["assessment"]["poisoned"] else t["description"] or "",
                )
                for t in payload["tools"]
            ],
        )
        for warning in payload["warnings"]:
            typer.echo(f"warning: {warning}", err=True)
        if payload["delegates_to"]:
            typer.echo(
                f"no tools declared here; the entry point hands over to {', '.join(payload['delegates_to'])}", err=True
            )
        if payload["tools"]:
            typer.echo(summary(payload["tools"]), err=True)  # piped, stdout stays one row per tool
    if not payload["tools"]:
        raise fail(f"no tools found in {path}", 1)
    flagged = [t for t in payload["tools"] if fail_on is not None and reaches(t, fail_on.lower())]
    if flagged:  # the CI log says why the job failed: which tools, and what about each
        count = f"{len(flagged)} of {len(payload['tools'])} tools"
        raise fail(f"{count} at or above --fail-on {fail_on.lower()}: {'; '.join(why(t) for t in flagged)}", 1)


def findings_cell(findings: list[dict[str, Any]]) -> str:
    """The integrity findings of a tool in a few words: their count and the worst one's severity."""
    if not findings:
        return "none"
    return f"{len(findings)} ({findings[0]['severity']})"  # the classifier sorts the worst first


def summary(tools: list[dict[str, Any]]) -> str:
    """One line under the table: how many tools, by risk, and how many poisoned."""
    by_risk = {level: 0 for level in RISKS}
    for tool in tools:
        by_risk[tool["assessment"]["risk"]] = by_risk.get(tool["assessment"]["risk"], 0) + 1
    poisoned = sum(1 for t in tools if t["assessment"]["poisoned"])
    risks = ", ".join(f"{n} {level}" for level, n in reversed(by_risk.items()) if n)
    return f"{len(tools)} tools: {risks}; {poisoned} poisoned"


def why(tool: dict[str, Any]) -> str:
    """Why one tool trips --fail-on: its risk, and its worst finding if any."""
    verdict = tool["assessment"]
    reason = f"{tool['name']} ({verdict['risk']} risk, {verdict['category']}"
    if verdict["findings"]:
        worst = verdict["findings"][0]
        reason += f"; {'POISONED: ' if verdict['poisoned'] else ''}{worst['severity']} finding: {worst['message']}"
    return visible_inline(reason + ")")
