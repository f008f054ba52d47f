"""Tools written as classes (patterns/classes.py): in TypeScript source, in compiled output, and handing their
schema to a base class."""

from tests.crawler.extract.javascript.support import FIXTURES, by_name, folder

PACKAGE = FIXTURES / "js-helper-modules"


def test_tools_written_as_classes_in_source_and_in_compiled_output() -> None:
    tools = folder("js-class-tools")
    assert set(tools) == {"ledger_transfer", "ledger_balance", "ledger_statement", "ledger_export"}  # no settings
    transfer = tools["ledger_transfer"]
    assert (transfer.description, transfer.file, transfer.line) == (
        "Move money between two accounts. Irreversible once booked.",
        "src/tools.ts",
        10,
    )
    assert transfer.annotations == {"destructiveHint": True, "idempotentHint": False}
    assert transfer.input_schema == {
        "type": "object",
        "properties": {
            "from": {"type": "string", "description": "Account to debit."},
            "to": {"type": "string", "description": "Account to credit."},
            "cents": {"type": "integer", "description": "Amount in cents."},
        },
        "required": ["from", "to", "cents"],
    }
    balance = tools["ledger_balance"]  # constructor fields, a getter method, a static assigned after the class
    assert (balance.description, balance.annotations, balance.confidence) == (
        "Read an account's balance.",
        {"readOnlyHint": True},
        0.9,
    )
    assert balance.input_schema == {
        "type": "object",
        "properties": {
            "account": {"type": "string", "description": "Account number."},
            "asOf": {"type": "string", "description": "Date, YYYY-MM-DD."},
        },
        "required": ["account"],
    }
    export = tools["ledger_export"]  # a schema chosen at run time: the tool is declared, its schema not guessed
    assert (export.description, export.input_schema, export.confidence) == (
        "Export the ledger.",
        {"type": "object", "properties": {}},
        0.5,
    )
    statement = tools["ledger_statement"]
    assert statement.description == "Monthly statement \u2014 PDF."
    assert statement.input_schema == {
        "type": "object",
        "properties": {"month": {"type": "string"}},
        "required": ["month"],
    }


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


def test_tool_classes_answering_through_getter_methods() -> None:
    tools = folder("js-getter-classes")
    assert set(tools) == {"list_plants", "water_plant", "schedule_watering"}  # not the auth, not the scheduler
    plants = tools["list_plants"]
    assert (plants.description, plants.annotations, plants.confidence, plants.file) == (
        "List the plants of a greenhouse with their last watering.",
        {"title": "List plants", "readOnlyHint": True},
        0.9,
        "lib/handlers.js",
    )
    assert plants.input_schema == {
        "type": "object",
        "properties": {"greenhouse": {"type": "string", "description": "Greenhouse code"}},
        "required": ["greenhouse"],
    }
    schedule = tools["schedule_watering"]  # one getConfig() returning the registration's configuration
    assert (schedule.title, schedule.description, schedule.annotations) == (
        "Schedule watering",
        "Schedule a plant's watering.\n\nReplaces any earlier schedule of the plant.",
        {"idempotentHint": True},
    )
    assert schedule.input_schema["required"] == ["plant", "everyDays"]
