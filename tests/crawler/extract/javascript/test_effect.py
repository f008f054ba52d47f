"""Effect's AI toolkit (patterns/effect.py): `Tool.make("name", {description, parameters})` handed to the MCP server
through a toolkit, in TypeScript source and in a bundle that inlined `@effect/ai`."""

from tests.crawler.extract.javascript.support import folder


def test_the_tools_an_effect_toolkit_makes_are_read_where_they_are_made() -> None:
    tools = folder("ts-effect-toolkit")
    # `Step.make` and `chop` are the package's own class named Tool, in a module that does not import @effect/ai
    assert set(tools) == {"find_recipe", "read_recipe"}
    found = tools["find_recipe"]
    assert (found.description, found.file, found.line) == ("Find recipes that use an ingredient.", "src/main.ts", 6)
    assert tools["read_recipe"].description == "Read one recipe, step by step."
    assert found.confidence == 0.5  # Effect Schema parameters are beyond the evaluator


def test_a_bundle_that_inlined_effect_ai_makes_its_tools_through_the_namespace_it_made() -> None:
    tools = folder("js-effect-bundle")
    assert set(tools) == {"tide_times"}
    assert tools["tide_times"].description == "High and low tide times for a harbour."
