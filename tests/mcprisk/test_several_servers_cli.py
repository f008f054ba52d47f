"""`mcprisk server` on a package shipping several servers: a tool of a server other than the one that answered is
named with its servers, not called missing."""

from mcprisk.cli.differences import tool_name


def test_a_sibling_servers_tool_is_named_with_its_servers() -> None:
    row = {"name": "count_crates", "origin": "source", "removed": False, "difference": None,
           "declared": {"name": "count_crates", "extra": {"servers": ["orchard-harvest"]}}}
    assert tool_name(row) == "count_crates (of orchard-harvest)"
    answered = {**row, "name": "mark_branch", "origin": "introspected",
                "declared": {"name": "mark_branch", "extra": {"servers": ["orchard-pruning"]}}}
    assert tool_name(answered) == "mark_branch"
    assert tool_name({**row, "declared": {"name": "count_crates"}}) == "count_crates"  # one server: no more said
