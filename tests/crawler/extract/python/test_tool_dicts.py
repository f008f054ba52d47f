"""A Python server that answers JSON-RPC itself, its tools kept as the dicts `tools/list` sends."""

from pathlib import Path

from tests.crawler.extract.support import by_name

SERVER = '''import json
import sys

PATH = {"type": "string", "description": "Folder to read"}


def _schema(props: dict, required: list) -> dict:
    return {"type": "object", "properties": props, "required": required}


def count_lines(args): ...


TOOLS = [
    {"name": "lines_count", "title": "Count lines", "handler": count_lines,
     "description": "Count the lines of every text file in a folder, "
                    "skipping hidden ones.",
     "inputSchema": {"type": "object", "properties": {"path": PATH}, "required": ["path"]}},
    {"name": "lines_longest", "handler": count_lines, "description": "The longest lines in a folder",
     "inputSchema": _schema({"path": PATH}, ["path"])},
]
BY_NAME = {t["name"]: t for t in TOOLS}


def answer(request: dict) -> dict:
    if request["method"] == "tools/list":
        return {"tools": [{"name": t["name"], "description": t["description"], "inputSchema": t["inputSchema"]}
                          for t in TOOLS]}
    return {"content": [{"type": "text", "text": json.dumps(BY_NAME[request["params"]["name"]]["handler"]({}))}]}


for line in sys.stdin:
    print(json.dumps(answer(json.loads(line))), flush=True)
'''


def test_tools_written_as_the_dicts_tools_list_sends(tmp_path: Path) -> None:
    (tmp_path / "lines").mkdir()
    (tmp_path / "lines" / "server.py").write_text(SERVER)
    tools = by_name(tmp_path)
    assert set(tools) == {"lines_count", "lines_longest"}  # the answer built from them names no tool itself
    count = tools["lines_count"]
    assert (count.title, count.description, count.line, count.confidence) == (
        "Count lines", "Count the lines of every text file in a folder, skipping hidden ones.", 15, 0.85)
    assert count.input_schema == {"type": "object", "properties": {"path": {"type": "string",
                                  "description": "Folder to read"}}, "required": ["path"]}
    longest = tools["lines_longest"]  # a schema made by a function is not guessed
    assert (longest.description, longest.input_schema, longest.confidence) == (
        "The longest lines in a folder", None, 0.5)
