"""A JavaScript tool registered only under a condition (an option, an environment variable) carries it as written;
an `if` whose branches both register the tool, and a main guard, are no condition."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from tests.crawler.extract.javascript.support import by_name, folder


def test_a_tool_registered_under_an_if_carries_its_condition() -> None:
    conditions = _conditions(folder("js-guarded-tools"))
    assert conditions == {
        "list_entries": None,
        "add_entry": "registered only when `!readOnly`",
        "explain_read_only": "registered only when `!readOnly` is false",
        "purge_ledger": "registered only when `process.env.LEDGER_ADMIN`",
        "balance": None,
        "ping": None,
    }


def test_a_tool_whose_registering_function_is_only_called_under_an_if_carries_that_condition() -> None:
    conditions = _conditions(folder("js-guarded-helpers"))
    assert conditions == {
        "wind_now": 'registered only when `enabled.includes("wind_now")`',
        "wind_forecast": 'registered only when `enabled.includes("wind_forecast")`',
        "list_spots": None,  # its function is called in both branches of one `if`
        # one helper, each call under an `if` of its own or none: each tool carries its call's
        "gust_now": 'registered only when `enabled.includes("gust_now")`',
        "gusts": 'registered only when `enabled.includes("gusts")`',
        "gust_report": None,
        "tide_height": None,  # one call under an `if`, another under none
    }


def test_a_tool_registered_in_another_tools_callback_waits_for_that_call(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "orchard", "version": "1.0.0", "main": "index.js"}')
    (tmp_path / "index.js").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { z } from "zod";\n'
        'const server = new McpServer({ name: "orchard", version: "1.0.0" });\n'
        'server.tool("survey_orchard", "Survey the orchard.", { row: z.number() }, async ({ row }) => {\n'
        '  server.tool("pick_apples", "Pick the ripe apples.", { basket: z.string() }, async () => ({}));\n'
        '  return { content: [{ type: "text", text: `row ${row}` }] };\n});\n'
        'server.registerTool("prune", { description: "Prune a tree." }, async () => {\n'
        '  if (process.env.GRAFT) server.registerTool("graft", { description: "Graft." }, async () => ({}));\n'
        '  return { content: [] };\n});\n'
    )
    conditions = _conditions(by_name(tmp_path))
    assert conditions == {
        "survey_orchard": None,
        "pick_apples": 'registered only once the tool "survey_orchard" has been called',
        "prune": None,
        "graft": "registered only when `process.env.GRAFT`",  # the innermost condition
    }


def test_a_tool_registered_after_an_early_return_carries_its_condition(tmp_path: Path) -> None:
    # a register function giving up unless an option allows the group: what follows the bare `return` is under
    # its condition, what comes before is not; a shortcut returning a value is no condition
    (tmp_path / "package.json").write_text('{"name": "kiln", "version": "1.0.0", "main": "index.js"}')
    (tmp_path / "index.js").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'const server = new McpServer({ name: "kiln", version: "1.0.0" });\n'
        "let cached;\n"
        "function registerGlazes(server) {\n"
        "  if (cached) return cached;\n"
        '  cached = server.tool("list_glazes", "List the glazes.", {}, async () => ({ content: [] }));\n'
        "  return cached;\n}\n"
        "const registerFiring = (server, options) => {\n"
        '  server.tool("kiln_temperature", "Read the temperature.", {}, async () => ({ content: [] }));\n'
        "  if (!options.allowFiring) {\n    // firing is opt-in\n    return;\n  }\n"
        '  server.registerTool("start_firing", { description: "Start a firing." }, async () => ({ content: [] }));\n'
        "};\n"
        "registerGlazes(server);\nregisterFiring(server, { allowFiring: process.env.KILN_FIRING });\n"
    )
    assert _conditions(by_name(tmp_path)) == {
        "list_glazes": None,
        "kiln_temperature": None,
        "start_firing": "registered only when `!options.allowFiring` is false",
    }


def test_tool_lists_chosen_by_a_condition_carry_it(tmp_path: Path) -> None:
    # the low-level server lists `tools`: the account tools only with a token, the guest tools only without one;
    # the base tools whichever branch is taken
    (tmp_path / "index.js").write_text(
        "const ACCOUNT_KEY = process.env.LIBRARY_ACCOUNT_KEY;\n"
        "const baseTools = [{ name: 'search_catalogue', description: 'Search', inputSchema: { type: 'object' } }];\n"
        "const accountTools = [{ name: 'renew_loan', description: 'Renew', inputSchema: { type: 'object' } }];\n"
        "const guestTools = [{ name: 'join_library', description: 'Join', inputSchema: { type: 'object' } }];\n"
        "const tools = ACCOUNT_KEY ? [...baseTools, ...accountTools] : [...baseTools, ...guestTools];\n"
        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));\n"
    )
    listed_when = _conditions(by_name(tmp_path))
    assert listed_when.pop("search_catalogue") is None
    assert listed_when == {"renew_loan": "listed only when `ACCOUNT_KEY`", "join_library": "listed only when "
                           "`ACCOUNT_KEY` is false"}


def test_bundled_tool_data_listed_only_under_a_choice_carries_it() -> None:
    # esbuild's `var loadPatternTool;` on top, assigned in its module's init function, listed only in
    # `...args.enablePatterns ? [loadPatternTool] : []`
    assert _conditions(folder("js-bundled-chosen")) == {
        "count_threads": None,
        "load_pattern": "listed only when `args.enablePatterns`",
    }


def test_a_registration_helper_another_file_calls_under_a_condition_carries_it() -> None:
    # index.js imports each helper and calls `registerForecastTool` only when `key`, `registerAlmanacTool` in both
    # branches, the gauge's (imported under another name) under no `if`
    assert _conditions(folder("js-imported-guards")) == {
        "almanac": None,
        "forecast": "registered only when `key`",
        "rain_gauge": None,
    }


def _conditions(tools: dict[str, ToolDefinition]) -> dict[str, str | None]:
    return {name: tool.extra.get("condition") for name, tool in tools.items()}


def test_a_hook_a_base_class_in_another_file_calls_under_a_condition_carries_it() -> None:
    # base.js calls `this.registerMember()` only when `this.library.signedIn()`; index.js's subclass registers
    # a tool in that hook
    assert _conditions(folder("js-hook-guards")) == {
        "browse_shelf": None,
        "reserve_book": "registered only when `this.library.signedIn()`",
    }
