"""A labelled corpus of tools (``benchmarks/build_label_corpus.py`` builds one): each tool judged by the rules with
its annotations hidden (they are the labels), and the groups of servers that must stay together when it is split:
servers declaring every tool alike, the servers set aside once for the end, the forks of one server."""

import json
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError
from catalog.core.taxonomy import CATEGORIES
from classifier.features import features
from classifier.judgement import Judgement, ServerContext
from classifier.rules import judge

UNIFORM_LEAST = 3  # tools a server needs before declaring them all alike says nothing of each
HOLDOUT_PERCENT = 15  # servers set aside by their name's hash, before any tuning: looked at once, at the end


@dataclass
class Row:
    server: str
    name: str
    feats: list[str]
    rules: str  # the rules' category, annotations hidden
    read: bool | None
    destructive: bool | None
    category: str | None
    draft: Judgement = field(repr=False)
    declared: str = ""  # every hint the author declared, as one string: equal strings, equal declarations


def load(path: Path) -> list[Row]:
    """Every labelled tool in a corpus file, judged by the rules with its annotations hidden (they are the labels)."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    contexts: dict[str, ServerContext] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if "definition" not in item:  # the hand-labelled shape: {tool, server: {...}, category, risk}
                item = _from_hand_labelled(item)
            tool = replace(ToolDefinition.from_mcp(item["definition"]), annotations=None)
            labels = item["labels"]
            server = str(item["server"])
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise InputError(f"{path}:{number}: not a corpus row: {exc}") from None
        context = contexts.get(server)
        if context is None:
            context = contexts[server] = ServerContext(server.split(":", 1)[-1], None, None, item.get("tool_names", []))
        drafts: list[Judgement] = []

        def capture(draft: Judgement, drafts: list[Judgement] = drafts) -> tuple[str, float, dict[str, Any]]:
            drafts.append(draft)
            return draft.category, draft.confidence, {}

        judge(tool, context, capture)
        draft = drafts[0]
        read, destructive, category = _labels(labels, draft.category)
        if read is None and destructive is None:
            continue
        declared = json.dumps({k: v for k, v in labels.items() if k.endswith("Hint")}, sort_keys=True)
        rows.append(
            Row(server, tool.name, features(tool, draft), draft.category, read, destructive, category, draft, declared)
        )
    return rows


def _from_hand_labelled(item: dict[str, Any]) -> dict[str, Any]:
    server = item.get("server") or {}
    category = item["category"]
    labels = {"readOnlyHint": category == "Read", "category": category}
    if category != "Read":
        labels["destructiveHint"] = category == "Destructive"
    return {
        "server": "labelled:" + str(server.get("name", "hand")),
        "tool_names": server.get("tool_names", []),
        "definition": item["tool"],
        "labels": labels,
    }


def _labels(labels: dict[str, Any], rules: str) -> tuple[bool | None, bool | None, str | None]:
    read = labels.get("readOnlyHint")
    destructive = labels.get("destructiveHint")
    read = read if isinstance(read, bool) else (False if destructive is True else None)
    destructive = destructive if isinstance(destructive, bool) else (False if read else None)
    category = labels.get("category")
    if category not in CATEGORIES:
        if read is True:
            category = "Read"
        elif read is False:
            category = rules if rules != "Read" else ("Destructive" if destructive else "Write")
        else:
            category = None
    return read, destructive, category


def uniform_servers(rows: list[Row], least: int = UNIFORM_LEAST) -> frozenset[str]:
    """Servers whose every tool (``least`` or more) declares the very same hints: annotations set once for the whole
    server (often the spec's defaults copied) say little of any one tool. 18 of the corpus's 130 servers, 225 of
    its 3,538 tools: all chart generators marked read-only, all CI tools marked destructive. They weigh
    UNIFORM_WEIGHT in training; the figures are given with and without them."""
    seen: dict[str, set[str]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for r in rows:
        seen[r.server].add(r.declared)
        count[r.server] += 1
    return frozenset(s for s, kinds in seen.items() if count[s] >= least and len(kinds) == 1)


def held_out(server: str) -> bool:
    return zlib.crc32(server.encode()) % 100 < HOLDOUT_PERCENT


FORK_SHARED = 5  # tools of the same name and opening words two servers need in common to be one in the folds


def families(rows: list[Row]) -> dict[str, str]:
    """Each server's family: servers that share FORK_SHARED or more tools of the same name and description opening
    (a fork, a rebuilt package: 'mcp-atlassian' and 'mcp-atlassian-fix' share 30, reworded a little so that their
    hashes differ) are one group in the folds, named by the first of them; a fork on the other side of a fold
    would be its own answer key."""
    shared: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for r in rows:
        shared[(r.name, *[f for f in r.feats if f.startswith("du:")][:8])].add(r.server)
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for servers in shared.values():
        ordered = sorted(servers)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[a, b] += 1
    family = {r.server: r.server for r in rows}

    def root(server: str) -> str:
        while family[server] != server:
            server = family[server]
        return server

    for (a, b), count in sorted(pairs.items()):
        if count >= FORK_SHARED:
            first, second = sorted((root(a), root(b)))
            family[second] = first
    return {server: root(server) for server in family}
