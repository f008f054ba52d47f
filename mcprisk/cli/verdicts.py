"""How a verdict reads in the terminal: one tool's (``risk``), a poisoned tool's description in lists, a server's
grade. No Typer here: the fast ``risk`` path (``quick``) prints through it too."""

import json
from typing import Any

from catalog import verdict_rows
from catalog.policies import policy_summary
from mcprisk.cli.output import POISONED_STYLE, Styled, print_fields, print_json, risk_cell, when


def print_verdict(row: dict[str, Any], as_json: bool) -> None:
    data = verdict_rows.tool_json(row)
    if as_json:
        print_json(data)
        return
    print_fields(tool_fields(data, row.get("classified_at")))


def tool_fields(data: dict[str, Any], classified_at: Any = None) -> list[tuple[str, Any]]:
    """A tool's verdict as label/value lines: poisoning first, risk in colour and words, the policy in words and
    as its JSON entry (``{}`` is an answer: allowed without conditions)."""
    poisoned = data["poisoned"]
    risk = data["risk"] and f"{data['risk']} ({data['score']}/5, confidence {data['confidence']:.2f})"
    findings = [f'{f.get("severity")}: {f.get("message")}: "{f.get("text")}"' for f in data["findings"] or []]
    policy = data["policy"]
    return [
        ("tool", f"{data['server']}/{data['tool']}" + (" (removed)" if data["removed"] else "")),
        (
            "poisoned",
            Styled("POISONED: deny it; its definition addresses the agent", POISONED_STYLE) if poisoned else None,
        ),
        ("category", data["category"] or "not classified yet: run `mcprisk classify`"),
        ("risk", risk and Styled(risk, risk_cell(data["risk"]).style)),
        (
            "description",
            f'UNTRUSTED, quoted: "{data["description"]}"' if poisoned and data["description"] else data["description"],
        ),
        ("rationale", data["rationale"]),
        ("evidence", "; ".join(f'{e.get("field")}: "{e.get("text")}"' for e in data["evidence"] or [])),
        ("findings", "; ".join(findings)),
        ("annotations", data["annotations"]),
        ("policy", None if data["category"] is None else policy_summary(data["tool"], policy)),
        ("policy entry", None if policy is None else json.dumps(policy, ensure_ascii=False) or "{}"),
        ("classified", when(classified_at)),
    ]


def listed_description(tool: dict[str, Any]) -> str:
    """A tool's description as a list shows it: a poisoned tool's is withheld (it is the attacker's text, aimed
    at the agent), and only `mcprisk risk` shows it, quoted and labelled."""
    if verdict_rows.is_poisoned(tool["findings"]):
        return "(description withheld: it addresses the agent; `mcprisk risk` quotes it)"
    return tool["description"] or ""


def grade_style(grade: dict[str, Any]) -> str:
    return POISONED_STYLE if grade["poisoned"] else risk_cell(grade["worst_risk"]).style


def grade_words(grade: dict[str, Any]) -> str:
    """A server's grade in words: the letter, the worst risk, poisoning and how many tools are safe to allow."""
    if grade["worst_risk"] is None:
        return "not graded: no classified tools"
    poisoned = f", {grade['poisoned']} POISONED" if grade["poisoned"] else ""
    return (
        f"{grade['grade']}: worst risk {grade['worst_risk']}{poisoned}; "
        f"{grade['safe_by_default']} of {grade['tools']} tools safe to allow by default"
    )
