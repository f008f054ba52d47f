"""Policies hold together: derived from the rationale's own signals, never weaker for a riskier sibling, and
written as a gateway runs them (policy.json, client lists, Intercept's YAML)."""

import json
import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from catalog.core.definition import ToolDefinition
from catalog.core.taxonomy import RISKS
from catalog.database import open_engine, reading
from catalog.store import Store
from classifier import ServerContext, classify
from classifier.policy import SIGNAL_CLAUSES, guard_level
from mcprisk.cli import app
from tests.catalog.publish.test_site import fill

runner = CliRunner()
VERBS = ["get", "list", "read", "search", "create", "update", "write", "send", "post", "delete", "remove", "run",
         "exec", "query", "fetch", "transfer", "refund", "charge", "upload", "scale", "publish", "purge"]  # fmt: skip
NOUNS = ["file", "note", "job", "email", "payment", "page", "record", "user", "pod", "table", "message", "secret"]
PARAMS = ["path", "file_path", "url", "endpoint", "command", "script", "sql", "query", "amount", "price", "force",
          "recursive", "to", "recipients", "name", "id", "limit", "dry_run", "confirm", "body", "webhook"]  # fmt: skip
PHRASES = ["", "Reads any file path the agent supplies.", "Fetches any URL from the web.",
           "Runs a shell command.", "Deletes all records in one call.", "Returns API keys and access tokens.",
           "Lists the user's private messages and contacts.", "Runs inside an isolated sandbox.",
           "Executes SQL against the database.", "Sends an email to anyone.", "Moves money between accounts.",
           "Permanently deletes the item; this cannot be undone."]  # fmt: skip


def synthetic_servers(count: int, seed: int = 18) -> list[list[ToolDefinition]]:
    """Servers of random tools built from verbs, nouns, risky parameter names and signal phrases."""
    rng = random.Random(seed)
    servers = []
    for _ in range(count):
        names = {f"{rng.choice(VERBS)}_{rng.choice(NOUNS)}" for _ in range(rng.randint(2, 9))}
        tools = []
        for name in sorted(names):
            params = {p: {"type": _type(p)} for p in rng.sample(PARAMS, rng.randint(0, 3))}
            description = f"{name.replace('_', ' ').capitalize()}. {rng.choice(PHRASES)} {rng.choice(PHRASES)}"
            tools.append(ToolDefinition(name=name, description=description.strip(),
                                        input_schema={"type": "object", "properties": params}))  # fmt: skip
        servers.append(tools)
    return servers


def _type(param: str) -> str:
    return {"amount": "number", "price": "number", "force": "boolean", "recursive": "boolean", "limit": "integer",
            "dry_run": "boolean", "confirm": "boolean", "recipients": "array"}.get(param, "string")  # fmt: skip


def check_server(verdicts: list[tuple[str, Any]]) -> None:
    """No tool guarded less than a lower-risk sibling; every signal the rationale names has its clause."""
    for name, verdict in verdicts:
        for evidence in verdict.evidence:
            clause = SIGNAL_CLAUSES.get(evidence.rule)
            if clause is not None and not verdict.poisoned:
                assert clause(verdict.policy, evidence), f"{name}: {evidence.rule} has no clause in {verdict.policy}"
        if verdict.poisoned:
            assert verdict.policy.get("deny") is True, name
    for name_a, a in verdicts:
        for name_b, b in verdicts:
            if RISKS.index(a.risk) > RISKS.index(b.risk):
                assert guard_level(a.policy) >= guard_level(b.policy), (
                    f"{name_a} ({a.risk}, {a.policy}) is guarded less than {name_b} ({b.risk}, {b.policy})"
                )


