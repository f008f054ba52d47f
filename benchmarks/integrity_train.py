"""Trains the weights of the sentence scorer (``classifier.integrity_scorer``) and says how well they generalise.

Run by hand: ``python benchmarks/integrity_train.py [--write] [--hold tests/data/integrity_batch2.jsonl]
[--extra FILE ...]``. The shipped weights: ``-C 1 --threshold 3.4 --stem-scale 0.8`` with ``--extra`` each of
``benchmarks/data/integrity_blind/twins{7,8,10,...,21,23,...,26}.jsonl``, batches written blind for the project (by
helpers who never saw the scanner), kept outside tests/data while the scanner does not tell all their pairs apart;
twins6 is batch 11, twins15 holds subtle attacks in a product's voice, twins16 a third in other languages, twins20
attacks outside the description, twins21 long texts with close benign calls, twins23 terse texts with attacks in
parameters, twins24 indirect phrasing, twins25 a vendor's house style, twins26 the second person and consequences.
The threshold is the one whose leave-one-batch-out first looks (``--leave-one-out --blind`` each blind batch,
``--thresholds`` the curve) tell the most pairs apart while the real tools flagged stay within the issue's 0.5%
and no written benign sample of tests/data is flagged.
The real tools: ``--cache`` of corpus3's packages (``benchmarks/integrity_real.py``).
Positives are the sentences of the written poisoned twins that their benign twins lack, labelled with the twin's
class, and the sentences the phrase table flags in the written poisoned samples; negatives are every sentence of
the benign twins and samples and of the real tools in the tuning three quarters of the package cache
(``benchmarks/integrity_real.py``; the held-out quarter is never trained on). Only the weights are written, keyed
by the concepts' own stems: no text of a real tool leaves the cache.

``--hold FILE`` trains without a batch of twins and prints its first look as the weights would give it.
``--leave-one-out`` does so for every batch in turn, and prints each batch's first look with the whole scanner
(phrases, hidden content and the weights trained without it): the honest figure of how the scanner generalises
to wording it never saw, batch by batch. The real tools' rows are read once and shared by every fold.
``--blind FILE`` (repeatable) holds out only those batches, one at a time, training on every other batch (tests/data
and ``--extra``) but never on a twin of the held one wherever it also stands: the figure that counts is a first look
at text written blind, since gains on our own batches have not carried to it. With ``--blind``, ``--batches N``
(repeatable) trains each fold on only N of the other blind batches: the learning curve over their number, which says
whether writing another blind batch is worth it. ``--stem-scale`` penalises the stems
more than the concepts (tried: 0.5 told fewer blind pairs apart; 0.8 as many as 1.0, 434 of 630, with one real tool
fewer flagged and no written benign sample flagged in-sample).
"""

import argparse
import json
import random
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from catalog.core.definition import ToolDefinition
from classifier import integrity_prefilter, integrity_sentences
from classifier.integrity import definition_strings, scan
from classifier.integrity_channels import channel, interface
from classifier.integrity_hidden import visible
from classifier.integrity_prefilter import TRIGGER_WORDS
from classifier.integrity_reader import features, lexicon
from classifier.integrity_scorer import BENIGN, WEIGHTS, Model
from classifier.text import Texts

sys.path.insert(0, str(Path(__file__).parent))
from integrity_grammar import BENIGN as BENIGN_SENTENCES  # noqa: E402
from integrity_grammar import poisoned  # noqa: E402
from integrity_real import CACHE, held_out  # noqa: E402

DATA = Path(__file__).parent.parent / "tests" / "data"
SCORED = ("shadowing", "exfiltration", "approval_bypass", "secrets", "coercion")


def collapsed(tool: dict) -> Texts:
    """The definition's fields as the scanner scores them: visible, NFKC-normalised, whitespace collapsed."""
    where: list[str] = []
    strings = definition_strings(ToolDefinition.from_mcp(tool), where)
    return Texts.collapsed([unicodedata.normalize("NFKC", visible(r)) for r in strings], where)


def lowered(tool: dict) -> str:
    """The definition's text as the scanner scores it, lowered."""
    return collapsed(tool).joined.lower()


def sentences(tool: dict) -> list[tuple[str, set[str]]]:
    """Each sentence of the definition with its features, its channel among them."""
    texts = collapsed(tool)
    text = texts.joined.lower()
    names = interface(tool.get("inputSchema"))
    found = lexicon().read(text, None, names, texts.field_at)
    return [(text[s:e], features(*rest, channel(texts.field_at(s)))) for s, e, *rest in found]


