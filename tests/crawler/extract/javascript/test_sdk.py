"""The MCP SDKs' registrations (`registerTool`, every `server.tool` overload, fastmcp's `addTool`) and tools
written as data (a low-level server's TOOLS list, a framework's definition objects), in TypeScript source and in
compiled CommonJS (patterns/sdk.py)."""

import json
from pathlib import Path

from tests.conftest import KREA_FILE
from tests.crawler.extract.javascript.support import FIXTURES, by_name, folder


def test_low_level_tools_array_like_krea(tmp_path: Path) -> None:
    data = json.loads(KREA_FILE.read_text())
    listed = [{k: t[k] for k in ("name", "description", "inputSchema")} for t in data["tools"]]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.js").write_text(
        'import { Server } from "@modelcontextprotocol/sdk/server/index.js";\n'
        f"const TOOLS = {json.dumps(listed, indent=2)};\n"
        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));\n"
    )
    tools = by_name(tmp_path)
    assert set(tools) == {t["name"] for t in data["tools"]}
    for expected in data["tools"]:
        found = tools[expected["name"]]
        assert (found.description, found.input_schema) == (expected["description"], expected["inputSchema"])
        assert found.origin == "source" and found.file == "src/index.js" and found.annotations is None


def test_typescript_register_tool_and_every_tool_overload() -> None:
    tools = by_name(FIXTURES / "ts-server")
    assert set(tools) == {
        "create_ticket",
        "ping",
        "version",
        "get_ticket",
        "search_tickets",
        "close_ticket",
        "delete_ticket",
        "summarize_url",
    }
    create = tools["create_ticket"]
    assert (create.title, create.description) == ("Create ticket", "Tickets: open a new ticket")
    assert create.input_schema == {
        "type": "object",
        "properties": {
            "subject": {"type": "string", "description": "One-line summary"},
            "body": {"type": "string", "description": "Details"},
            "labels": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["subject"],
    }
    assert create.output_schema == {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}
    assert create.annotations == {"readOnlyHint": False, "destructiveHint": False}
    assert tools["ping"].description is None and tools["ping"].input_schema == {"type": "object", "properties": {}}
    assert tools["version"].description == "Report the server version"
    assert tools["get_ticket"].input_schema["required"] == ["id"]
    search = tools["search_tickets"]
    assert search.description == "Search tickets by keyword"  # a constant imported from ./constants.js
    assert search.input_schema["properties"] == {
        "status": {"type": "string", "enum": ["open", "closed"], "description": "Ticket status"},
        "limit": {"type": "integer", "minimum": 1, "default": 20, "description": "How many to return"},
    }
    assert search.input_schema["required"] == ["status"]
    assert tools["close_ticket"].annotations == {"destructiveHint": True, "title": "Close"}
    assert tools["delete_ticket"].description == "Delete a ticket forever"
    assert tools["delete_ticket"].input_schema["properties"]["force"] == {"type": "boolean", "default": False}
    fast = tools["summarize_url"]
    assert fast.annotations == {"readOnlyHint": True, "openWorldHint": True} and fast.file == "src/fast.ts"
    assert fast.input_schema["properties"]["url"] == {"type": "string", "format": "uri", "description": "Page to read"}


def test_compiled_commonjs() -> None:
    tools = by_name(FIXTURES / "cjs-server")
    assert tools["list_buckets"].description == "List every bucket in the account"  # exports.X of another file
    assert tools["delete_bucket"].input_schema == {
        "type": "object",
        "properties": {"bucket": {"type": "string", "description": "Bucket name"}, "recursive": {"type": "boolean"}},
        "required": ["bucket"],
    }


def test_tool_definition_framework_objects_with_a_schema_and_a_handler() -> None:
    tools = folder("js-tool-definitions")
    # an option, a form field, a CLI command and a function offered to a language model are not MCP tools
    assert set(tools) == {"list_tabs", "close_tab", "scroll_tab"}
    tabs = tools["list_tabs"]
    assert (tabs.description, tabs.annotations) == ("List the open tabs.", {"readOnlyHint": True})
    assert tabs.input_schema == {"type": "object", "properties": {}}
    close = tools["close_tab"]
    assert close.description is None and close.confidence == 0.5  # depends on the factory's argument
    assert close.annotations == {"destructiveHint": True}
    assert close.input_schema == {
        "type": "object",
        "properties": {
            "page": {"type": "number", "description": "Which page to act on."},
            "force": {"type": "boolean", "description": "Close even if the page asks to stay."},
            "reason": {"type": "string", "enum": ["done", "error"], "default": "done"},
        },
        "required": ["page"],
    }
    assert (close.file, close.line) == ("build/tools/pages.js", 15)
    scroll = tools["scroll_tab"]  # a parameter built by a helper: the tool is kept, its schema is not guessed
    assert (scroll.description, scroll.confidence) == ("Scroll the tab by some pixels.", 0.5)
    assert scroll.input_schema == {"type": "object", "properties": {}}


def test_generated_tool_definitions_taken_by_a_registration_made_at_run_time() -> None:
    tools = folder("js-generated-tools")
    assert set(tools) == {"list-firings", "cancel-firing", "ping-kiln"}  # not the command line's `start`
    listing = tools["list-firings"]
    assert (listing.description, listing.file, listing.confidence) == (
        "List the firings of a kiln, newest first.\n",
        "esm/tools/firingsList.js",
        0.85,
    )
    assert listing.input_schema == {
        "type": "object",
        "properties": {
            "request": {
                "type": "object",
                "properties": {
                    "kilnId": {"type": "string", "description": "The kiln's id"},
                    "limit": {"type": "integer", "description": "At most this many firings"},
                },
                "required": ["kilnId"],
            }
        },
        "required": ["request"],
    }
    ping = tools["ping-kiln"]  # arguments out of reach: the tool is known, its schema is not
    assert (ping.description, ping.input_schema, ping.confidence) == (
        "Check that a kiln answers.",
        {"type": "object", "properties": {}},
        0.5,
    )


def test_server_tool_whose_callback_a_helper_makes() -> None:
    tools = folder("js-handler-helpers")  # `server.tool(name, description, shape, createToolHandler(async …))`
    assert set(tools) == {"list_parcels", "track_parcel"}
    track = tools["track_parcel"]
    assert (track.description, track.confidence) == ("Tracks one parcel", 0.9)
    assert track.input_schema == {
        "type": "object",
        "properties": {"parcelId": {"type": "string", "description": "The parcel's tracking number"}},
        "required": ["parcelId"],
    }


def test_tool_registered_with_its_definition_as_one_object() -> None:
    tools = folder("js-object-registrations")  # `server.tool({name, description, schema}, callback)`
    assert set(tools) == {"find_specimens", "label_specimen", "collection_stats"}
    found = tools["find_specimens"]
    assert (found.description, found.annotations, found.confidence) == (
        "Find pressed specimens by family.",
        {"readOnlyHint": True},
        0.9,
    )
    assert found.input_schema == {
        "type": "object",
        "properties": {"family": {"type": "string", "description": "Botanical family"}},
        "required": ["family"],
    }
    label = tools["label_specimen"]  # a valibot schema: unknown, not empty
    assert (label.description, label.input_schema, label.confidence) == (
        "Print a label for a specimen.",
        {"type": "object", "properties": {}},
        0.5,
    )
    stats = tools["collection_stats"]  # a description a getter computes at run time is not guessed
    assert (stats.description, stats.confidence) == (None, 0.5)


def test_tool_data_whose_handler_is_written_elsewhere() -> None:
    tools = folder("js-named-handlers")  # `{name, description, schema, handler: toolHandler}`; not the nightly job
    assert set(tools) == {"next-high-tide"}
    tide = tools["next-high-tide"]
    assert (tide.description, tide.file) == (
        "When the next high tide comes at a harbour.",
        "dist/tools/high-tide.tool.js",
    )
    assert tide.input_schema["properties"] == {"harbour": {"type": "string", "description": "Harbour code"}}


def test_tool_shaped_object_whose_schema_is_a_method_is_no_tool(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "odd", "version": "1.0.0", "main": "index.js"}')
    (tmp_path / "index.js").write_text(
        'export const job = { name: "sweep", description: "Sweep the cache.", schema() { return {}; }, run() {} };\n'
    )
    assert by_name(tmp_path) == {}  # read, not a crash


def test_tool_data_whose_schema_key_names_zod(tmp_path: Path) -> None:
    """`{name, description, zodSchema: z.object({...}), execute}` pushed into a registry another module registers
    in a loop: a tool framework's data (forks of one CLI-bridge server share it), not a form's validation."""
    (tmp_path / "package.json").write_text('{"name": "kettle", "version": "1.0.0", "main": "dist/index.js"}')
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "registry.js").write_text("export const registry = [];\n")
    (tmp_path / "dist" / "tools.js").write_text(
        'import { z } from "zod";\nimport { registry } from "./registry.js";\n'
        "const boil = {\n"
        '  name: "boil-water",\n  description: "Boil the kettle to a temperature.",\n'
        '  zodSchema: z.object({ celsius: z.number().describe("Target temperature") }),\n'
        "  execute: async (args) => `boiled to ${args.celsius}`,\n};\n"
        "registry.push(boil);\n"
    )
    (tmp_path / "dist" / "index.js").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'import { registry } from "./registry.js";\nimport "./tools.js";\n'
        'const server = new McpServer({ name: "kettle", version: "1.0.0" });\n'
        "for (const t of registry) server.registerTool(t.name, { description: t.description }, t.execute);\n"
    )
    (tmp_path / "dist" / "form.js").write_text(  # a form's validation: no description, nothing to run
        'import { z } from "zod";\nexport const signup = { name: "signup", zodSchema: z.object({ a: z.string() }) };\n'
    )
    tools = by_name(tmp_path)
    assert set(tools) == {"boil-water"}
    assert tools["boil-water"].description == "Boil the kettle to a temperature."
    assert tools["boil-water"].input_schema["properties"]["celsius"] == {
        "type": "number", "description": "Target temperature"}


def test_definitions_kept_as_the_arguments_of_server_tool_and_spread_into_it() -> None:
    # `server.tool(...tool)` over a table of argument lists, written out or returned by a helper
    tools = folder("js-tool-tuples")
    assert set(tools) == {"sell_paper", "count_papers", "close_kiosk"}
    sell = tools["sell_paper"]
    assert sell.description == "Sell one newspaper"
    assert sell.input_schema == {
        "type": "object",
        "properties": {"title": {"type": "string", "description": "Which paper"}},
        "required": ["title"],
    }
    assert tools["close_kiosk"].description == "Close the kiosk for the day"
