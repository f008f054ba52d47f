"""Tool data naming its toolsets, registered by a loop that keeps the toolsets a user enabled: a definition outside
the default toolsets (a `DEFAULT_TOOLSETS` list, or an `OPT_IN_TOOLSETS` one) carries a condition, wherever the loop
that registers it is; so does one switched off in its own data (`enabled: false`). With no default list, or a
default naming every toolset, nothing is conditional."""

from pathlib import Path

from tests.crawler.extract.javascript.support import by_name

_REGISTRY = (
    'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
    'import { defineTool } from "./define.js";\n'
    'import { logBook } from "./tools/log_book.js";\nimport { closeBranch } from "./tools/close_branch.js";\n'
    'import { renameShelf } from "./tools/rename_shelf.js";\n'
    "const all = [logBook, closeBranch, renameShelf];\n"
    'const server = new McpServer({ name: "library", version: "1.0.0" });\n'
    "const enabled = (process.env.LIBRARY_TOOLSETS || '').split(',').filter(Boolean);\n"
    "registerAll(server, all, enabled);\n"
)
_DEFINE = (
    'import { {LIST} } from "./toolsets.js";\n'
    "export function defineTool(spec) { return spec; }\n"
    "export function registerAll(server, definitions, chosen) {\n"
    "  for (const definition of definitions) {\n"
    "    server.registerTool(definition.name, { description: definition.description }, definition.handler);\n"
    "  }\n}\n"
)


def _library(root: Path, toolsets: str) -> dict[str, str | None]:
    """A server whose tool files each define one tool with its toolsets, the toolset lists in a module of their own
    that only the registration helper imports."""
    (root / "tools").mkdir()
    (root / "package.json").write_text('{"name": "library", "version": "1.0.0", "main": "index.js"}')
    (root / "index.js").write_text(_REGISTRY.replace("registerAll(server", 'import { registerAll } from "./define.js";'
                                                     "\nregisterAll(server", 1))
    list_name = toolsets.split("=")[0].split()[-1]
    (root / "define.js").write_text(_DEFINE.replace("{LIST}", list_name))
    (root / "toolsets.js").write_text(toolsets)
    for name, groups in (("log_book", '["books"]'), ("close_branch", '["admin"]'), ("rename_shelf", '"shelves"')):
        camel = "".join(part.capitalize() for part in name.split("_"))
        (root / "tools" / f"{name}.js").write_text(
            'import { defineTool } from "../define.js";\n'
            f"export const {camel[0].lower() + camel[1:]} = defineTool({{ name: \"{name}\", description: "
            f"\"The {name.replace('_', ' ')} tool.\", toolsets: {groups}, inputSchema: {{}},\n"
            "  handler: async () => ({ content: [] }) });\n"
        )
    return {name: tool.extra.get("condition") for name, tool in by_name(root).items()}


def test_tools_outside_the_default_toolsets_carry_a_condition(tmp_path: Path) -> None:
    conditions = _library(tmp_path, 'export const DEFAULT_TOOLSETS = ["books", "shelves"];\n')
    assert conditions == {
        "log_book": None,
        "close_branch": "registered only when the toolset `admin` is enabled (not a default toolset)",
        "rename_shelf": None,
    }


def test_tools_only_in_opt_in_toolsets_carry_a_condition(tmp_path: Path) -> None:
    conditions = _library(tmp_path, 'export const optInToolsets = ["admin", "shelves"];\n')
    assert conditions == {
        "log_book": None,
        "close_branch": "registered only when the toolset `admin` is enabled (not a default toolset)",
        "rename_shelf": "registered only when the toolset `shelves` is enabled (not a default toolset)",
    }


def test_a_default_of_every_toolset_or_none_known_sets_no_condition(tmp_path: Path) -> None:
    (tmp_path / "all").mkdir()
    (tmp_path / "unknown").mkdir()
    every = _library(tmp_path / "all", 'export const DEFAULT_TOOLSETS = ["all"];\n')
    unknown = _library(tmp_path / "unknown", 'export const KNOWN_TOOLSETS = ["books", "admin", "shelves"];\n')
    assert set(every.values()) == set(unknown.values()) == {None}
    assert len(every) == len(unknown) == 3


def test_a_definition_switched_off_in_its_data_carries_a_condition(tmp_path: Path) -> None:
    (tmp_path / "index.js").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'const server = new McpServer({ name: "garden", version: "1.0.0" });\n'
        "const TOOLS = [\n"
        '  { name: "water_beds", description: "Water the beds.", inputSchema: {}, enabled: true },\n'
        '  { name: "burn_leaves", description: "Burn the leaves.", inputSchema: {}, enabled: false },\n'
        "];\n"
        "for (const spec of TOOLS) {\n"
        "  if (!spec.enabled && !process.env.GARDEN_ALL) continue;\n"
        "  server.registerTool(spec.name, { description: spec.description }, async () => ({ content: [] }));\n"
        "}\n"
    )
    conditions = {name: tool.extra.get("condition") for name, tool in by_name(tmp_path).items()}
    assert conditions["burn_leaves"] == "registered only when enabled (`enabled: false` in its definition)"
    assert conditions["water_beds"] is None
