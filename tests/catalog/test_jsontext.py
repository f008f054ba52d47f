"""jsontext.finite: the same answer whether the json module copies a value (the common case) or it is walked."""

import math
from typing import Any

import pytest

from catalog.core.jsontext import finite


@pytest.mark.parametrize(
    ("value", "strings", "expected"),
    [
        ({"type": "object", "properties": {"n": {"type": "integer", "default": -0.0}}}, True, None),
        ({"a": [1, 2.5, None, True, "é"]}, False, None),
        ({"a": float("nan"), "b": [float("inf"), -math.inf]}, False, {"a": "NaN", "b": ["Infinity", "-Infinity"]}),
        ({"a": "\udcff", "\udcfe": 1}, True, {"a": "\\udcff", "\\udcfe": 1}),
        ({"a": "\udcff"}, False, {"a": "\udcff"}),  # surrogates kept unless asked
        ({1: "one", None: (1, 2)}, True, {1: "one", None: [1, 2]}),  # keys JSON would turn into text stay as they are
        ((1, {"x": (2,)}), False, [1, {"x": [2]}]),  # a tuple becomes a list, as the walk always made it
        ({"o": object}, False, {"o": object}),  # not JSON at all: walked, kept
    ],
)
def test_finite(value: Any, strings: bool, expected: Any) -> None:
    found = finite(value, strings=strings)
    assert repr(found) == repr(value if expected is None else expected)
    if isinstance(value, dict):
        assert found is not value  # a copy: the caller's value is never shared or changed


def test_a_copy_shares_no_container() -> None:
    inner = {"type": "string"}
    found = finite({"a": inner, "b": [inner]})
    assert found["a"] == inner and found["a"] is not inner and found["b"][0] is not inner
