"""Training the learned model on a labelled corpus (``classifier.labelled``): the heads over the features' slots,
and the combiner that weighs their say against the rules, fitted on scores out of fold (``classifier.measuring``
cross-validates it the same way).

Imported by ``mcprisk train`` and ``mcprisk eval`` only: scikit-learn is needed here, never at run time.
"""

import math
from collections import defaultdict
from typing import Any

from catalog.core.taxonomy import CATEGORIES
from classifier.blend import bare, guarded, reads
from classifier.features import FEATURES_VERSION, slot
from classifier.labelled import Row, families, uniform_servers
from classifier.model import HAND_SET, OUTPUTS, TRUST_THE_MODEL, Model, Prediction, Thresholds
from classifier.stacking import combine, inputs

SEED = 15
C_READ, C_DESTRUCTIVE, C_CATEGORY = 1.0, 1.0, 1.0
SERVER_POWER = 0.5  # a server's tools weigh 1/count**SERVER_POWER each: 0 counts tools, 1 counts servers
UNIFORM_WEIGHT = 0.3  # how much a tool of a server declaring every tool alike (uniform_servers) weighs in training
STACK_FOLDS = 4  # folds by family of servers whose out-of-fold scores the combiner learns from
C_COMBINER = 1.0
# how much more a tool its author marks destructive weighs in fitting the combiner: a miss costs more than caution.
# On corpus3, cls4, cls5 and cls6h cross-validated by server, 2 called 34 such tools Read instead of 38 and agreed
# on 94.02% instead of 93.94%; 4 called 28 Read but agreed on 93.74%
DESTRUCTIVE_WEIGHT = 2.0
# What calling a tool its author marks destructive Read costs, in read tools called a change: the decision's
# thresholds (``fit_thresholds``) are those of least cost over the training corpora's scores out of fold. Left out
# a dataset at a time over corpus3, cls4, cls5, cls6h, corpus4, cls7h and the servers' answers (12,295 tools of 478
# servers; benchmarks/leave_one_dataset_out.py --costs), at 1 such tools called Read were 83 and agreement 94.40% /
# 91.72% per server (the hand-set thresholds: 82, 94.37% / 91.75%), at 4 78 and 94.10% / 91.12%, at 6 78 and
# 93.98% / 91.01%, at 8 71 and 93.70% / 90.52%, at 12 56 and 92.66%, at 20 46 and 92.34%. On datasets left out each
# one spared costs some ten read tools called a change, more than the cost fitted for: most of those left get a
# destructive-head probability under 0.25 (39 of 82 declare exactly the specification's four defaults), which no
# threshold reaches cheaply. 4 spares as many as 6 for less; at 1 the union's thresholds loosen the destructive
# guard to 0.5 (hand-set 0.3) and let the model overrule a scraper that runs page actions
DESTRUCTIVE_COST = 4.0
# the thresholds tried: of the combined probability of only reading, and of the destructive head's
READ_AT_GRID = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
GUARD_GRID = (0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.07, 0.05, 0.03, 0.02)


def fit(rows: list[Row], folds: int = STACK_FOLDS) -> Model:
    """The model's heads (``fit_heads``) trained on every row, and the combiner that weighs their say against the
    rules (``stacking``) and the decision's thresholds (``fit_thresholds``) trained on scores of heads that never saw
    the row's family of servers: scores on tools seen in training are surer than any unseen server's, and would
    teach the combiner to trust them too much."""
    return fit_at_costs(rows, (DESTRUCTIVE_COST,), folds)[0]


def fit_at_costs(rows: list[Row], costs: tuple[float, ...], folds: int = STACK_FOLDS) -> list[Model]:
    """``fit`` once for each cost of a destructive tool called Read (``DESTRUCTIVE_COST``), the heads and the
    combiner shared: the trade-off between read accuracy and such misses, at the price of one fit."""
    heads = fit_heads(rows)
    predictions = out_of_fold(rows, folds)[0]
    combiner = fit_combiner(rows, predictions)
    return [
        Model(heads.table, heads.bias, heads.meta, combiner, fit_thresholds(rows, predictions, combiner, cost))
        for cost in costs
    ]


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


def fit_thresholds(
    rows: list[Row], predictions: list[Prediction | None], combiner: tuple[float, ...], cost: float = DESTRUCTIVE_COST
) -> Thresholds:
    """The decision's thresholds (``blend.reads``) of least cost over the rows the rules do not settle alone, each
    judged by ``combiner`` over its out-of-fold scores and weighed as in training: a read tool called a change or
    the reverse costs its weight, a tool its author marks destructive called Read ``cost`` times as much.
    Ties go to the first tried: the least cautious. The hand-set thresholds where there is nothing to learn from."""
    weight = _weights(rows)
    judged = [
        (r.draft.category == "Read", bare(r.draft), combine(combiner[1:], combiner[0], inputs(r.draft, p.read,
         p.destructive)), p.destructive, r.read, bool(r.destructive), float(weight[i]))
        for i, (r, p) in enumerate(zip(rows, predictions, strict=True))
        if p is not None and (r.read is not None or r.destructive) and guarded(r.draft) is None
    ]  # fmt: skip
    if not any(label for *_, label, _, _ in judged):
        return HAND_SET
    best, least = HAND_SET, math.inf
    for read_at in READ_AT_GRID:
        for guard in GUARD_GRID:
            for to_read in (t for t in GUARD_GRID if t <= guard):
                thresholds = Thresholds(read_at, guard, to_read)
                total = 0.0
                for rules_read, is_bare, p_combined, p_destructive, read, destructive, w in judged:
                    said = reads(rules_read, is_bare, p_combined, p_destructive, thresholds)
                    missed = cost if said and destructive else 0.0
                    total += w * ((read is not None and said != read) + missed)
                if total < least - 1e-9:
                    best, least = thresholds, total
    return best


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
