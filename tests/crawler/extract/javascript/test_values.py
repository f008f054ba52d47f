"""Values read without running code (values/): texts as the default environment makes them, zod schemas and JSON
Schema converters, TypeScript enums as written and as tsc and esbuild compile them, `dedent` templates, and the
package's own small functions around a description."""

from pathlib import Path

from tests.crawler.extract.javascript.support import by_name, folder


def test_texts_are_read_as_the_default_environment_makes_them() -> None:
    tools = folder("js-default-environment")
    assert set(tools) == {"weather_forecast", "weather_alerts", "weather_radar", "weather_archive"}
    forecast = tools["weather_forecast"]
    assert forecast.description == "Forecast for a city \u2014 next 3 days, in metric units."
    assert forecast.input_schema == {
        "type": "object",
        "properties": {"city": {"type": "string", "description": 'City name, e.g. "Lyon"'}},
        "required": ["city"],
    }
    assert forecast.confidence == 0.9
    assert tools["weather_alerts"].description == "Live severe-weather alerts \U0001f300 for a region."
    radar = tools["weather_radar"]  # a function's result is never guessed
    assert (radar.description, radar.confidence) == (None, 0.5)
    archive = tools["weather_archive"]  # the SDK's experimental tasks API
    assert archive.description == "Build a climate archive for a city; runs as a task."
    assert archive.input_schema == {
        "type": "object",
        "properties": {"city": {"type": "string"}, "years": {"type": "integer", "default": 10}},
        "required": ["city"],
    }


def test_zod_objects_describing_tools_and_json_schema_converters() -> None:
    tools = folder("js-zod-described-tools")
    assert set(tools) == {"tab_open", "tab_arrange"}
    tab = tools["tab_open"]  # z.literal(…).value, zodToJsonSchema(X.shape.arguments)
    assert (tab.description, tab.confidence) == ("Open a new tab at an address", 0.85)  # data, not a registration
    assert tab.input_schema == {
        "type": "object",
        "properties": {
            "url": {"type": "string", "description": "Address to open"},
            "layout": {"type": "string", "enum": ["window", "tab"]},
        },
        "required": ["url"],
    }
    arrange = tools["tab_arrange"]  # z.toJSONSchema, and an enum's .options
    assert arrange.input_schema == {
        "type": "object",
        "properties": {"layout": {"type": "string", "enum": ["grid", "stack"]}},
        "required": ["layout"],
    }


def test_descriptions_wrapped_by_the_packages_own_small_functions() -> None:
    tools = folder("js-wrapped-descriptions")
    assert set(tools) == {"build_status", "build_logs"}
    status = tools["build_status"]  # the registration, not the data object it was built from
    assert status.description == "[build] Status of the latest build.\n\nNOTE: this server is read-only."
    assert (status.file, status.line, status.confidence) == ("dist/index.js", 13, 0.9)
    assert status.annotations == {"readOnlyHint": True}
    assert status.input_schema == {
        "type": "object",
        "properties": {
            "params": {"type": "object", "properties": {"branch": {"type": "string"}}, "required": ["branch"]}
        },
    }
    logs = tools["build_logs"]  # the branch of the `if` that reads completely: the one without annotations
    assert (logs.line, logs.annotations, logs.confidence) == (15, None, 0.9)
    assert logs.description == "[build] Logs of a failed build.\n\nNOTE: this server is read-only."


