"""The sample corpus server with a file it cannot serve (a name that is not UTF-8): a 500 and one line on
stderr, never a traceback, and the server goes on answering."""

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.corpus.serve import serving


def test_a_name_that_is_not_utf8_is_one_line_not_a_traceback(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "page-1.json").write_text(json.dumps({"servers": []}))
    (tmp_path / "github.json").write_text(json.dumps({"o/r": {"pushed_at": "2026-11-10"}}))
    tree = tmp_path / "servers" / "o" / "r"
    tree.mkdir(parents=True)
    (tree / "README.md").write_text("# r\n")
    with open(os.fsencode(tree) + b"/x\xff.js", "wb") as out:
        out.write(b"1\n")
    with serving(tmp_path) as server:
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(f"{server.base}/github/repos/o/r", timeout=10)
        assert failed.value.code == 500
        with urllib.request.urlopen(f"{server.base}/github/repos/o/r/readme", timeout=10) as answer:
            assert answer.read() == b"# r\n"
    err = capfd.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1 and "not served: UnicodeEncodeError" in err
