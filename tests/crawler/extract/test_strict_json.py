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
