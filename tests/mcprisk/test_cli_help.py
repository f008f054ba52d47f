"""Every command explains itself: help text and an example, so `--help` is enough to use mcprisk."""

from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from mcprisk.cli import app

runner = CliRunner()


def all_commands() -> list[tuple[str, Any]]:
    group = get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, cmd: Any) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(f"{prefix} {name}".strip(), sub)
        else:
            found.append((prefix, cmd))

    walk("", group)
    return found


@pytest.mark.parametrize(("name", "cmd"), all_commands(), ids=[n for n, _ in all_commands()])
def test_every_command_has_help_with_an_example(name: str, cmd: Any) -> None:
    assert cmd.help and len(cmd.help.strip()) > 20, f"{name} has no help text"
    result = runner.invoke(app, [*name.split(), "--help"])
    code, out = result.exit_code, result.stdout
    assert code == 0 and "Example" in out, f"`mcprisk {name} --help` shows no example"


def test_top_level_help_lists_exit_codes() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "Exit codes" in result.stdout
