"""A package shipping several servers: the one introspection starts is compared with its own tools only, and the
other servers' tools are theirs, not "declared by the code but not listed"."""

import shutil

import pytest

from catalog.differences import compare, started
from crawler.extract import extract
from crawler.introspect import introspect, outcome, parse_target
from tests.paths import PYTHON_FIXTURES

ORCHARD = PYTHON_FIXTURES / "py-two-scripts" / "orchard"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (CI installs it)")
def test_the_started_bin_is_compared_with_its_own_tools(sandbox_ready, sample, settings) -> None:
    folder = sample("two_bins")
    result = introspect(parse_target(str(folder)), settings)
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    assert result.started_with[-1].endswith("/fog.js")  # the bins sort: lighthouse-fog is started
    declared = extract(folder).tools
    own, others = started(declared, result.started_with)
    comparison = compare(result.tools, own)
    assert (comparison.recall, comparison.precision, comparison.declared_not_listed) == (1.0, 1.0, [])
    assert sorted(t.name for t in others) == ["light_lamp", "trim_wick", "turn_lens"]
    assert compare(result.tools, declared).declared_not_listed == ["light_lamp", "turn_lens", "trim_wick"]


def test_a_console_script_started_selects_its_servers_tools() -> None:
    declared = extract(ORCHARD).tools
    own, others = started(declared, ["/cache/pypi-orchard-mcp-1/venv/bin/orchard-pruning"])
    assert sorted(t.name for t in own) == ["frost_risk", "mark_branch", "sharpen_shears"]
    assert sorted(t.name for t in others) == ["assign_picker", "book_ladder", "count_crates"]


def test_a_command_starting_no_named_server_is_compared_with_every_tool() -> None:
    declared = extract(ORCHARD).tools
    assert started(declared, ["python", "-m", "orchard"]) == (declared, [])
