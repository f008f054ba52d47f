"""Training the learned model on a labelled corpus (``classifier.labelled``): the heads over the features' slots,
and the combiner that weighs their say against the rules, fitted on scores out of fold (``classifier.measuring``
cross-validates it the same way).

Imported by ``mcprisk train`` and ``mcprisk eval`` only: scikit-learn is needed here, never at run time.
"""

from collections import defaultdict
from typing import Any

from catalog.core.taxonomy import CATEGORIES
from classifier.blend import guarded
from classifier.features import FEATURES_VERSION, slot
from classifier.labelled import Row, families, uniform_servers
from classifier.model import OUTPUTS, TRUST_THE_MODEL, Model, Prediction
from classifier.stacking import inputs

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