def test_small_functions_with_constants_of_their_own_before_their_return(tmp_path: Path) -> None:
    # a prefix a user may set, read into a constant before the return: unset by default, so the bare name
    (tmp_path / "tools.js").write_text(
        "const named = (base) => {\n"
        "    const prefix = process.env.LIBRARY_PREFIX;\n"
        "    return prefix ? `${prefix}_${base}` : base;\n"
        "};\n"
        "function described(text) {\n"
        "    const scope = process.env.LIBRARY_PREFIX;\n"
        "    const lead = 'Library';\n"
        "    return scope ? `For ${scope}: ${text}` : `${lead}: ${text}`;\n"
        "}\n"
        "function unpacked(options) {\n"
        "    const { base } = options;\n"  # a destructured constant: not followed
        "    return base;\n"
        "}\n"
        "export const TOOLS = {\n"
        "    [named('lend_book')]: { name: named('lend_book'), description: described('Lend a book.'),\n"
        "        inputSchema: { type: 'object' } },\n"
        "    [named('return_book')]: { name: unpacked({ base: 'return_book' }), description: 'Return a book.',\n"
        "        inputSchema: { type: 'object' } },\n"
        "};\n"
        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: Object.values(TOOLS) }));\n"
    )
    tools = by_name(tmp_path)
    assert set(tools) == {"lend_book"}
    assert tools["lend_book"].description == "Library: Lend a book."


def test_compiled_enums_name_tools_through_a_named_import() -> None:
    tools = folder("js-enum-names")
    assert set(tools) == {"search_recipes", "get_recipe", "scale_recipe"}
    assert all(t.confidence == 0.9 for t in tools.values())
    # esbuild's enum function, read member by member; tsc's numeric members count from 0
    assert tools["scale_recipe"].description == "Scale a recipe; quantities in g or cup"
    assert tools["search_recipes"].input_schema == {
        "type": "object",
        "properties": {
            "ingredient": {"type": "string", "description": "An ingredient"},
            "level": {"type": "number", "maximum": 1},
        },
        "required": ["ingredient"],
    }


def test_enum_declarations_in_typescript_source() -> None:
    tools = folder("ts-enum-names")
    assert set(tools) == {"list_boards", "move_piece"}
    assert tools["move_piece"].description == "Move a piece"
    # a member without a value is one more than the member before it: High = 3
    assert tools["move_piece"].input_schema["properties"]["priority"] == {"type": "number", "default": 3}


def test_descriptions_written_with_the_dedent_package() -> None:
    tools = folder("js-dedent-descriptions")
    # the texts the `dedent` package itself gives for these templates (checked with node): indentation stripped to the
    # least indented line, ends trimmed, escaped backticks and `\n` undone, values put in first
    assert tools["find_book"].description == (
        "Find a book in the catalogue by title or author.\n\nUSAGE:\n"
        '  - Partial titles work: `dune` finds "Dune Messiah" too.\n  - At most 25 results.\nSorted by year.'
    )
    assert tools["renew_loan"].description == (  # tsc's CommonJS: (0, dedent_1.default)`...`
        "Renew a loan for another three weeks.\n  Fails when someone reserved the book."
    )
    # a tag of the project's own, whatever its name does, is not the package: its text is not guessed
    assert (tools["shelve_book"].description, tools["shelve_book"].confidence) == (None, 0.5)


def test_zod_hoisted_into_a_bundle_is_read_as_zod() -> None:
    # `const stringType = ZodString.create;` then `stringType().describe(...)`: what rollup or rspack leave of
    # `z.string().describe(...)` when they inline zod 3, under any name the bundler gives the builder
    tools = folder("js-hoisted-zod")
    assert tools["fire_kiln"].input_schema == {
        "type": "object",
        "properties": {
            "kilnId": {"type": "string", "description": "Which kiln"},
            "degrees": {"type": "number", "description": "Target temperature"},
            "glaze": {"type": "string", "enum": ["clear", "matte"]},
        },
        "required": ["kilnId", "degrees"],
    }


def test_a_bundle_wrapped_in_a_function_called_at_once_is_read_as_its_top_level() -> None:
    # webpack's bootstrap (and esbuild's iife format) holds the whole bundle in `(() => { ... })()`: the enum that
    # names the tools and the schema they use are the bundle's top-level bindings, not a function's locals
    tools = folder("js-wrapped-bundle")
    assert set(tools) == {"weave_cloth", "unravel_cloth"}
    assert tools["weave_cloth"].input_schema == {
        "type": "object", "properties": {"pattern": {"type": "string", "description": "Weave pattern"}},
        "required": ["pattern"],
    }


