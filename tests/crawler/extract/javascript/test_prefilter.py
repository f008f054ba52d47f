"""A file whose bytes cannot hold a tool (queries/tools.scm's prefilter) is neither parsed nor queried for its
tools; what a tool needs from such a file (a constant, a registration helper) is parsed when the tool reaches it."""

from pathlib import Path

import pytest

from crawler.extract import extract
from crawler.extract.javascript import syntax
from crawler.extract.javascript.patterns.tools import QUERIES
from crawler.extract.javascript.reach import reachability
from crawler.extract.javascript.values import module as values

PLAIN = "export function add(a, b) {\n  const sum = a + b;\n  return sum;\n}\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, body in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body)
    return root


def parsed_during(monkeypatch: pytest.MonkeyPatch, root: Path) -> tuple[dict[str, object], list[str]]:
    """The tools of ``root`` by name, and the files parsed on the way (relative paths)."""
    seen: list[str] = []
    original = values.parse

    def recording(path: Path, source: bytes | None = None) -> object:
        seen.append(path.relative_to(root).as_posix())
        return original(path, source)

    monkeypatch.setattr(values, "parse", recording)
    return {t.name: t for t in extract(root).tools}, seen


@pytest.mark.parametrize("grammar", syntax.GRAMMARS)
def test_every_pattern_of_the_tools_query_sets_a_condition(grammar: str) -> None:
    # a pattern with no predicate and no `;; prefilter:` line above it lets every file through: nothing is lost,
    # but every file is parsed again (the throughput benchmark's plain helpers among them)
    assert not syntax.prefilter(QUERIES, grammar).everything, "a pattern of tools.scm needs a `;; prefilter:` line"


def test_a_file_of_plain_code_is_never_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(
        tmp_path,
        {
            "math.js": PLAIN,
            "server.js": 'server.registerTool("sum", {description: "Add", inputSchema: {}}, async () => ({}));',
        },
    )
    tools, seen = parsed_during(monkeypatch, root)
    assert set(tools) == {"sum"} and seen == ["server.js"]


def test_a_constant_of_a_file_without_any_trigger_is_parsed_when_a_tool_reaches_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(
        tmp_path,
        {
            "ids.js": 'export const LIST = "list" + "_rows";\nexport const ABOUT = `Rows of ${"the"} table`;\n',
            "math.js": PLAIN,
            "server.js": 'import { LIST, ABOUT } from "./ids.js";\n'
            "server.registerTool(LIST, {description: ABOUT, inputSchema: {}}, async () => ({}));\n",
        },
    )
    tools, seen = parsed_during(monkeypatch, root)
    assert tools["list_rows"].description == "Rows of the table"
    assert sorted(seen) == ["ids.js", "server.js"]  # ids.js only because the tool reached it


def test_a_call_of_an_imported_registration_helper_in_a_file_without_any_trigger_word(tmp_path: Path) -> None:
    # add-rows.js says neither "tool" nor "name": only its import of a local module lets it through
    root = write(
        tmp_path,
        {
            "register.js": "export function add(server, id, config, run) {\n"
            "  server.registerTool(id, { ...config }, run);\n}\n",
            "add-rows.js": 'import { add } from "./register.js";\n'
            'add(server, "add_rows", { description: "Add rows", inputSchema: {} }, async () => ({}));\n',
        },
    )
    assert not syntax.prefilter(QUERIES, "js").words & {b"add", b"server", b"rows"}
    tool = {t.name: t for t in extract(root).tools}["add_rows"]
    assert (tool.file, tool.line, tool.description) == ("add-rows.js", 2, "Add rows")


def test_an_aliased_import_of_the_sdk_and_a_class_named_elsewhere(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "server.ts": 'import { McpServer as Srv } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
            'const s = new Srv({ name: "x", version: "1" });\n'
            's.tool("ping", "Answer pong", async () => ({ content: [] }));\n',
            "fetch.ts": "export class Fetch extends Base {\n  static toolName = ID;\n"
            '  description = "Fetch a page";\n  argsShape = {};\n  async execute() {}\n}\n'
            'import { ID } from "./id";\n',
            "id.ts": 'export const ID = "fetch_page";\n',
        },
    )
    tools = {t.name: t for t in extract(root).tools}
    assert tools["ping"].description == "Answer pong"
    assert tools["fetch_page"].description == "Fetch a page"


def test_what_a_module_imports_is_read_from_its_one_query_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # reach follows imports from the package's entry point: queries/loads.scm runs with the module's own queries,
    # not in a pass of its own (which cost half a parse of every module reached)
    asked: list[object] = []
    original = reachability.captures

    def recording(names: object, grammar: str, node: object) -> object:
        asked.append(names)
        return original(names, grammar, node)  # type: ignore[arg-type]

    monkeypatch.setattr(reachability, "captures", recording)
    root = write(
        tmp_path,
        {
            "package.json": '{"name": "x", "main": "index.js"}',
            "index.js": 'const ids = require("./ids");\nserver.tool(ids.LIST, "List rows", async () => ({}));\n',
            "ids.js": 'exports.LIST = "list_rows";\n',
            "old.js": 'server.tool("old_rows", "Never loaded", async () => ({}));\n',
        },
    )
    assert {t.name for t in extract(root).tools} == {"list_rows"}  # old.js is reached by nothing
    assert "loads" not in asked
