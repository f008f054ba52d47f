"""Registration helpers written in the file that calls them, named like the SDK method they wrap (values.params
counts a name's own uses, not the `server.registerTool` inside it); an SDK-generation shim's early-returning tests
are no condition (patterns.guards); and a resource template written as data is not a tool (patterns.sdk)."""

from tests.crawler.extract.javascript.support import folder


def test_a_helper_named_like_the_sdk_method_it_wraps_registers_one_tool_per_call() -> None:
    tools = folder("js-local-helpers")
    assert tools["prune_tree"].description == "Prune one tree of the orchard."
    assert tools["pick_fruit"].description == "Pick the ripe fruit into a basket."
    assert tools["prune_tree"].input_schema["properties"]["row"] == {"type": "number", "description": "Row of the tree"}


def test_an_sdk_shim_testing_for_the_registration_method_is_no_condition() -> None:
    tools = folder("js-local-helpers")
    assert tools["water_row"].description == "Water one row of trees"
    assert "condition" not in tools["water_row"].extra and "condition" not in tools["count_trees"].extra


def test_a_resource_template_written_as_data_is_not_a_tool() -> None:
    assert set(folder("js-local-helpers")) == {"prune_tree", "pick_fruit", "water_row", "count_trees"}
