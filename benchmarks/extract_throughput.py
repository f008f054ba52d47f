"""Extraction throughput over a large synthetic tree, next to tree-sitter's parse time alone (the floor).

Run by hand: ``python benchmarks/extract_throughput.py [--files 3000]``. The tree mixes TypeScript servers
(registerTool and server.tool with zod), plain JavaScript helpers, and Python FastMCP servers.
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from crawler.extract import extract
from crawler.extract.lang_js import parse

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=3000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="mcprisk-extract-bench-"))
    try:
        for i in range(args.files):
            kind = i % 3
            folder = root / f"pkg{i // 50}" / "src"
            folder.mkdir(parents=True, exist_ok=True)
            name, body = [(f"s{i}.ts", TS), (f"h{i}.js", JS), (f"s{i}.py", PY)][kind]
            (folder / name).write_text(body.format(i=i))
        files = [p for p in root.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        start = time.perf_counter()
        result = extract(root)
        took = time.perf_counter() - start
        print(
            f"extract: {len(files):,} files, {size / 2**20:.1f} MiB, {len(result.tools):,} tools in {took:.2f} s: "
            f"{len(files) / took:,.0f} files/s, {size / 2**20 / took:.1f} MiB/s"
        )
        start = time.perf_counter()
        for path in files:
            if path.suffix in (".ts", ".js"):
                parse(path)
        floor = time.perf_counter() - start
        js_files = sum(1 for p in files if p.suffix in (".ts", ".js"))
        print(
            f"tree-sitter parse alone of the {js_files:,} JS/TS files: {floor:.2f} s ({js_files / floor:,.0f} files/s)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