def twin_rows(paths: list[Path], unseen: set[str] = frozenset()) -> tuple[list, list]:
    """The twins' sentences, but those of a twin whose poisoned definition is in ``unseen`` (a held-out batch's)."""
    pos, neg = [], []
    for path in paths:
        for line in path.read_text().splitlines():
            twin = json.loads(line)
            if json.dumps(twin["poisoned"], sort_keys=True) in unseen:
                continue
            benign = sentences(twin["benign"])
            neg += [(f, BENIGN) for _, f in benign]
            if twin["class"] not in SCORED:
                continue
            seen = {s for s, _ in benign}
            pos += [(f, twin["class"]) for s, f in sentences(twin["poisoned"]) if s not in seen]
    return pos, neg


def sample_rows() -> tuple[list, list]:
    pos, neg = [], []
    for line in (DATA / "integrity_poisoned.jsonl").read_text().splitlines():
        case = json.loads(line)
        if case["class"] not in SCORED:
            continue
        spans = [f.text.lower()[:40] for f in scan(ToolDefinition.from_mcp(case["tool"])) if f.kind == case["class"]]
        pos += [(f, case["class"]) for s, f in sentences(case["tool"]) if any(span in s for span in spans)]
    for line in (DATA / "integrity_benign.jsonl").read_text().splitlines():
        neg += [(f, BENIGN) for _, f in sentences(json.loads(line)["tool"])]
    return pos, neg


def grammar_rows(per_class: int) -> tuple[list, list]:
    """The composed sentences, at most ``per_class`` of each class (a fixed sample), and the benign ones."""
    rng = random.Random(7)
    by_class: dict[str, list[str]] = {}
    for sentence, kind in poisoned():
        by_class.setdefault(kind, []).append(sentence)
    pos = [
        (composed_features(sentence), kind)
        for kind, found in sorted(by_class.items())
        for sentence in rng.sample(found, min(per_class, len(found)))
    ]
    return pos, [(composed_features(sentence), BENIGN) for sentence in BENIGN_SENTENCES]


def composed_features(sentence: str) -> set[str]:
    """A composed sentence's features as it would stand in a tool of another purpose, after its first sentence."""
    text = f"do_task\ndoes the task. {sentence.lower()}"
    return set().union(*(features(*rest, "desc") for start, _, *rest in lexicon().read(text) if start > 22))


def real_rows(cache: Path, part: str) -> list[list]:
    """Per real tool, its sentences' features (the tuning part to train on, the held-out part to check)."""
    tools = []
    for path in sorted(cache.glob("*.json")):
        artifact = path.name.split("--", 1)[1].removesuffix(".json")
        if held_out(artifact) != (part == "held-out"):
            continue
        tools += [[f for _, f in sentences(tool)] for tool in json.loads(path.read_text())]
    return tools


def common_triggers(cache: Path, share: float = 0.001) -> list[str]:
    """The phrase table's trigger words in more than ``share`` of the real tools of the tuning part."""
    from ahocorasick_rs import AhoCorasick

    words = sorted({w for entry in TRIGGER_WORDS for w in entry})
    automaton, seen, tools = AhoCorasick(words), Counter[str](), 0
    for path in sorted(cache.glob("*.json")):
        if held_out(path.name.split("--", 1)[1].removesuffix(".json")):
            continue
        for tool in json.loads(path.read_text()):
            tools += 1
            seen.update({words[i] for i, _, _ in automaton.find_matches_as_indexes(lowered(tool), overlapping=True)})
    return sorted(w for w, n in seen.items() if n > share * tools)


def train(rows: list, c: float, positive_weight: float, composed: int = 0, stem_scale: float = 1.0) -> dict:
    """``composed``: how many of the rows, at the end, are composed sentences (weighted as one real sentence).
    ``stem_scale``: the value a stem feature (``s:``) takes in training, its weight scaled back by it: below 1 a
    stronger penalty on the stems than on the concepts, their pairs and channels, which carry over to wordings
    nobody here wrote; 0 trains without stems."""
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: _value(f, stem_scale) for f in fs if _value(f, stem_scale)} for fs, _ in rows])
    y = [label for _, label in rows]
    weights = np.array([1.0 if label == BENIGN else positive_weight for label in y])
    if composed:
        weights[-composed:] = 1.0
    fit = LogisticRegression(C=c, max_iter=3000).fit(x, y, sample_weight=weights)
    names = vectorizer.get_feature_names_out()
    coef = fit.coef_ * np.array([_value(str(name), stem_scale) for name in names])
    features = {
        str(name): [round(float(w), 3) for w in coef[:, j]]
        for j, name in enumerate(names)
        if np.abs(coef[:, j]).max() >= 1e-3
    }
    return {"labels": [str(c) for c in fit.classes_], "bias": [round(float(b), 3) for b in fit.intercept_],
            "features": features}


