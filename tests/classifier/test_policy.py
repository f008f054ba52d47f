"""Rationales are specific to each tool; policies follow the design's vocabulary."""

import json

from catalog.core.definition import ToolDefinition
from catalog.policies import client_permissions, server_policy
from classifier import ServerContext, classify
from tests.classifier.test_rules import CASES
from tests.conftest import KREA_FILE


def test_different_evidence_never_gives_the_same_rationale() -> None:
    verdicts = [classify(definition, server) for definition, server, _, _ in CASES]
    by_evidence: dict[tuple, str] = {}
    for verdict in verdicts:
        key = tuple((e.rule, e.field, e.text) for e in verdict.evidence)
        by_evidence.setdefault(key, verdict.rationale)
    rationales = list(by_evidence.values())
    assert len(set(rationales)) == len(rationales)


def test_rationale_names_the_server_blast_radius_and_undo() -> None:
    server = ServerContext("io.github.x/fs", "Files Server", "Local files", ["write_file"])
    verdict = classify(
        ToolDefinition(
            name="write_file",
            description="Write text to a file.",
            input_schema={"type": "object", "properties": {"path": {"type": "string"}}},
        ),
        server,
    )
    assert "write_file can create or change data on Files Server" in verdict.rationale
    assert "any file path the agent supplies" in verdict.rationale
    assert "can usually be put back" in verdict.rationale
    assert 'the parameter "path"' in verdict.rationale


def test_policy_per_category() -> None:
    def entry(name: str, description: str, **params: dict) -> dict:
        schema = {"type": "object", "properties": params}
        return classify(ToolDefinition(name=name, description=description, input_schema=schema)).policy

    assert entry("get_job", "Get a job.") == {}
    assert entry("create_note", "Create a note.") == {"limits": [{"window": "minute", "max": 30}]}
    execute = entry("run_command", "Run a command.", command={"type": "string"})  # free-form commands: a person
    assert execute["require_approval"] is True and "free-form code or commands" in execute["reason"]
    assert "command" in execute["arguments"] and execute["arguments"]["command"]["deny_patterns"]
    destructive = entry("delete_note", "Delete a note forever.")
    assert destructive["require_approval"] is True and "delete" in destructive["reason"]
    financial = entry("refund_payment", "Refund a payment.")
    assert financial["require_approval"] is True and "moves money" in financial["reason"]


def test_server_policy_and_client_lists() -> None:
    data = json.loads(KREA_FILE.read_text())
    entries = {t["name"]: classify(ToolDefinition.from_mcp(t)).policy for t in data["tools"]}
    entries["evil"] = {"deny": True, "reason": "tool poisoning: hidden instruction"}
    policy = server_policy(entries)
    assert policy["version"] == "1" and policy["default"] == "deny"
    assert policy["tools"]["get_job"] == {} and policy["tools"]["evil"]["deny"] is True
    lists = client_permissions("keugenek-krea-mcp", policy, [*entries, "unknown_tool"])
    assert "mcp__keugenek_krea_mcp__get_job" in lists["allow"]
    assert "mcp__keugenek_krea_mcp__generate_image" in lists["allow"]
    assert lists["deny"] == ["mcp__keugenek_krea_mcp__evil", "mcp__keugenek_krea_mcp__unknown_tool"]
