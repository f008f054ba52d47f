"""The README stays true: every setting documented, the CI runs the README's test command."""

import re
import subprocess
from pathlib import Path

from catalog.core.settings import describe
from tests.paths import ROOT

README = (ROOT / "README.md").read_text()


def test_every_setting_is_documented() -> None:
    for env, _default, _help in describe():
        assert f"`{env}`" in README, f"{env} is missing from the README's configuration table"


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    extract = re.search(r"test_command=\$\((awk .*README\.md)\)", script)
    assert extract is not None
    found = subprocess.run(["bash", "-c", extract.group(1)], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert found == "pip install -e '.[dev]' && ruff check . && python3 -m pytest -n 2"
    assert f"```bash\n{found}\n```" in README


def project_files() -> list[Path]:
    """The repository's own files: what git tracks or would add, never a virtual environment or build output kept
    inside the checkout; outside git, every file but those of folders holding an environment."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True
    )
    if listed.returncode == 0:
        return [ROOT / name for name in listed.stdout.decode().split("\0") if name]
    environments = {cfg.parent for cfg in ROOT.rglob("pyvenv.cfg")}
    return [p for p in ROOT.rglob("*") if not any(env in p.parents for env in environments)]


def test_repository_never_names_public_package_hosts() -> None:
    for path in project_files():
        if path.is_file() and ".git" not in path.parts and path.suffix in {".py", ".md", ".toml", ".json", ".html"}:
            text = path.read_text(errors="ignore").lower()
            for host in ("registry.npmjs" + ".org", "pypi" + ".org", "npmjs" + ".com"):
                assert host not in text, f"{path.relative_to(ROOT)} names {host}"


def table_rows(heading: str) -> dict[str, list[str]]:
    """The rows of the first table after ``heading``, keyed by their first cell (backticks stripped)."""
    section = README.split(heading, 1)[1]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        if line.startswith("|---"):
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0].strip("`")] = cells[1:]
        elif rows:
            break
    return rows


def test_configuration_table_gives_each_settings_default() -> None:
    rows = table_rows("## Configuration")
    for env, default, _help in describe():
        shown = rows[env][0]
        if default:  # a value mcprisk has: the table shows it exactly (60.0 is written 60)
            assert shown == f"`{default.removesuffix('.0')}`", f"{env}: README says {shown}, settings {default}"
        else:  # nothing, or where it comes from (npm's, pip's configuration; OpenAI's)
            assert not shown.startswith("`"), f"{env}: README shows a default, settings have none"
    assert set(rows) - {"environment variable"} == {env for env, _, _ in describe()}


def test_exit_code_table_matches_the_cli_help() -> None:
    from mcprisk.cli.application import EXIT_CODES_HELP

    codes = set(table_rows("### Exit codes")) - {"code"}
    assert codes == set(re.findall(r"(\d+) [a-z]", EXIT_CODES_HELP))


def test_every_readme_example_names_a_real_command_and_options() -> None:
    import shlex

    from typer.main import get_command

    from mcprisk.cli import app

    group = get_command(app)
    examples = [
        line.split("  #", 1)[0].split(" > ", 1)[0].strip()
        for block in re.findall(r"```bash\n(.*?)```", README, re.S)
        for line in block.splitlines()
        if line.startswith("mcprisk ")
    ]
    assert len(examples) > 25
    for example in examples:
        name, *args = shlex.split(example)[1:]
        assert name in group.commands, example  # type: ignore[attr-defined]
        options = {o for p in group.commands[name].params for o in p.opts + p.secondary_opts}  # type: ignore[attr-defined]
        for arg in args:
            assert not arg.startswith("--") or arg in options, f"{example}: no option {arg}"
