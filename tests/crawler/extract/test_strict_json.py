"""`scan --json` is strict JSON: a tools/list answer's NaN and Infinity (Python's parser takes them) come out as
the strings that name them, never bare."""

import json
from pathlib import Path

from typer.testing import CliRunner

from mcprisk.cli import app


def test_scan_json_never_writes_a_bare_nan(tmp_path: Path) -> None:
    answer = tmp_path / "tools.json"
    answer.write_text(
        '{"tools": [{"name": "scale", "description": "Scale by a ratio.", "inputSchema": {"type": "object",'
        ' "properties": {"ratio": {"type": "number", "default": NaN, "maximum": Infinity, "minimum": -Infinity}}}}]}'
    )
    result = CliRunner().invoke(app, ["scan", str(answer), "--json"])
    assert result.exit_code == 0, result.output

    def refuse(constant: str) -> None:
        raise AssertionError(f"bare {constant} in scan --json")

    tool = json.loads(result.stdout, parse_constant=refuse)["tools"][0]
    assert tool["inputSchema"]["properties"]["ratio"] == {
        "type": "number",
        "default": "NaN",
        "maximum": "Infinity",
        "minimum": "-Infinity",
    }


def test_a_lone_surrogate_in_a_tools_list_answer_is_escaped(tmp_path: Path) -> None:
    """Found by tests/fuzz: ``"\\udcff"`` decodes to a lone surrogate, which no UTF-8 output takes (exit 70)."""
    answer = tmp_path / "tools.json"
    answer.write_text('{"tools": [{"name": "t\\udcff", "description": "\\udcff", "inputSchema": {"\\ud800": 1}}]}')
    result = CliRunner().invoke(app, ["scan", str(answer), "--json"])
    assert result.exit_code == 0, result.exception
    tool = json.loads(result.stdout)["tools"][0]
    assert tool["name"] == "t\\udcff" and tool["description"] == "\\udcff" and tool["inputSchema"] == {"\\ud800": 1}
