import json
import sys

BUILT_AS = None


def main():
    for line in sys.stdin:
        message = json.loads(line)
        if "id" not in message:
            continue
        if message["method"] == "initialize":
            result = {"protocolVersion": message["params"]["protocolVersion"], "capabilities": {"tools": {}},
                      "serverInfo": {"name": "sample-sdist-server", "version": "1.0.0"}}
        elif message["method"] == "tools/list":
            result = {"tools": [{"name": "built", "description": BUILT_AS, "inputSchema": {"type": "object"}}]}
        else:
            result = {}
        sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}) + "\n")
        sys.stdout.flush()
