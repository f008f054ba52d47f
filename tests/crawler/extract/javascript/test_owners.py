"""Tool objects that register themselves (patterns/owners.py): the registration in the object's own method is read
with the name and description the method destructures bound to the object's."""

from tests.crawler.extract.javascript.support import folder


def test_an_object_registering_itself_through_its_method_is_one_tool() -> None:
    tools = folder("ts-self-registering-tools")
    # `retired_widget` is held by a binding nothing uses: dead code, not a tool
    assert set(tools) == {"list_widgets", "widget_props"}
    listed = tools["list_widgets"]
    assert (listed.description, listed.file, listed.line, listed.confidence) == (
        "List every widget the kit ships.",
        "src/tools/list-widgets.ts",
        8,
        0.9,
    )
    props = tools["widget_props"]  # an arrow under a key, a renamed parameter, a schema made in the method
    assert props.description == "Props of one widget.\nCall list_widgets first."
    assert props.input_schema["required"] == ["widget"]
