"""Extraction throughput over a large synthetic tree, next to tree-sitter's parse time alone (the floor).

Run by hand: ``python benchmarks/extract_throughput.py [--files 3000] [--repeat 3] [--each]``. The tree mixes
TypeScript servers (registerTool and server.tool with zod), plain JavaScript helpers, Python FastMCP servers, and
Go (mcp-go), Rust (rmcp), C# and Java (Spring AI) servers. Wall and CPU time are both printed: other work on the
machine slows the first, not the second; each figure is the best of ``--repeat`` runs (CPU time still varies with
what else the machine's caches hold). The same is then measured on a tree of the TypeScript and JavaScript files
alone, and with ``--each`` on a tree of each language alone. The tree-sitter floor leaves out the Python files
(extraction reads them with the standard library's ``ast``); where a tree holds some, a second figure puts their
own parse alone (``ast.parse``) into the floor too: the honest comparison for the whole tree.
"""

import argparse
import ast
import gc
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from crawler.extract import extract, treesitter

TS = """import {{ z }} from "zod";
const server = new McpServer({{ name: "s{i}", version: "1.0.0" }});
server.registerTool("create_item_{i}", {{
  description: "Create item {i} in the store",
  inputSchema: {{ name: z.string().describe("Item name"), count: z.number().int().optional() }},
  annotations: {{ destructiveHint: false }},
}}, async ({{ name }}) => ({{ content: [{{ type: "text", text: name }}] }}));
server.tool("get_item_{i}", "Get item {i}", {{ id: z.string() }}, async ({{ id }}) => ({{ content: [] }}));
"""
JS = "export function helper{i}(a, b) {{\n" + "  const x{i} = a + b;\n" * 40 + "  return a;\n}}\n"
PY = '''from mcp.server.fastmcp import FastMCP
mcp = FastMCP("s{i}")


@mcp.tool()
def list_rows_{i}(table: str, limit: int = 10) -> list[str]:
    """List rows of a table."""
    return []
'''
GO = """package main

const name{i} = "list_rows_{i}"

var tool{i} = mcp.NewTool(name{i}, mcp.WithDescription("List rows of a table"),
	mcp.WithString("table", mcp.Required(), mcp.Description("Table name")), mcp.WithReadOnlyHintAnnotation(true))
"""
RS = """#[tool_router]
impl Server{i} {{
    /// List rows of a table.
    #[tool(annotations(read_only_hint = true))]
    async fn list_rows_{i}(&self, Parameters(req): Parameters<Rows{i}>) -> String {{ String::new() }}
}}
"""
CS = """[McpServerToolType]
public static class Tools{i}
{{
    [McpServerTool(Name = "list_rows_{i}", ReadOnly = true), Description("List rows of a table")]
    public static string ListRows([Description("Table name")] string table, int limit = 10) => table;
}}
"""
JAVA = """class Tools{i} {{
    @Tool(name = "list_rows_{i}", description = "List rows of a table")
    String listRows(@ToolParam(description = "Table name") String table) {{ return table; }}
}}
"""
KINDS = [("ts", TS), ("js", JS), ("py", PY), ("go", GO), ("rs", RS), ("cs", CS), ("java", JAVA)]
T = TypeVar("T")
GRAMMARS = {"ts": "ts", "js": "js", "go": "go", "rs": "rust", "cs": "c_sharp", "java": "java"}


def cpu_seconds() -> float:
    """CPU time of this process and its children (extraction parses large files in a forked child first), to the
    microsecond: ``os.times()`` counts clock ticks (10 ms), a fifteenth of the whole tree's floor."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--each", action="store_true", help="also measure each language alone")
    args = parser.parse_args()
    measure(KINDS, args.files, "", args.repeat)
    web = [kind for kind in KINDS if kind[0] in ("ts", "js")]
    measure(web, args.files, "JavaScript/TypeScript only: ", args.repeat)
    for kind in KINDS if args.each else []:
        measure([kind], args.files, f"{kind[0]} only: ", args.repeat)


def best(repeat: int, run: Callable[[], T]) -> tuple[float, float, T]:
    """The least wall and CPU time of ``repeat`` runs, and what the last run returned."""
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(max(repeat, 1)):
        start, used = time.perf_counter(), cpu_seconds()
        result = run()
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, cpu_seconds() - used)
    return wall, cpu, cast(T, result)


def measure(kinds: list[tuple[str, str]], count: int, label: str, repeat: int) -> None:
    """Extraction of a tree of ``count`` files of ``kinds``, then tree-sitter's parse alone of the same files."""
    root = Path(tempfile.mkdtemp(prefix="mcprisk-extract-bench-"))
    try:
        for i in range(count):
            suffix, body = kinds[i % len(kinds)]
            folder = root / f"pkg{i // 50}" / "src"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"s{i}.{suffix}").write_text(body.format(i=i))
        files = [p for p in root.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        took, cpu, result = best(repeat, lambda: extract(root))
        print(
            f"{label}extract: {len(files):,} files, {size / 2**20:.1f} MiB, {len(result.tools):,} tools "
            f"in {took:.2f} s ({cpu:.2f} s CPU): {len(files) / took:,.0f} files/s, {size / 2**20 / took:.1f} MiB/s"
        )
        parsed = [p for p in files if p.suffix[1:] in GRAMMARS]
        python = [p for p in files if p.suffix == ".py"]
        floor_cpu = 0.0
        if parsed:  # Python is read with the standard library's parser: no tree-sitter floor to compare with
            floor, floor_cpu, _ = best(repeat, lambda: [parse(path) for path in parsed])
            print(
                f"{label}tree-sitter parse alone of the {len(parsed):,} files it parses: {floor:.2f} s ({floor_cpu:.2f}"
                f" s CPU, {len(parsed) / floor:,.0f} files/s); extraction at {floor_cpu / cpu:.0%} of the floor (CPU)"
            )
        if python:  # the whole tree's floor: the Python files' own parse alone (ast) too, as extraction reads them
            _, python_cpu, _ = best(repeat, lambda: parse_python(python))
            print(
                f"{label}with the parse alone of the {len(python):,} Python files (ast, {python_cpu:.2f} s CPU): "
                f"extraction at {(floor_cpu + python_cpu) / cpu:.0%} of the whole tree's floor (CPU)"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def parse(path: Path) -> None:
    treesitter.parser(GRAMMARS[path.suffix[1:]]).parse(path.read_bytes())


def parse_python(paths: list[Path]) -> None:
    """The Python files' parse alone at its cheapest: each tree dropped at once, and with the cyclic garbage
    collector off (as extraction runs): a list of live trees made the collector's passes a third of the time."""
    gc.disable()
    try:
        for path in paths:
            ast.parse(path.read_bytes())
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
