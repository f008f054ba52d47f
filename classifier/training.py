"""Training the learned model on a labelled corpus (``benchmarks/build_label_corpus.py`` builds one), and measuring
it the only honest way: cross-validated by server, so no server's tools are in both training and test.

Imported by ``mcprisk train`` and ``mcprisk eval`` only: scikit-learn is needed here, never at run time.
"""

import json
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError
from catalog.core.taxonomy import CATEGORIES
from classifier.blend import decide, guarded
from classifier.features import FEATURES_VERSION, features, slot
from classifier.model import OUTPUTS, TRUST_THE_MODEL, Model, Prediction
from classifier.rules import Judgement, ServerContext, judge
from classifier.stacking import inputs

SEED = 15
C_READ, C_DESTRUCTIVE, C_CATEGORY = 1.0, 1.0, 1.0
SERVER_POWER = 0.5  # a server's tools weigh 1/count**SERVER_POWER each: 0 counts tools, 1 counts servers
UNIFORM_LEAST = 3  # tools a server needs before declaring them all alike says nothing of each
UNIFORM_WEIGHT = 0.3  # how much a tool of such a server weighs in training, beside its server's share
STACK_FOLDS = 4  # folds by family of servers whose out-of-fold scores the combiner learns from
C_COMBINER = 1.0
# how much more a tool its author marks destructive weighs in fitting the combiner: a miss costs more than caution.
# On corpus3, cls4, cls5 and cls6h cross-validated by server, 2 called 34 such tools Read instead of 38 and agreed
# on 94.02% instead of 93.94%; 4 called 28 Read but agreed on 93.74%
DESTRUCTIVE_WEIGHT = 2.0
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


def fit(rows: list[Row], folds: int = STACK_FOLDS) -> Model:
    """The model's heads (``fit_heads``) trained on every row, and the combiner that weighs their say against the
    rules (``stacking``) trained on scores of heads that never saw the row's family of servers: scores on tools
    seen in training are surer than any unseen server's, and would teach the combiner to trust them too much."""
    heads = fit_heads(rows)
    predictions = out_of_fold(rows, folds)[0]
    return Model(heads.table, heads.bias, heads.meta, fit_combiner(rows, predictions))


def out_of_fold(rows: list[Row], folds: int) -> tuple[list[Prediction | None], list[tuple[Model, list[int]]]]:
    """Each row's prediction by read and destructive heads trained on the other families of servers
    (``families``; None where there are too few families to split), and each fold's heads with the rows they were
    tested on."""
    from sklearn.model_selection import GroupKFold

    family = families(rows)
    groups = [family[r.server] for r in rows]
    predictions: list[Prediction | None] = [None] * len(rows)
    splits = min(folds, len(set(groups)))
    if splits < 2:
        return predictions, []
    tested = []
    for train, test in GroupKFold(n_splits=splits).split(rows, groups=groups):
        heads = fit_heads([rows[i] for i in train], categories=False)
        for i in test:
            predictions[i] = heads.predict(rows[i].feats, top=0)
        tested.append((heads, list(test)))
    return predictions, tested


def fit_combiner(rows: list[Row], predictions: list[Prediction | None]) -> tuple[float, ...]:
    """The combiner's bias and weights (``stacking.INPUTS``), from the rows the rules do not settle alone, each
    weighed as in training the heads (DESTRUCTIVE_WEIGHT as much again if its author marks it destructive); the
    model's log-odds alone where there is nothing to learn from."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    keep = [
        i for i, (r, p) in enumerate(zip(rows, predictions, strict=True))
        if p is not None and r.read is not None and guarded(r.draft) is None
    ]  # fmt: skip
    y = np.array([rows[i].read for i in keep], dtype=int)
    if len(set(y)) < 2:
        return TRUST_THE_MODEL
    x = np.array([inputs(rows[i].draft, p.read, p.destructive) for i in keep if (p := predictions[i])])
    weight = _weights(rows)[keep] * np.array([DESTRUCTIVE_WEIGHT if rows[i].destructive else 1.0 for i in keep])
    combiner = LogisticRegression(C=C_COMBINER, solver="lbfgs", max_iter=2000)
    combiner.fit(x, y, sample_weight=weight / weight.mean())
    return (round(float(combiner.intercept_[0]), 5), *(round(float(w), 5) for w in combiner.coef_[0]))


def _weights(rows: list[Row]) -> Any:
    """Each row's weight in training: 1/count**SERVER_POWER of its server's tools, UNIFORM_WEIGHT as much for a
    server that declares every tool alike."""
    import numpy as np

    uniform = uniform_servers(rows)
    size: dict[str, int] = defaultdict(int)
    for r in rows:
        size[r.server] += 1
    return np.array([(UNIFORM_WEIGHT if r.server in uniform else 1.0) / size[r.server] ** SERVER_POWER for r in rows])


def fit_heads(rows: list[Row], categories: bool = True) -> Model:
    """Logistic heads (read, destructive and, unless ``categories`` is False, one per category) over the features'
    slots, each weighting a server's tools by 1/sqrt(count), so one server of a hundred tools does not drown fifty
    of two; servers that declare every tool alike weigh UNIFORM_WEIGHT as much. Cross-validated by server, leaving
    them out brought the tools their authors mark destructive that the model alone calls Read from 35 to 28, at the
    same agreement; on a corpus grown past 190 servers (a third more of them uniform, most right per tool: a chart
    server's tools do only read) keeping them at a third of their weight agreed better without calling more
    destructive tools Read. Out-of-fold scores need no category heads: the combiner and the figures ask Read or
    not, and five heads of seven cost the time."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    slots = sorted({slot(f) for r in rows for f in r.feats})
    column = {s: i for i, s in enumerate(slots)}
    indptr, indices = [0], []
    for r in rows:
        indices += sorted({column[slot(f)] for f in r.feats})
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(slots)))
    weight = _weights(rows)
    table = np.zeros((len(slots), OUTPUTS))
    bias = np.zeros(OUTPUTS)
    for out, label, c in ((0, "read", C_READ), (1, "destructive", C_DESTRUCTIVE)):
        keep = [i for i, r in enumerate(rows) if getattr(r, label) is not None]
        y = np.array([getattr(rows[i], label) for i in keep], dtype=int)
        if len(set(y)) < 2:
            bias[out] = 10.0 if (len(y) and y[0]) else -10.0
            continue
        head = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
        head.fit(x[keep], y, sample_weight=weight[keep])
        table[:, out], bias[out] = head.coef_[0], head.intercept_[0]
    keep = [i for i, r in enumerate(rows) if r.category is not None]
    y = np.array([rows[i].category for i in keep])
    bias[2:] = -10.0
    for k, name in enumerate(CATEGORIES if categories else ()):  # one against the rest: liblinear, deterministic
        target = (y == name).astype(int)
        if 0 < target.sum() < len(target):
            head = LogisticRegression(C=C_CATEGORY, solver="liblinear", random_state=SEED, max_iter=1000)
            head.fit(x[keep], target, sample_weight=weight[keep])
            table[:, 2 + k], bias[2 + k] = head.coef_[0], head.intercept_[0]
    weights = {s: tuple(round(float(w), 5) for w in table[i]) for i, s in enumerate(slots)}
    meta = {
        "features_version": FEATURES_VERSION,
        "rows": len(rows),
        "servers": len({r.server for r in rows}),
        "seed": SEED,
    }
    return Model(weights, tuple(float(b) for b in bias), meta)


