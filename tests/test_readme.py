"""The README stays true: every setting documented, the CI runs the README's test command."""

import re
import subprocess
from pathlib import Path

from catalog.settings import describe

ROOT = Path(__file__).resolve().parents[1]
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


def test_repository_never_names_public_package_hosts() -> None:
    for path in ROOT.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.suffix in {".py", ".md", ".toml", ".json", ".html"}:
            text = path.read_text(errors="ignore").lower()
            for host in ("registry.npmjs" + ".org", "pypi" + ".org", "npmjs" + ".com"):
                assert host not in text, f"{path.relative_to(ROOT)} names {host}"
