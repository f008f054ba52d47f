"""A framework's tool factory, `tool("name", {description, input, output, handler})`, met on a real server added
unseen; as the TypeScript is written and as tsc compiles it to CommonJS (`(0, toolkit_1.defineTool)(…)`). And the
functions a package declares to a chat model, which share a tool's shape and are not tools."""

from tests.crawler.extract.javascript.support import FIXTURES, by_name, scan_names

PACKAGE = FIXTURES / "js-tool-factories"
LANGUAGE = "Language of the query"


def test_a_factory_call_with_a_name_a_description_an_input_schema_and_a_handler_is_a_tool() -> None:
    spell = by_name(PACKAGE)["spell_check"]
    assert (spell.file, spell.line, spell.confidence) == ("dist/tools/spell-check.js", 5, 0.9)
    assert spell.description == "Check a query's spelling. Suggest a correction when one is found."
    assert spell.annotations == {"readOnlyHint": True, "openWorldHint": True}
    assert spell.input_schema == {
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "The query to check"},
            "language": {"type": "string", "enum": ["en", "fr"], "default": "en", "description": LANGUAGE},
        },
        "required": ["query"],
    }
    assert spell.output_schema == {  # `output`, beside `input`, is the output schema
        "type": "object",
        "properties": {"corrected": {"type": "string", "description": "The corrected query"}},
        "required": ["corrected"],
    }


def test_compiled_commonjs_with_the_handler_as_third_argument() -> None:
    bake = by_name(PACKAGE)["bake_cake"]
    assert (bake.file, bake.line, bake.description) == ("dist/tools/bake.cjs", 6, "Bake a cake of the given flavour.")
    assert bake.annotations == {"destructiveHint": False}
    assert bake.input_schema == {
        "type": "object",
        "properties": {
            "flavour": {"type": "string", "enum": ["lemon", "chocolate"], "description": "Which cake"},
            "layers": {"type": "number", "description": "How many layers"},
        },
        "required": ["flavour"],
    }


def test_calls_that_only_resemble_a_factory_are_not_tools() -> None:
    # a language model SDK's nameless `tool({...})`, a toolbar without an input schema, an input that is no schema
    assert scan_names(PACKAGE) == {"spell_check", "bake_cake", "list_recipes"}


def test_functions_declared_to_a_chat_model_are_not_tools() -> None:
    # OpenAI's {type: "function", function: {...}}, and Gemini's {name, parameters} in a file importing a chat
    # SDK; the same shape in a file that talks to no model is a hand-written server's tool list
    tools = by_name(PACKAGE)
    assert "lookup_order" not in tools and "finish_task" not in tools
    assert tools["list_recipes"].input_schema == {"type": "object", "properties": {"cuisine": {"type": "string"}}}