def test_every_sample_tool_is_guarded_as_its_rationale_says(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    fill(Store(open_engine(url)))
    with reading(url) as reader:
        rows = reader.rows(
            "SELECT s.slug, t.name, t.description, t.input_schema, t.annotations FROM tool t "
            "JOIN server s ON s.id = t.server_id",
            json_columns=("input_schema", "annotations"),
        )
    by_server: dict[str, list[ToolDefinition]] = defaultdict(list)
    for row in rows:
        by_server[row["slug"]].append(
            ToolDefinition(
                name=row["name"],
                description=row["description"],
                input_schema=row["input_schema"] or {},
                annotations=row["annotations"],
            )
        )
    assert len(by_server) >= 10
    for slug, tools in by_server.items():
        context = ServerContext(name=slug, tool_names=[t.name for t in tools])
        check_server([(f"{slug}/{t.name}", classify(t, context)) for t in tools])


def test_a_large_synthetic_catalogue_is_guarded_consistently() -> None:
    servers = synthetic_servers(600)
    assert sum(len(s) for s in servers) > 2500
    seen_clauses: set[str] = set()
    for n, tools in enumerate(servers):
        context = ServerContext(name=f"server-{n}", tool_names=[t.name for t in tools])
        verdicts = [(t.name, classify(t, context)) for t in tools]
        check_server(verdicts)
        for _, verdict in verdicts:
            seen_clauses |= set(verdict.policy) | {a["kind"] for a in verdict.policy.get("arguments", {}).values()}
    # the corpus exercises every clause: the checks above are not vacuous
    assert {"path", "url", "command", "amount", "switch", "recipient", "limits", "require_approval"} <= seen_clauses


@pytest.mark.parametrize(
    ("description", "params", "expected"),
    [
        ("Read the complete contents of a file at any path.", {"path": "string"}, ("arguments", "path", "path")),
        ("Fetch a URL and return its content.", {"url": "string"}, ("arguments", "url", "url")),
        ("Run any shell command.", {"command": "string"}, ("require_approval", None, None)),
        ("Create a payment to a recipient.", {"amount": "number"}, ("arguments", "amount", "amount")),
    ],
)
def test_the_issues_contradictions_are_gone(description: str, params: dict[str, str], expected: tuple) -> None:
    name = {"path": "read_file", "url": "fetch_url", "command": "run_command", "amount": "create_payment"}[
        next(iter(params))
    ]
    schema = {"type": "object", "properties": {p: {"type": t} for p, t in params.items()}}
    tool = ToolDefinition(name=name, description=description, input_schema=schema)
    policy = classify(tool, ServerContext(tool_names=[name])).policy
    assert policy != {}
    key, arg, kind = expected
    if arg is None:
        assert policy[key] is True and policy["limits"][0]["window"] == "hour"
    else:
        assert policy[key][arg]["kind"] == kind
    if name in ("run_command", "create_payment"):
        assert policy["require_approval"] is True


def test_policy_as_intercept_yaml(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    fill(Store(open_engine(url)))
    result = runner.invoke(app, ["policy", "quickcalc-calculator-mcp", "--db", url, "--format", "intercept"])
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(result.stdout)
    assert doc["version"] == "1" and doc["default"] == "deny"
    assert doc["hide"] == ["add"]  # poisoned: hidden from the agent and denied
    assert doc["tools"]["multiply"]["rules"][0]["rate_limit"] == "60/minute"
    result = runner.invoke(app, ["policy", "paystream-payments-mcp", "--db", url, "--format", "intercept"])
    doc = yaml.safe_load(result.stdout)
    rules = doc["tools"]["createPayment"]["rules"]
    assert rules[0]["action"] == "require_approval" and "moves money" in rules[0]["on_deny"]
    assert {"path": "args.amount", "op": "lte", "value": 100} in rules[1]["conditions"]
    assert rules[2]["rate_limit"] == "5/hour"
    result = runner.invoke(app, ["policy", "shellcraft-shell-mcp", "--db", url, "--format", "intercept"])
    doc = yaml.safe_load(result.stdout)
    condition = doc["tools"]["read_file"]["rules"][0]["conditions"][0]
    assert condition["path"] == "args.path" and condition["op"] == "regex"
    allowed = re.compile(condition["value"])
    assert allowed.match("src/main.py") and not allowed.match("../etc/passwd") and not allowed.match("/etc/passwd")
    assert not allowed.match("~/.ssh/id_rsa") and not allowed.match("a/.ssh/id_rsa")
    for rule in (r for tool in doc["tools"].values() for r in tool["rules"]):
        assert rule["name"] and rule["on_deny"]
        assert set(rule) <= {"name", "action", "conditions", "rate_limit", "on_deny"}
        if "rate_limit" in rule:
            assert re.fullmatch(r"\d+/(minute|hour|day)", rule["rate_limit"])
    gateway = runner.invoke(app, ["policy", "shellcraft-shell-mcp", "--db", url])
    assert json.loads(gateway.stdout)["default"] == "deny"