def _value(feature: str, stem_scale: float) -> float:
    return stem_scale if feature.startswith("s:") else 1.0


def flagged(model: dict, features: set[str], threshold: float) -> str | None:
    labels, benign = model["labels"], model["labels"].index(BENIGN)
    scores = list(model["bias"])
    for name in features:
        for k, w in enumerate(model["features"].get(name, ())):
            scores[k] += w
    best = max((k for k in range(len(labels)) if k != benign), key=scores.__getitem__)
    return labels[best] if scores[best] - scores[benign] >= threshold else None


def tool_flag(model: dict, tool: dict, threshold: float) -> set[str]:
    return {k for _, f in sentences(tool) if (k := flagged(model, f, threshold))}


def use(weights: Model) -> None:
    """Makes the scanner score with these weights instead of the classifier's data."""
    integrity_sentences.model = lambda: weights  # the module reads its weights through this name
    integrity_prefilter.split_triggers.cache_clear()  # its common words come with the weights


def whole_scan(twin: dict) -> tuple[bool, bool]:
    """Whether the scanner flags the poisoned twin with its class and the benign one at all."""
    flags = [
        {f.kind for f in scan(ToolDefinition.from_mcp(twin[side])) if f.severity in ("high", "critical")}
        for side in ("poisoned", "benign")
    ]
    return twin["class"] in flags[0], bool(flags[1])


def trained_on(batches: list[Path], held: Path, blind: list[Path], size: int | None) -> list[Path]:
    """The batches a fold trains on: every batch but the held one or, with ``size``, the batches that are not
    blind and ``size`` of the other blind ones drawn at random (fixed per held batch): a point of the learning
    curve, which says whether another blind batch teaches more than the rows it adds."""
    others = [b for b in batches if b.resolve() != held.resolve()]
    if size is None:
        return others
    kept = {b.resolve() for b in blind}
    pool = [b for b in others if b.resolve() in kept]
    return [b for b in others if b.resolve() not in kept] + random.Random(held.name).sample(pool, min(size, len(pool)))


