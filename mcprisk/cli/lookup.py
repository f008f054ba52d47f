"""Query commands: risk, server, search, stats, policy, export. Each is a thin shell over catalog.queries."""

import csv
import json
import sys
from typing import Annotated

import typer

from catalog import queries, verdict_rows
from catalog.core import jsontext as strict_json
from catalog.core.errors import InputError
from catalog.database import reading
from catalog.differences import tool_difference
from mcprisk.cli.application import command
from mcprisk.cli.differences import print_differences, tool_counts, tool_list_words, tool_name
from mcprisk.cli.options import DbOption, JsonOption, settings
from mcprisk.cli.output import Styled, print_fields, print_json, print_table, risk_cell, when
from mcprisk.cli.verdicts import grade_style, grade_words, listed_description, print_verdict


@command("risk")
def risk(
    name: Annotated[str, typer.Argument(help="A tool name, or SERVER/TOOL.", show_default=False)],
    server: Annotated[str | None, typer.Option("--server", "-s", help="The server (slug or registry name).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """How risky is this tool? Category, risk, score, rationale, evidence and recommended policy.

    Example: mcprisk risk get_job --server keugenek-krea-mcp
    """
    with reading(settings(db).database_url) as reader:
        row = queries.tool_verdict(reader, name, server)
    print_verdict(row, as_json)


@command("server")
def server(
    name: Annotated[str, typer.Argument(help="Server slug, registry name or repository.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A server: what it is, its packages, and every tool with its verdict.

    Example: mcprisk server keugenek-krea-mcp --json
    """
    with reading(settings(db).database_url) as reader:
        detail = queries.server_detail(reader, name)
    if as_json:
        detail["tools"] = [verdict_rows.tool_json(t) for t in detail["tools"]]
        detail.pop("id", None)
        print_json(detail)
        return
    grade = verdict_rows.server_grade([t for t in detail["tools"] if not t["removed"]])
    print_fields(
        [
            ("server", detail["slug"]),
            ("name", detail["registry_name"]),
            ("title", detail["title"]),
            ("description", detail["description"]),
            ("repository", detail["repository_url"]),
            ("version", detail["version"]),
            ("status", detail["status"]),
            ("sources", ", ".join(detail["sources"] or [])),
            ("packages", ", ".join(f"{p['registry_type']}:{p['identifier']}" for p in detail["packages"])),
            ("tools", tool_counts(detail)),
            ("tool list", tool_list_words(detail)),
            ("grade", Styled(grade_words(grade), grade_style(grade))),
        ]
    )
    print_table(
        ["tool", "risk", "category", "description"],
        [
            (
                tool_name({**t, "difference": tool_difference(t)}),
                risk_cell(t["risk"], verdict_rows.is_poisoned(t["findings"])),
                t["category"],
                listed_description(t),
            )
            for t in detail["tools"]
        ],
    )
    print_differences(detail["differences"])


@command("search")
def search(
    query: Annotated[str, typer.Argument(help="Words to find in tool and server names and descriptions.")],
    category: Annotated[str | None, typer.Option(help="Read, Write, Execute, Destructive or Financial.")] = None,
    risk: Annotated[str | None, typer.Option(help="Low, Medium, High or Critical.")] = None,
    server: Annotated[str | None, typer.Option("--server", "-s", help="Only this server's tools.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="At most this many results.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over every catalogued tool, filtered by category, risk or server.

    Example: mcprisk search "delete repository" --risk critical
    """
    with reading(settings(db).database_url) as reader:
        rows = queries.search(reader, query, category, risk, server, limit)
    if as_json:
        print_json([verdict_rows.tool_json(r) for r in rows])
        return
    print_table(
        ["server/tool", "risk", "category", "description"],
        [
            (
                f"{r['server']}/{r['name']}",
                risk_cell(r["risk"], verdict_rows.is_poisoned(r["findings"])),
                r["category"],
                listed_description(r),
            )
            for r in rows
        ],
    )
    if not rows:
        typer.echo("no matches", err=True)


@command("stats")
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Totals: servers, tools, verdicts per category and risk, last successful crawl per source.

    Example: mcprisk stats --json
    """
    with reading(settings(db).database_url) as reader:
        data = queries.stats(reader)
    if as_json:
        print_json(data)
        return
    print_fields(
        [
            ("servers", data["servers"]),
            ("tools", f"{data['tools']} ({data['assessed']} classified, {data['removed_tools']} removed)"),
        ]
    )
    print_table(["category", "tools"], data["category"].items())
    print_table(["risk", "tools"], data["risk"].items())
    if data["last_crawl"]:
        print_table(["source", "last successful crawl"], [(k, when(v)) for k, v in data["last_crawl"].items()])


@command("policy")
def policy(
    name: Annotated[str, typer.Argument(help="Server slug or registry name.", show_default=False)],
    tool: Annotated[str | None, typer.Option("--tool", "-t", help="Only this tool's entry.")] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="gateway (policy.json), client (allow/ask/deny lists) or intercept (Intercept YAML)."
        ),
    ] = "gateway",
    db: DbOption = None,
) -> None:
    """The recommended gateway policy.json for a server (or one tool), on stdout.

    `--format client` prints the same decisions as allow / ask / deny lists of mcp__SERVER__TOOL names,
    the form agent clients' permission settings read. `--format intercept` prints a policy file for Intercept,
    PolicyLayer's open-source MCP proxy: default deny, poisoned tools hidden, limits, approvals and argument
    conditions as its rules (run: intercept -c policy.yaml -- SERVER-COMMAND).

    Example: mcprisk policy keugenek-krea-mcp > krea-policy.json
    """
    if format not in ("gateway", "client", "intercept"):
        raise InputError(f"unknown policy format {format!r}: choose gateway, client or intercept")
    with reading(settings(db).database_url) as reader:
        decided = queries.server_policy(reader, name, tool)
        slug = queries.find_server(reader, name)["slug"]
    if format == "intercept":
        from catalog.policies import intercept_policy

        sys.stdout.write(intercept_policy(slug, decided))
        return
    if format == "client":
        from catalog.policies import client_permissions

        print_json({"permissions": client_permissions(slug, decided, list(decided["tools"]))})
        return
    print_json(decided)


@command("export")
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    db: DbOption = None,
) -> None:
    """Every offered tool with its verdict, one record per line (jsonl) or row (csv), on stdout.

    Example: mcprisk export --format csv > tools.csv
    """
    if format not in ("jsonl", "csv"):
        raise InputError(f"unknown export format {format!r}: choose jsonl or csv")
    with reading(settings(db).database_url) as reader:
        rows = (verdict_rows.tool_json(r) for r in queries.export_rows(reader))
        if format == "jsonl":
            for row in rows:
                sys.stdout.write(strict_json.dumps(row, ensure_ascii=False, default=str) + "\n")
            return
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in row.items()}
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
