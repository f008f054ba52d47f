"""Hypothesis profiles for the fuzzing harness: a fixed small budget in CI (the whole folder under a minute), a
longer run by hand with ``HYPOTHESIS_PROFILE=long python -m pytest tests/fuzz -p no:xdist`` (crawls and builds:
``FUZZ_SLOW_EXAMPLES=N`` sets how many)."""

import os

from hypothesis import HealthCheck, settings

COMMON = {
    "deadline": None,  # a crawl in a child process takes seconds; time caps are asserted by the tests themselves
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    "derandomize": False,
    "print_blob": True,
}
settings.register_profile("ci", max_examples=25, **COMMON)
settings.register_profile("long", max_examples=1500, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def budget(ci: int) -> int:
    """Examples for a slow target (a crawl, a build): ``ci`` in CI, forty times as many in the long profile, or
    what ``FUZZ_SLOW_EXAMPLES`` says."""
    if os.environ.get("FUZZ_SLOW_EXAMPLES", "").isdigit():
        return int(os.environ["FUZZ_SLOW_EXAMPLES"])
    return ci * 40 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else ci
