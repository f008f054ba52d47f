"""Tools registered in loops over lists written in the source (patterns/loops.py)."""

from tests.crawler.extract.javascript.support import folder


def test_tools_registered_in_loops_over_literal_lists() -> None:
    tools = folder("js-loop-tools")
    assert set(tools) == {"report_sales", "report_churn", "export_csv", "export_xlsx"}  # not the plugins
    sales, churn = tools["report_sales"], tools["report_churn"]
    assert sales.description == "Monthly sales by region.\nFigures are in cents."
    assert sales.annotations == {"title": "Report: sales", "readOnlyHint": True}  # the destructuring default
    assert (churn.description, churn.annotations) == (
        "Customers lost per month.",
        {"title": "Report: churn", "readOnlyHint": False},
    )
    for report in (sales, churn):  # a shape built at run time is not an empty one
        assert (report.input_schema, report.confidence, report.line) == ({"type": "object", "properties": {}}, 0.5, 19)
    export = tools["export_xlsx"]
    assert (export.description, export.title, export.confidence) == ("Export a report as xlsx.", None, 0.9)
    assert export.input_schema == {
        "type": "object",
        "properties": {"report": {"type": "string", "enum": ["sales", "churn"]}},
        "required": ["report"],
    }


def test_tools_registered_from_tables_keyed_by_name() -> None:
    tools = folder("js-table-tools")
    assert set(tools) == {"list_shelves", "stock_item", "expiry_report", "shopping_list"}  # no recipe_*
    stock = tools["stock_item"]  # `for (const [name, spec] of Object.entries(TABLE))`
    assert (stock.description, stock.line, stock.confidence) == ("Put an item on a shelf.", 11, 0.9)
    assert stock.input_schema == {
        "type": "object",
        "properties": {"shelf": {"type": "string", "description": "Shelf code"}, "item": {"type": "string"}},
        "required": ["shelf", "item"],
    }
    assert tools["shopping_list"].description == "What to buy, from what ran out."  # Object.keys, then TABLE[name]


def test_tools_registered_in_a_loop_over_required_commonjs_modules() -> None:
    tools = folder("js-required-modules")  # `[require("./a"), …]`, each `module.exports = {name, config, handler}`
    assert set(tools) == {"list_ships", "log_signal"}
    ships = tools["list_ships"]
    assert (ships.description, ships.annotations, ships.confidence) == (
        "Ships that passed the lighthouse since a date.",
        {"readOnlyHint": True},
        0.9,
    )
    assert ships.input_schema == {
        "type": "object",
        "properties": {"since": {"type": "string", "description": "ISO date"}},
        "required": ["since"],
    }


def test_elements_spread_under_a_choice_are_registered_under_its_condition() -> None:
    tools = folder("js-chosen-spread")  # `[...readTools, ...(options.readOnly ? [] : writeTools), ...]`
    assert set(tools) == {"kiln_temperature", "kiln_set_program", "kiln_camera_photo"}
    assert "condition" not in tools["kiln_temperature"].extra
    assert tools["kiln_set_program"].extra["condition"] == "listed only when `options.readOnly` is false"
    assert tools["kiln_camera_photo"].extra["condition"] == "listed only when `options.camera`"
    assert tools["kiln_camera_photo"].description == "Photograph the kiln's inside."
