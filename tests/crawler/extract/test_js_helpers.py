"""Shapes met on real servers added unseen: a registration helper other files call with the tool's name and text,
a tool class that hands its schema to its base class, a feature folder named `docs`, and test files shipped in a
package (each on a fixture written for it)."""

from tests.crawler.extract.support import FIXTURES, by_name

PACKAGE = FIXTURES / "js-helper-modules"


def test_a_registration_helper_called_from_other_files_registers_one_tool_per_call() -> None:
    tools = by_name(PACKAGE)
    listed = tools["list-maps"]
    assert (listed.file, listed.line) == ("dist/tools/list-maps.js", 3)  # where the call is, not the helper
    assert (listed.title, listed.description, listed.annotations) == (
        "List maps",
        "List the maps in the atlas",
        {"readOnlyHint": True},
    )
    caller = {"type": "string", "description": "Who is asking (for usage statistics)"}
    assert listed.input_schema == {"type": "object", "properties": {"caller": caller}}  # the helper adds it
    assert tools["share-map"].description == "Share a map with someone by email"
    assert tools["share-map"].input_schema == {
        "type": "object",
        "properties": {
            "map": {"type": "string"},
            "email": {"type": "string", "description": "Their address"},
            "caller": caller,
        },
        "required": ["map", "email"],
    }
    assert all(t.confidence == 0.9 for t in tools.values())


def test_a_tool_class_that_hands_its_schema_to_its_base_class() -> None:
    distance = by_name(PACKAGE)["DistanceTool"]
    assert distance.description == "Distance between two places"
    assert distance.input_schema == {
        "type": "object",
        "properties": {
            "from": {"type": "string", "description": "Start place"},
            "to": {"type": "string", "description": "End place"},
        },
        "required": ["from", "to"],
    }


def test_a_feature_folder_named_docs_is_code_and_the_projects_docs_and_tests_are_not() -> None:
    # dist/tools/docs/ holds a documentation-search tool; the project's own docs/ an example for users; and
    # distance-tool.test.js a tool the test builds
    assert set(by_name(PACKAGE)) == {"list-maps", "share-map", "search-guides", "DistanceTool"}
