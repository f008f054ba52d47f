"""The bound's sums (``integrity_bounds``) against the features the scorer names: the same, for every sentence."""

from classifier.integrity_channels import CHANNELS, channelled
from classifier.integrity_concepts import ORDERS
from classifier.integrity_reader import _concepts, lexicon
from classifier.integrity_scorer import model
from tests.classifier.test_integrity_sentences import _written_texts


def named_sum(most: dict[str, float], names: frozenset[str]) -> float:
    return sum(most.get(name, 0.0) for name in names)


def test_the_bounds_sum_the_features_the_scorer_names() -> None:
    """Each sentence's concepts, on its purpose or on any, and in each channel or any: the sums looked up by
    concept equal the most of the features named one by one (what ``bound`` summed before)."""
    weights = model()
    assert weights is not None
    most, bounds, seen = weights.most, weights.bounds, set()
    for text in _written_texts():
        for _, _, _, concepts, on in lexicon().read(text):
            if (concepts, on) in seen:
                continue
            seen.add((concepts, on))
            assert abs(bounds.concepts(concepts, on) - named_sum(most, _concepts(concepts, on))) < 1e-9
            every = _concepts(concepts, frozenset()) | _concepts(concepts, concepts)
            every |= _concepts(concepts - ORDERS, frozenset())
            assert abs(bounds.concepts(concepts, None) - named_sum(most, every)) < 1e-9
            lanes = [named_sum(most, channelled(concepts, where)) for where in CHANNELS]
            assert abs(bounds.channel(concepts, None) - max(lanes)) < 1e-9
            for where, lane in zip(CHANNELS, lanes, strict=True):
                assert abs(bounds.channel(concepts, where) - lane) < 1e-9
            assert bounds.channel(concepts, "") == 0.0
    assert len(seen) > 100
