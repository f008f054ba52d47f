"""Descriptions looked up in a translation table with the English beside the key (values/translations.py), in tool
objects whose zod schema a helper builds (patterns/sdk.py): what a user who sets no language is shown."""

from tests.crawler.extract.javascript.support import folder


def test_a_translated_description_is_the_default_written_beside_its_key() -> None:
    tools = folder("js-translated-tools")
    assert set(tools) == {"list_boats", "log_arrival", "log_departure"}
    assert tools["list_boats"].description == "Lists the boats moored in the harbour"
    assert tools["log_arrival"].description == "Records a boat arriving"  # i18next's `{defaultValue}`
    assert tools["log_departure"].description is None  # a key alone: the table decides at run time


def test_a_zod_object_whose_shape_a_helper_builds_is_still_an_argument_schema() -> None:
    listed = folder("js-translated-tools")["list_boats"]
    assert (listed.file, listed.line, listed.confidence) == ("build/tools/listBoats.js", 7, 0.5)
    assert listed.input_schema == {"type": "object", "properties": {}}  # its shape is not guessed
