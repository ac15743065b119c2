"""Hypothesis profiles for the reliability tests and a summary of the fuzzing outcomes.

Quick profile: a few dozen cases per harness, in the normal run. Long profile: at least 10,000
cases per harness, with `python -m pytest -m fuzz tests/reliability` (CORRIDOR_FUZZ_EXAMPLES=N
changes the count). Each case has a deadline (a slow case fails) and a hard time limit (a hung
case fails instead of stalling the run).
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from tests.reliability.support import OUTCOMES, max_rss_bytes

LONG_EXAMPLES = int(os.environ.get("CORRIDOR_FUZZ_EXAMPLES", "10000"))
CASE_DEADLINE = timedelta(seconds=3)
HARD_LIMIT_SECONDS = 30.0
# Peak RSS may grow by at most this much over a long run: a leak or a blow-up shows here.
LONG_RSS_GROWTH = 400 * 2**20

BASE = settings(
    deadline=CASE_DEADLINE,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
    print_blob=True,
)


def harness(strategy, quick: int, long: int | None = None):
    """Two tests from one case function: the quick profile (`quick` cases, normal run) and the
    long profile (`long` cases, default LONG_EXAMPLES, marked `fuzz`)."""

    def make(case):
        quick_test = settings(BASE, max_examples=quick)(given(strategy)(case))
        long_test = pytest.mark.fuzz(
            settings(BASE, max_examples=long or LONG_EXAMPLES)(given(strategy)(case))
        )
        return quick_test, _rss_bounded(long_test)

    return make


def _rss_bounded(test):
    """Wrap a long test: peak RSS must not grow by more than LONG_RSS_GROWTH during it."""
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        before = max_rss_bytes()
        test(*args, **kwargs)
        growth = max_rss_bytes() - before
        assert growth < LONG_RSS_GROWTH, f"peak RSS grew by {growth / 2**20:.0f} MiB"

    return wrapper


def pytest_terminal_summary(terminalreporter) -> None:
    if not OUTCOMES:
        return
    terminalreporter.section("reliability: fuzz outcomes per harness")
    for name in sorted(OUTCOMES):
        counts = OUTCOMES[name]
        total = sum(counts.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        terminalreporter.write_line(f"{name}: {total} cases ({detail})")
