"""Descriptions a package's own builder function gathers statement by statement (values/builders.py), with what
such builders read: a key an object lacks is undefined, `?.`, `.length`, comparisons, `.trim()`, `.filter(fn)`."""

from tests.crawler.extract.javascript.support import folder


def test_a_builder_pushing_parts_under_conditions_is_run_on_the_spec_it_is_given() -> None:
    tools = folder("js-description-builders")
    assert tools["book_crossing"].description == (
        "Book a crossing for one vehicle.\n\nWhen: the traveller has chosen a sailing\n\n"
        "- Payment is taken at once.\n\nReturns: the booking reference"
    )


def test_a_builder_taking_its_parameter_apart_and_looping_over_a_list() -> None:
    tools = folder("js-description-builders")
    assert tools["list_sailings"].description == (
        "List the sailings of a route\n- route (required)\n- date (optional)."
    )


def test_a_builder_doing_what_the_reader_cannot_run_leaves_the_text_unknown() -> None:
    tools = folder("js-description-builders")
    assert tools["list_ports"].description is None
    assert tools["next_sailing"].description is None  # a parameter shadowing a module constant is not read as it
