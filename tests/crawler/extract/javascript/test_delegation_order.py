"""The packages a tool-less npm server hands over to come out in the order its code reaches them, the same in every
process: tree-sitter's Python binding returns a capture's nodes in an order that changes from one parse to the next,
which made `delegates_to` (and the crawl that follows it) differ between runs of the same archive."""

import json
import os
import subprocess
import sys

import pytest

from crawler.extract import extract
from tests.crawler.extract.javascript.support import FIXTURES
from tests.paths import ROOT

RELAY = FIXTURES / "js-relay-delegates"
# cli.js (bin) first: a require before an import; then the bundle (main) in source order, then what it requires
REACHED = [
    "desk-session",
    "desk-gateway",
    "desk-auth",
    "desk-tools",
    "desk-logger",
    "@desk/transport",
    "desk-config",
    "desk-metrics",
    "desk-cache",
]

# Several loaders alive at once: each parses the files anew, and a parse made while others live is the one whose
# captures came back out of order.
_PROBE = """
import json, sys
from pathlib import Path
from crawler.extract import extract
from crawler.extract.archive import Limits
from crawler.extract.files import walk
from crawler.extract.javascript.reach.delegation import npm_delegates
from crawler.extract.javascript.values.module import Loader
root = Path(sys.argv[1])
loaders = [Loader(root, walk(root, Limits(), [])) for _ in range(6)]
print(json.dumps([extract(root).delegates_to] + [npm_delegates(root, loader) for loader in loaders]))
"""


def test_delegates_in_the_order_reached() -> None:
    result = extract(RELAY)
    assert result.tools == [] and result.delegates_to == REACHED  # left-pad: a dependency nothing loads


@pytest.mark.parametrize("seed", ["0", "1", "42"])
def test_delegates_identical_across_processes_and_parses(seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(RELAY)], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(run.stdout) == [REACHED] * 7
