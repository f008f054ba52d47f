"""The wheel is complete: built, installed into a fresh virtual environment, and used from there."""

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.paths import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("mcprisk-*.whl")
    return found


def test_wheel_carries_packages_migrations_and_site(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mcprisk/cli/__init__.py" in names and "classifier/__init__.py" in names and "crawler/__init__.py" in names
    assert any(n.startswith("catalog/migrations/versions/0001_") for n in names)
    assert "catalog/migrations/env.py" in names and "catalog/migrations/script.py.mako" in names
    assert "catalog/_site/templates/tool.html" in names and "catalog/_site/static/style.css" in names
    assert "crawler/corpus/sample/registry/page-1.json" in names and "crawler/corpus/sample/github.json" in names
    assert "crawler/corpus/sample/servers/acme-labs/notes-mcp/dist/index.js" in names  # the corpus, sources and all
    assert "classifier/data/model.npz" in names  # the classifier's learned weights
    assert not any(n.startswith(("tests/", "site/")) for n in names)


def test_wheel_installs_and_answers_a_query(wheel: Path, tmp_path: Path, krea_catalogue: str) -> None:
    env_dir = tmp_path / "venv"
    # System site-packages supply the heavy dependencies already installed here (no network in tests);
    # mcprisk itself must come from the wheel, not from the checkout.
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    # a PYTHONPATH naming a checkout (a worktree, an IDE's run setting) would import it instead of the wheel
    clean = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    mcprisk = env_dir / "bin" / "mcprisk"
    where = subprocess.run(
        [python, "-c", "import catalog; print(catalog.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
    )
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    model = subprocess.run(
        [python, "-c", "from classifier.model import WEIGHTS, shipped; print(WEIGHTS, len(shipped().table))"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
    )
    assert model.returncode == 0 and str(env_dir) in model.stdout, model.stdout + model.stderr
    helped = subprocess.run([mcprisk, "--help"], capture_output=True, text=True, cwd=tmp_path, env=clean)
    assert helped.returncode == 0 and "risk" in helped.stdout
    asked = subprocess.run(
        [mcprisk, "risk", "keugenek-krea-mcp/get_job", "--db", krea_catalogue, "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
    )
    assert asked.returncode == 0, asked.stderr
    assert '"risk": "Low"' in asked.stdout
    night = subprocess.run(
        [mcprisk, "nightly", "--sample", "--json"], capture_output=True, text=True, cwd=tmp_path, env=clean
    )
    assert night.returncode == 0, night.stderr
    assert (tmp_path / "_site" / "tools" / "quickcalc-calculator-mcp" / "add.html").is_file()
    assert '"poisoned": [\n      "quickcalc-calculator-mcp/add"' in night.stdout