@dataclass
class Scores:
    """Read vs non-read agreement with the authors, pooled and per server, for one way of judging."""

    right: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    destructive_read: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, row: Row, category: str) -> None:
        if row.read is not None:
            ok = (category == "Read") == row.read
            self.right[row.server].append(ok)
            if not ok:
                self.misses.append(f"{row.server} {row.name}: author read={row.read}, got {category}")
        if row.destructive is True and category == "Read":
            self.destructive_read.append(f"{row.server} {row.name}")

    def per_server(self) -> dict[str, tuple[int, float]]:
        return {s: (len(oks), round(sum(oks) / len(oks), 4)) for s, oks in sorted(self.right.items()) if oks}

    def summary(self, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The figures, the servers in ``skip`` left out (``uniform_servers``: their labels say nothing per tool)."""
        kept = [oks for s, oks in self.right.items() if s not in skip]
        pooled = [ok for oks in kept for ok in oks]
        per_server = [sum(oks) / len(oks) for oks in kept if oks]
        destructive_read = [m for m in self.destructive_read if m.split(" ", 1)[0] not in skip]
        return {
            "tools": len(pooled),
            "servers": len(per_server),
            "pooled": round(sum(pooled) / len(pooled), 4) if pooled else 0.0,
            "per_server_mean": round(sum(per_server) / len(per_server), 4) if per_server else 0.0,
            "destructive_read": len(destructive_read),
        }


def judged(model: Model, row: Row) -> tuple[str, str]:
    """(model alone, combined) categories of one row."""
    prediction = model.predict(row.feats)
    alone = "Read" if prediction.read >= 0.5 else "non-Read"
    return alone, decide(row.draft, prediction, {})[0]


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


def cross_validate(rows: list[Row], folds: int = 5) -> dict[str, Scores]:
    """Rules alone, model alone and combined, Read or not, every row judged by heads trained on other families of
    servers only (``families``). Each fold's combiner learns from the other folds' out-of-fold scores: their heads
    saw this fold's tools, but the combiner learns a score's worth from those rows' labels alone, never this fold's
    (``benchmarks/leave_one_dataset_out.py`` nests it fully, for the honest figure)."""
    scores = {"rules": Scores(), "model": Scores(), "combined": Scores()}
    predictions, tested = out_of_fold(rows, folds)
    for heads, test in tested:
        inside = set(test)
        others = [i for i in range(len(rows)) if i not in inside]
        combiner = fit_combiner([rows[i] for i in others], [predictions[i] for i in others])
        model = Model(heads.table, heads.bias, heads.meta, combiner)
        for i in test:
            alone, combined = judged(model, rows[i])
            scores["rules"].add(rows[i], rows[i].rules)
            scores["model"].add(rows[i], alone)
            scores["combined"].add(rows[i], combined)
    return scores


def evaluate(model: Model, rows: list[Row]) -> dict[str, Scores]:
    scores = {"rules": Scores(), "model": Scores(), "combined": Scores()}
    for row in rows:
        alone, combined = judged(model, row)
        scores["rules"].add(row, row.rules)
        scores["model"].add(row, alone)
        scores["combined"].add(row, combined)
    return scores
