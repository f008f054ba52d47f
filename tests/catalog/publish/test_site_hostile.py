"""The site's hostile cases of issue 19: strict JSON in every mirror file (a schema default of NaN or Infinity),
and a build that refuses to write through a symbolic link already in its output folder."""

import json
from pathlib import Path
from typing import Any

import pytest

from catalog.core.definition import ToolDefinition
from catalog.core.errors import ConfigError
from catalog.core.records import ServerRecord
from catalog.database import open_engine
from catalog.publish import build_site
from catalog.store import Store
from mcprisk.judging import classify_catalogue

SCHEMA = {
    "type": "object",
    "properties": {
        "ratio": {"type": "number", "default": float("nan")},
        "limit": {"type": "number", "maximum": float("inf"), "minimum": float("-inf")},
    },
}


def strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise ValueError(f"bare {constant}")

    return json.loads(text, parse_constant=refuse)


def catalogue(folder: Path) -> str:
    url = f"sqlite:///{folder / 'c.db'}"
    store = Store(open_engine(url))
    tool = ToolDefinition(name="scale_image", description="Scale an image by a ratio.", input_schema=SCHEMA)
    record = ServerRecord(registry_name="io.github.acme/scale", repository_url="https://github.com/acme/scale")
    record.tools = [tool]
    store.upsert_server(record, "registry")
    classify_catalogue(store)
    return url


def test_every_json_file_of_the_site_is_strict(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(catalogue(tmp_path), out, workers=1)
    mirrors = [p for p in out.rglob("*.json")]
    assert any("api" in p.parts for p in mirrors)
    for path in mirrors:
        strict(path.read_text())  # was: bare NaN in api/…json
    tool = next(strict(p.read_text()) for p in mirrors if "scale_image" in p.read_text() and "api" in p.parts)
    assert '"NaN"' in json.dumps(tool) and '"Infinity"' in json.dumps(tool) and '"-Infinity"' in json.dumps(tool)
    index = (out / "search-index.js").read_text()
    assert "NaN" not in index.replace('"NaN"', "")


def test_a_symbolic_link_in_the_output_folder_is_refused(tmp_path: Path) -> None:
    url = catalogue(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    (out).mkdir()
    (out / "servers").symlink_to(elsewhere)
    with pytest.raises(ConfigError, match=r"symbolic link \(servers\)"):
        build_site(url, out, workers=1)
    assert not any(elsewhere.iterdir())  # was: the server pages written into elsewhere/
    (out / "servers").unlink()
    (out / "index.html").symlink_to(elsewhere / "index.html")
    with pytest.raises(ConfigError, match="index.html"):
        build_site(url, out, workers=1)
    assert not (elsewhere / "index.html").exists()
