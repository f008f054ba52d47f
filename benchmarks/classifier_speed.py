"""How many tools a second the rule classifier judges on one core (target: 20,000).

Run by hand: ``python benchmarks/classifier_speed.py [--tools 20000]``. The tools are synthetic but
distinct (no two share a definition), shaped like real ones: a verb-object name, a sentence or two of
description, a few typed parameters, annotations on some.
"""

import argparse
import random
import time

from catalog.definition import ToolDefinition
from classifier import ServerContext, classify

VERBS = ["get", "list", "search", "create", "update", "delete", "run", "send", "refund", "export", "fetch", "scale"]
NOUNS = ["job", "file", "issue", "repository", "invoice", "user", "message", "table", "page", "bucket", "pod"]
PARAMS = [
    ("id", "string"),
    ("path", "string"),
    ("limit", "integer"),
    ("query", "string"),
    ("force", "boolean"),
    ("amount", "integer"),
    ("url", "string"),
    ("body", "string"),
]


def synthetic(n: int, seed: int = 7) -> list[ToolDefinition]:
    rnd = random.Random(seed)
    tools = []
    for i in range(n):
        verb, noun = rnd.choice(VERBS), rnd.choice(NOUNS)
        params = dict(rnd.sample(PARAMS, rnd.randint(1, 4)))
        schema = {
            "type": "object",
            "properties": {p: {"type": t, "description": f"The {p} of the {noun} ({i})"} for p, t in params.items()},
        }
        annotations = {"readOnlyHint": verb in ("get", "list", "search")} if i % 3 == 0 else None
        tools.append(
            ToolDefinition(
                name=f"{verb}_{noun}_{i}",
                description=f"{verb.title()}s a {noun} in the workspace. Returns the {noun} record, number {i}.",
                input_schema=schema,
                annotations=annotations,
            )
        )
    return tools


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tools", type=int, default=20_000)
    args = parser.parse_args()
    tools = synthetic(args.tools)
    server = ServerContext(
        "io.github.example/workspace", "Workspace", "Files, issues and jobs", [t.name for t in tools[:40]]
    )
    classify(tools[0], server)  # warm caches (server domains, regexes)
    start = time.process_time()
    for tool in tools:
        classify(tool, server)
    took = time.process_time() - start
    print(f"classified {len(tools):,} tools in {took:.2f} s of CPU: {len(tools) / took:,.0f} tools/s on one core")


if __name__ == "__main__":
    main()
