"""The query commands as a user runs them: output, --json, errors and exit codes, help everywhere."""

import csv
import io
import json
import os
import subprocess

from typer.testing import CliRunner

from mcprisk.cli import app
from tests.cli import CLI

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_risk_json(any_krea_catalogue: str) -> None:
    code, out, _ = run("risk", "keugenek-krea-mcp/get_job", "--db", any_krea_catalogue, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["server"] == "keugenek-krea-mcp" and data["tool"] == "get_job"
    assert (data["category"], data["risk"], data["score"]) == ("Read", "Low", 1)
    assert data["rationale"].startswith("get_job") and data["evidence"][0]["text"] == "get_job"
    assert data["policy"] == {}


def test_risk_with_server_option_and_registry_name(any_krea_catalogue: str) -> None:
    code, out, _ = run("risk", "get_job", "--server", "io.github.keugenek/krea-mcp", "--db", any_krea_catalogue)
    assert code == 0 and "keugenek-krea-mcp/get_job" in out and "Low" in out


def test_risk_on_several_servers_lists_them(any_krea_catalogue: str) -> None:
    code, out, err = run("risk", "get_job", "--db", any_krea_catalogue)
    assert code == 1 and out == ""
    assert "2 servers offer a tool named get_job" in err
    assert "example-jobs-mcp/get_job" in err and "keugenek-krea-mcp/get_job" in err


def test_unknown_tool_offers_close_matches(any_krea_catalogue: str) -> None:
    code, _, err = run("risk", "get_jobs", "--db", any_krea_catalogue)
    assert code == 1
    assert err.splitlines()[0] == "error: no tool named get_jobs"
    assert "did you mean: example-jobs-mcp/get_job, keugenek-krea-mcp/get_job" in err  # the full server/tool


def test_unknown_server(any_krea_catalogue: str) -> None:
    code, _, err = run("server", "keugenek-kreaa", "--db", any_krea_catalogue)
    assert code == 1 and "no server named keugenek-kreaa" in err and "keugenek-krea-mcp" in err


def test_server_found_by_the_words_of_its_title(any_krea_catalogue: str) -> None:
    code, out, _ = run("server", "krea", "--db", any_krea_catalogue)  # its title is "Krea MCP Server"
    assert code == 0 and out.startswith("server:      keugenek-krea-mcp\n")
    code, _, err = run("server", "mcp", "--db", any_krea_catalogue)  # a word every server has: which one?
    assert code == 1 and "servers match mcp: say which by slug" in err and "candidates: " in err


def test_server_json_and_text(any_krea_catalogue: str) -> None:
    code, out, _ = run("server", "keugenek-krea-mcp", "--db", any_krea_catalogue, "--json")
    data = json.loads(out)
    assert code == 0 and data["counts"]["tools"] == 9 and len(data["tools"]) == 9
    assert data["packages"][0]["identifier"] == "@vmosaic/krea-mcp-server"
    assert data["counts"]["category"]["Read"] == 6 and data["counts"]["category"]["Write"] == 3
    code, out, _ = run("server", "keugenek-krea-mcp", "--db", any_krea_catalogue)
    assert code == 0 and "9 catalogued" in out and "generate_video\tMedium\tWrite" in out


def test_search_filters(any_krea_catalogue: str) -> None:
    code, out, _ = run("search", "job", "--db", any_krea_catalogue, "--json")
    names = {f"{r['server']}/{r['tool']}" for r in json.loads(out)}
    assert code == 0 and {"keugenek-krea-mcp/get_job", "example-jobs-mcp/delete_job"} <= names
    code, out, _ = run("search", "job", "--risk", "critical", "--db", any_krea_catalogue, "--json")
    assert [r["tool"] for r in json.loads(out)] == ["delete_job"]
    code, out, _ = run(
        "search",
        "generation",
        "--category",
        "Read",
        "--server",
        "keugenek-krea-mcp",
        "--db",
        any_krea_catalogue,
        "--json",
    )
    assert {r["tool"] for r in json.loads(out)} == {"get_job", "list_jobs", "search_styles"}
    code, out, _ = run("search", "status", "--limit", "1", "--db", any_krea_catalogue, "--json")
    assert len(json.loads(out)) == 1


def test_search_by_server_words(any_krea_catalogue: str) -> None:
    code, out, _ = run("search", "cron", "--db", any_krea_catalogue, "--json")
    assert code == 0 and {r["tool"] for r in json.loads(out)} == {"get_job", "delete_job"}


def test_search_bad_input(any_krea_catalogue: str) -> None:
    code, _, err = run("search", "job", "--risk", "extreme", "--db", any_krea_catalogue)
    assert code == 2 and "unknown risk 'extreme'" in err
    code, _, err = run("search", "!!!", "--db", any_krea_catalogue)
    assert code == 2 and "no words" in err
    code, _, err = run("search", '"unbalanced AND (', "--db", any_krea_catalogue)
    assert code == 0


def test_stats(any_krea_catalogue: str) -> None:
    code, out, _ = run("stats", "--db", any_krea_catalogue, "--json")
    data = json.loads(out)
    assert code == 0 and (data["servers"], data["tools"], data["assessed"]) == (2, 11, 11)
    assert data["risk"] == {"Low": 7, "Medium": 3, "High": 0, "Critical": 1}
    code, out, _ = run("stats", "--db", any_krea_catalogue)
    assert "servers: 2" in out


def test_policy(any_krea_catalogue: str) -> None:
    code, out, _ = run("policy", "keugenek-krea-mcp", "--db", any_krea_catalogue)
    policy = json.loads(out)
    assert code == 0 and policy["version"] == "1" and policy["default"] == "deny"
    assert policy["tools"]["get_job"] == {} and set(policy["tools"]) == {
        "generate_image",
        "generate_video",
        "get_job",
        "list_jobs",
        "upload_asset",
        "get_asset",
        "list_assets",
        "search_styles",
        "get_style",
    }
    code, out, _ = run("policy", "keugenek-krea-mcp", "--tool", "upload_asset", "--db", any_krea_catalogue)
    assert json.loads(out)["tools"] == {"upload_asset": {"limits": [{"window": "minute", "max": 30}]}}
    code, _, err = run("policy", "keugenek-krea-mcp", "--tool", "nope", "--db", any_krea_catalogue)
    assert code == 1 and "no tool named nope" in err


def test_export_jsonl_and_csv(any_krea_catalogue: str) -> None:
    code, out, _ = run("export", "--db", any_krea_catalogue)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 11 and {"server", "tool", "category", "risk", "policy"} <= set(lines[0])
    code, out, _ = run("export", "--format", "csv", "--db", any_krea_catalogue)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 11 and json.loads(rows[0]["evidence"])[0]["rule"] == "test.name"
    code, _, err = run("export", "--format", "xml", "--db", any_krea_catalogue)
    assert code == 2 and "unknown export format" in err


def test_missing_catalogue_is_one_line(tmp_path: os.PathLike) -> None:
    code, out, err = run("stats", "--db", str(tmp_path) + "/none.db")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "no catalogue at" in err


def test_database_from_environment(any_krea_catalogue: str) -> None:
    result = runner.invoke(app, ["stats", "--json"], env={"MCPRISK_DATABASE_URL": any_krea_catalogue})
    assert result.exit_code == 0 and json.loads(result.stdout)["servers"] == 2


def test_cli_in_a_real_process_prints_no_traceback(tmp_path: os.PathLike) -> None:
    proc = subprocess.run(
        [*CLI, "risk", "x", "--db", "sqlite:///:memory:"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.startswith("error:")
