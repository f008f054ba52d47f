"""The tool decorator applied as a call, `mcp.tool(...)(fn)`: a class registering its own methods through `self`,
and functions defined inside the function that registers them (both met in several real published servers)."""

from crawler.extract import extract
from tests.paths import PYTHON_FIXTURES as FIXTURES


def test_tool_decorator_applied_to_methods_and_local_functions() -> None:
    tools = {t.name: t for t in extract(FIXTURES / "py-applied-decorators").tools}
    assert set(tools) == {
        "list_trees",
        "prune_tree",
        "harvest_log",
        "soil_moisture",
        "soil_ph",
        "frost_warning",
        "rainfall",
        "water",
        "mulch",
        "yield_report",
        "pest_report",
    }  # not the helper
    trees = tools["list_trees"]
    assert (trees.description, trees.file, trees.line, trees.confidence) == (
        "List the trees of one row.\n\n        Trees felled this season are left out.\n        ",
        "orchard_server/trees.py",
        10,
        0.9,
    )
    assert trees.input_schema == {  # no `self`
        "type": "object",
        "properties": {"row": {"type": "integer", "description": "Row number", "title": "Row"}},
        "required": ["row"],
    }
    assert tools["prune_tree"].description == "Mark a tree for pruning."  # the registration's text wins
    assert tools["prune_tree"].input_schema["required"] == ["tree_id"]
    assert tools["harvest_log"].description == "The harvests of one tree."  # add_tool(self.method, ...)
    assert (tools["soil_ph"].description, tools["soil_ph"].file) == ("Acidity of a plot.", "orchard_server/soil.py")
    frost = tools["frost_warning"]  # `mcp.tool(frost_risk, name="frost_warning")`
    assert (frost.description, frost.input_schema["required"]) == (
        "Chance of frost on a night, from 0 to 1.",
        ["night"],
    )
    pests = tools["pest_report"]  # `for name, description in REPORTS: mcp.add_tool(report, name=name, ...)`
    assert (pests.description, pests.file, pests.input_schema["required"]) == (
        "Pests seen per row.",
        "orchard_server/tasks.py",
        ["kind"],
    )
    assert tools["mulch"].description == "Mulch a row."  # `for task in [water, mulch]: mcp.tool()(task)`
