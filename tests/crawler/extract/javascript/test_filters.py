"""Tool definitions a server filters out of its own list are not tools (patterns/filters.py)."""

from pathlib import Path

from tests.crawler.extract.javascript.support import by_name, folder


def test_definitions_the_server_filters_out_of_its_list_are_not_tools() -> None:
    tools = folder("js-filtered-tools")
    # `.filter((tool) => !tool.scriptOnly && !(tool.retired))` drops `record_harvest` (scriptOnly: true); the filter
    # on a capability the user may switch on keeps `water_bed`; `scriptOnly: false` keeps `reset_garden`
    assert set(tools) == {"plant_seed", "water_bed", "reset_garden"}
    assert tools["water_bed"].description == "Water one bed"


def test_tools_a_capability_filter_lists_only_under_an_option_carry_it() -> None:
    # `.filter((tool) => tool.capability.startsWith("core") || settings.extras?.includes(tool.capability))`
    conditions = {name: tool.extra.get("condition") for name, tool in folder("js-capability-filter").items()}
    option = "listed only when `settings.extras?.includes(tool.capability)`"
    assert conditions == {"scope_point": None, "scope_focus": None, "scope_expose": option, "dome_rotate": option}


def test_a_capability_filter_chaining_thousands_of_options_is_read(tmp_path: Path) -> None:
    options = " || ".join(f"o{i}.includes(t.kind)" for i in range(5000))
    (tmp_path / "tools.js").write_text(
        f"export const listed = all.filter((t) => t.kind === 'base' || {options});\n"
        "export const all = [\n"
        "  { name: 'kept', kind: 'base', description: 'Kept', inputSchema: { type: 'object' } },\n"
        "  { name: 'asked', kind: 'extra', description: 'Asked', inputSchema: { type: 'object' } },\n"
        "];\n"
    )
    tools = by_name(tmp_path)
    assert "condition" not in tools["kept"].extra
    assert tools["asked"].extra["condition"].startswith("listed only when `o0.includes(t.kind) || o1")


def test_a_filter_chaining_thousands_of_terms_is_read(tmp_path: Path) -> None:
    terms = " && ".join(f"!t.flag{i}" for i in range(5000))  # deeper than Python's recursion limit
    (tmp_path / "tools.js").write_text(
        f"export const listed = all.filter((t) => {terms});\n"
        "export const all = [\n"
        "  { name: 'kept', description: 'Kept', inputSchema: { type: 'object' } },\n"
        "  { name: 'dropped', description: 'Dropped', flag4999: true, inputSchema: { type: 'object' } },\n"
        "];\n"
    )
    assert set(by_name(tmp_path)) == {"kept"}


def test_tools_written_in_tests_shipped_with_the_code_are_not_the_servers(tmp_path: Path) -> None:
    # vitest's in-source tests (`if (import.meta.vitest)`) and describe/it/test callbacks hold tool objects and
    # registrations of their own; only the server's registrations count
    (tmp_path / "package.json").write_text('{"name": "kiln-mcp", "version": "1.0.0", "main": "index.js"}')
    (tmp_path / "index.js").write_text("\n".join([
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'const server = new McpServer({ name: "kiln", version: "1.0.0" });',
        'server.tool("fire_kiln", "Fire the kiln.", {}, async () => ({ content: [] }));',
        "if (import.meta.vitest) {",
        "  const { it, expect } = import.meta.vitest;",
        '  it("names permissions", () => {',
        '    const tools = [{ name: "sample_tool", description: "A sample.", inputSchema: { type: "object" } }];',
        "    expect(tools.length).toBe(1);",
        "  });",
        "}",
        'describe.each([["a"]])("registration %s", () => {',
        '  test("registers", () => {',
        '    server.tool("probe_tool", "Probe.", {}, async () => ({ content: [] }));',
        "  });",
        "});",
    ]))
    assert set(by_name(tmp_path)) == {"fire_kiln"}
