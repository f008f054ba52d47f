"""Registration helpers written in the file that calls them, named like the SDK method they wrap (values.params
counts a name's own uses, not the `server.registerTool` inside it); an SDK-generation shim's early-returning tests
are no condition (patterns.guards); and a resource template written as data is not a tool (patterns.sdk)."""

from pathlib import Path

from tests.crawler.extract.javascript.support import by_name, folder


def test_a_helper_named_like_the_sdk_method_it_wraps_registers_one_tool_per_call() -> None:
    tools = folder("js-local-helpers")
    assert tools["prune_tree"].description == "Prune one tree of the orchard."
    assert tools["pick_fruit"].description == "Pick the ripe fruit into a basket."
    assert tools["prune_tree"].input_schema["properties"]["row"] == {"type": "number", "description": "Row of the tree"}


def test_an_sdk_shim_testing_for_the_registration_method_is_no_condition() -> None:
    tools = folder("js-local-helpers")
    assert tools["water_row"].description == "Water one row of trees"
    assert "condition" not in tools["water_row"].extra and "condition" not in tools["count_trees"].extra


def test_a_resource_template_written_as_data_is_not_a_tool() -> None:
    assert set(folder("js-local-helpers")) == {"prune_tree", "pick_fruit", "water_row", "count_trees"}


def test_a_hand_written_servers_tools_named_by_helpers_local_to_its_tools_list_answer(tmp_path: Path) -> None:
    # a JSON-RPC server answering requests itself: the tools/list branch of its dispatch is no condition, and the
    # helpers declared in it (a prefix and a project tag, both unset by default; the tag added by an early return)
    # give the names and texts a default start answers
    (tmp_path / "package.json").write_text('{"name": "ferry", "version": "1.0.0", "main": "server.js"}')
    (tmp_path / "server.js").write_text(
        "const PREFIX = process.env.FERRY_PREFIX || '';\nconst PORT_NAME = process.env.FERRY_PORT || '';\n"
        "class FerryServer {\n  handle(request) {\n    const { method } = request;\n    let result;\n"
        "    if (method === 'initialize') {\n      result = { protocolVersion: '2025-06-18' };\n"
        "    } else if (method === 'tools/list') {\n"
        "      const toolName = (base) => (PREFIX ? `${PREFIX}_${base}` : base);\n"
        "      function toolText(text) {\n        if (PORT_NAME) {\n          return `[${PORT_NAME}] ${text}`;\n"
        "        }\n        return text;\n      }\n"
        "      result = { tools: [\n"
        "        { name: toolName('list_sailings'), description: toolText('List the sailings of a day.'),\n"
        "          inputSchema: { type: 'object', properties: { day: { type: 'string' } } } },\n"
        "        { name: toolName('book_cabin'), description: toolText('Book a cabin on a sailing.'),\n"
        "          inputSchema: { type: 'object', properties: {} } },\n      ] };\n"
        "    }\n    return { jsonrpc: '2.0', id: request.id, result };\n  }\n}\nmodule.exports = FerryServer;\n"
    )
    tools = by_name(tmp_path)
    assert {name: (tool.description, tool.extra.get("condition")) for name, tool in tools.items()} == {
        "list_sailings": ("List the sailings of a day.", None),
        "book_cabin": ("Book a cabin on a sailing.", None),
    }


def test_a_tools_list_answer_spreading_a_table_keyed_by_tool_name(tmp_path: Path) -> None:
    # `{ name, ...TOOLS[name] }` over `Object.keys(TOOLS)`, or `{ name, ...tool }` over `Object.entries(TOOLS)`:
    # the name is the key, the rest of the definition the table's entry spread into the object
    (tmp_path / "package.json").write_text('{"name": "kiln", "version": "1.0.0", "main": "server.js"}')
    (tmp_path / "server.js").write_text(
        "const TOOLS = {\n"
        "  fireKiln: { description: 'Fire the kiln to a temperature',\n"
        "    inputSchema: { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'] } },\n"
        "  coolKiln: { description: 'Let the kiln cool', inputSchema: { type: 'object', properties: {} } },\n"
        "};\n"
        "const SHELVES = { top: { description: 'The top shelf' } };\n"
        "class KilnServer {\n  handle(request) {\n    const { method, id } = request;\n    switch (method) {\n"
        "      case 'tools/list':\n"
        "        return { id, result: { tools: Object.keys(TOOLS).map((key) => ({ name: key, ...TOOLS[key] })) } };\n"
        "      case 'shelves/list':\n"
        "        return { id, result: { shelves: Object.entries(SHELVES).map(([name, s]) => ({ name, ...s })) } };\n"
        "    }\n  }\n}\nmodule.exports = KilnServer;\n"
    )
    tools = by_name(tmp_path)
    assert set(tools) == {"fireKiln", "coolKiln"}  # a spread without an input schema is no tool
    assert tools["fireKiln"].description == "Fire the kiln to a temperature"
    assert tools["fireKiln"].input_schema["required"] == ["celsius"]