def leave_one_out(args: argparse.Namespace, batches: list[Path], shared: list, size: int | None = None) -> None:
    """Each batch's first look with the whole scanner, its weights trained without that batch (and without any
    twin of it that stands in another batch too: a blind batch may also have been added to tests/data), per class.
    ``args.held``: only these batches are held out in turn (the blind ones); the others are always trained on, or
    ``size`` of them (``trained_on``). Each fold's weights are looked at with every one of ``args.thresholds``:
    training does not depend on the threshold, so the whole curve costs one training per fold."""
    looked: dict[float, list[tuple[str, bool, bool]]] = {t: [] for t in args.thresholds}
    for held in args.held or batches:
        twins = [json.loads(line) for line in held.read_text().splitlines()]
        unseen = {json.dumps(twin["poisoned"], sort_keys=True) for twin in twins}
        pos, neg = twin_rows([DATA / "integrity_twins.jsonl", *trained_on(batches, held, args.held, size)], unseen)
        model = train(pos + neg + shared, args.C, args.positive_weight, args.composed_rows, args.stem_scale)
        for t in args.thresholds:
            use(Model(model | {"threshold": t, "gate": args.gate, "common_triggers": args.common}))
            looks = [whole_scan(twin) for twin in twins]
            if args.show:
                for twin, (hit, alarm) in zip(twins, looks, strict=True):
                    for side, wrong, tool in (("MISS", not hit, "poisoned"), ("FALSE ALARM", alarm, "benign")):
                        if wrong:
                            print(f"  {side} {twin['class']}: {json.dumps(twin[tool])[:240]}")
            looked[t] += [(twin["class"], hit, alarm) for twin, (hit, alarm) in zip(twins, looks, strict=True)]
            c, a = sum(hit for hit, _ in looks), sum(alarm for _, alarm in looks)
            d = sum(hit and not alarm for hit, alarm in looks)
            print(f"{held.name} at {t}: {c}/{len(looks)} poisoned caught, {a} benign flagged, {d} apart", flush=True)
    trained = "every other blind batch" if size is None else f"{size} other blind batches"
    for t, looks in looked.items():
        caught, alarms, apart, total = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
        for kind, hit, alarm in looks:
            caught[kind], alarms[kind] = caught[kind] + hit, alarms[kind] + alarm
            apart[kind], total[kind] = apart[kind] + (hit and not alarm), total[kind] + 1
        for kind in sorted(total):
            print(f"  {kind:16s} {caught[kind]}/{total[kind]} caught, {alarms[kind]} benign flagged, "
                  f"{apart[kind]} apart")
        n = sum(total.values())
        print(f"leave-one-batch-out at {t}, trained on {trained}: {sum(caught.values())}/{n} caught, "
              f"{sum(alarms.values())}/{n} benign flagged, {sum(apart.values())}/{n} apart")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the weights to the classifier's data")
    parser.add_argument("--hold", type=Path, action="append", default=[], help="a batch to leave out and look at")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("-C", type=float, default=1.0)
    parser.add_argument("--positive-weight", type=float, default=5.0)
    parser.add_argument("--stem-scale", type=float, default=1.0, help="a stem feature's value in training")
    parser.add_argument("--threshold", type=float, default=3.0)
    parser.add_argument(
        "--thresholds", type=float, nargs="+", help="with --leave-one-out, look at each fold with each of these"
    )
    parser.add_argument("--gate", type=float, default=-2.5, help="below every sample's phrase sentence's bound")
    parser.add_argument("--composed", type=int, default=2000, help="composed sentences per class")
    parser.add_argument("--leave-one-out", action="store_true", help="every batch's first look, trained without it")
    parser.add_argument("--show", action="store_true", help="with --leave-one-out, print each miss and false alarm")
    parser.add_argument(
        "--blind", type=Path, action="append", default=[], help="with --leave-one-out, hold out only this batch in turn"
    )
    parser.add_argument(
        "--batches", type=int, action="append", default=[],
        help="with --leave-one-out and --blind, train each fold on this many other blind batches (repeatable)",
    )
    parser.add_argument("--extra", type=Path, action="append", default=[], help="a batch outside tests/data to train")
    args = parser.parse_args()
    held = {p.resolve() for p in args.hold}
    batches = [p for p in sorted(DATA.glob("integrity_batch*.jsonl")) if p.resolve() not in held] + args.extra
    sample_pos, sample_neg = sample_rows()
    tuning = real_rows(args.cache, "tuning")
    real = [(f, BENIGN) for tool in tuning for f in tool]
    grammar_pos, grammar_neg = grammar_rows(args.composed)
    if args.leave_one_out:
        args.composed_rows, args.common = len(grammar_pos), common_triggers(args.cache)
        args.held, args.thresholds = args.blind, args.thresholds or [args.threshold]
        for size in args.batches or [None]:
            leave_one_out(args, batches, sample_pos + sample_neg + real + grammar_neg + grammar_pos, size)
        return
    pos, neg = twin_rows([DATA / "integrity_twins.jsonl", *batches])
    held_out_tools = real_rows(args.cache, "held-out")
    rows = pos + sample_pos + neg + sample_neg + real + grammar_neg + grammar_pos
    print(f"positives {len(pos) + len(sample_pos)} {dict(Counter(k for _, k in pos + sample_pos))}, "
          f"negatives {len(neg) + len(sample_neg)} written + {len(real)} real sentences")
    model = train(rows, args.C, args.positive_weight, len(grammar_pos), args.stem_scale)
    t = args.threshold
    missed = sum(flagged(model, f, t) != k for f, k in pos + sample_pos)
    for name, tools in (("tuning", tuning), ("held-out", held_out_tools)):
        hits = sum(any(flagged(model, f, t) for f in tool) for tool in tools)
        print(f"real {name}: {hits}/{len(tools)} tools flagged ({100 * hits / max(1, len(tools)):.2f}%)")
    print(f"training positives missed: {missed}; benign written sentences flagged: "
          f"{sum(bool(flagged(model, f, t)) for f, _ in neg + sample_neg)}")
    for path in args.hold:
        twins = [json.loads(line) for line in path.read_text().splitlines()]
        caught = sum(t_["class"] in tool_flag(model, t_["poisoned"], t) for t_ in twins)
        alarms = sum(bool(tool_flag(model, t_["benign"], t)) for t_ in twins)
        print(f"held batch {path.name}: {caught}/{len(twins)} poisoned caught, {alarms} benign flagged")
    if args.write:
        model |= {"threshold": t, "gate": args.gate, "common_triggers": common_triggers(args.cache)}
        WEIGHTS.write_text(json.dumps(model, sort_keys=True) + "\n")
        print(f"wrote {WEIGHTS} ({len(model['features'])} features)")


if __name__ == "__main__":
    main()