def test_zod_unions_as_the_sdk_converts_them() -> None:
    tools = folder("js-union-schemas")
    entry = tools["ledger_entry"]  # z.discriminatedUnion: one object per action, as anyOf
    assert entry.input_schema == {"anyOf": [
        {"type": "object", "properties": {"action": {"const": "read"},
                                          "entry": {"type": "string", "description": "Entry id"}},
         "required": ["action", "entry"]},
        {"type": "object", "properties": {"action": {"const": "list"}, "limit": {"type": "integer"}},
         "required": ["action"]},
    ]}
    transfer = tools["ledger_transfer"].input_schema  # z.union of objects as anyOf, of bare primitives as types
    assert transfer["properties"]["amount"] == {"anyOf": [
        {"type": "object", "properties": {"cents": {"type": "integer"}}, "required": ["cents"]},
        {"type": "object", "properties": {"text": {"type": "string", "description": "Amount as written, e.g. 12.50"}},
         "required": ["text"]},
    ]}
    assert transfer["properties"]["reference"] == {"type": ["string", "number"]}
    assert transfer["required"] == ["to", "amount"]


def test_templates_in_files_saved_with_windows_line_ends(tmp_path: Path) -> None:
    # ECMAScript reads CR LF (and a lone CR) inside a template literal as LF, cooked and raw alike: a server written
    # on Windows lists its multi-line descriptions with LF; a quoted string's escaped line end still joins the lines
    (tmp_path / "package.json").write_text('{"name": "ledger-mcp", "version": "1.0.0", "main": "index.js"}')
    source = "\n".join([
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'import dedent from "dedent";',
        'const server = new McpServer({ name: "ledger", version: "1.0.0" });',
        'server.tool("post_entry", `Post a ledger entry.',
        "",
        'NOTE: amounts are in cents.`, {}, async () => ({ content: [] }));',
        'server.tool("close_period", dedent`',
        "    Close an accounting period.",
        "      Fails when entries are pending.",
        '  `, {}, async () => ({ content: [] }));',
        'server.tool("void_entry", "Void an entry \\',
        'by its number.", {}, async () => ({ content: [] }));',
    ])
    (tmp_path / "index.js").write_bytes(source.replace("\n", "\r\n").encode())
    tools = by_name(tmp_path)
    assert tools["post_entry"].description == "Post a ledger entry.\n\nNOTE: amounts are in cents."
    assert tools["close_period"].description == "Close an accounting period.\n  Fails when entries are pending."
    assert tools["void_entry"].description == "Void an entry by its number."


def test_lists_mapped_and_filtered_into_a_description(tmp_path: Path) -> None:
    # topics listed in a description: a table's entries mapped to lines, empty parts dropped, joined
    (tmp_path / "tools.js").write_text(
        "const TOPICS = { loans: { summary: 'How loans work' }, fines: { summary: 'What a late return costs' } };\n"
        "const names = ['a', 'b'].map((n) => n.toUpperCase());\n"  # a method the reader does not know
        "const text = [\n"
        "    'Read a help topic.',\n"
        "    Object.entries(TOPICS).map(([id, topic]) => `- ${id}: ${topic.summary}`).join('\\n'),\n"
        "    '',\n"
        "    ['Ask', 'the', 'desk'].map((word) => word).join(' '),\n"
        "].filter(Boolean).join('\\n');\n"
        "export const TOOLS = [\n"
        "    { name: 'read_help', description: text, inputSchema: { type: 'object' } },\n"
        "    { name: 'shout', description: names.join(','), inputSchema: { type: 'object' } },\n"
        "];\n"
        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));\n"
    )
    tools = by_name(tmp_path)
    assert tools["read_help"].description == (
        "Read a help topic.\n- loans: How loans work\n- fines: What a late return costs\nAsk the desk"
    )
    assert tools["shout"].description is None
