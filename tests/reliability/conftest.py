"""Hypothesis profiles for the reliability tests and a summary of the fuzzing outcomes.

Quick profile: a few dozen cases per harness, in the normal run. Long profile: at least 10,000
cases per harness, with `python -m pytest -m fuzz tests/reliability` (CORRIDOR_FUZZ_EXAMPLES=N
changes the count). Each case has a deadline (a slow case fails) and a hard time limit (a hung
case fails instead of stalling the run); memory is bounded per case and checked for leaks.
"""

from __future__ import annotations

import os
import tracemalloc
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from tests.reliability.support import OUTCOMES, max_rss_bytes

LONG_EXAMPLES = int(os.environ.get("CORRIDOR_FUZZ_EXAMPLES", "10000"))
CASE_DEADLINE = timedelta(seconds=3)
HARD_LIMIT_SECONDS = 30.0
# Memory, measured on the code under test (hypothesis keeps its own per-example data, which
# grows with the run and would hide or fake a leak in a whole-process figure):
TRACE_EVERY = 50  # every 50th case runs under tracemalloc ...
CASE_PEAK = 64 * 2**20  # ... and may allocate at most this much (plus 8 x its input's size)
LEAK_SAMPLE = 100  # the traced cases of a long run are replayed at its end ...
LEAK_ROUNDS = 3  # ... this many times, after a first warm-up round ...
LEAK_GROWTH = 64 * 2**20  # ... and peak RSS may grow by at most this much meanwhile

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
    long profile (`long` cases, default LONG_EXAMPLES, marked `fuzz`). Every TRACE_EVERY-th
    case's peak allocation is bounded; the long profile then replays those cases to check that
    memory does not grow (a leak in the code under test)."""

    def make(case):
        quick_test = settings(BASE, max_examples=quick)(given(strategy)(_sampled(case, None)))
        kept: list = []
        long_test = settings(BASE, max_examples=long or LONG_EXAMPLES)(
            given(strategy)(_sampled(case, kept))
        )
        return quick_test, pytest.mark.fuzz(_leak_checked(long_test, case, kept))

    return make


def _size(value) -> int:
    if isinstance(value, (bytes, str)):
        return len(value)
    if isinstance(value, tuple) and value and isinstance(value[0], (bytes, str)):
        return len(value[0])
    return 0


def _sampled(case, kept: list | None):
    """`case`, with every TRACE_EVERY-th call traced and bounded (and kept for the leak check)."""
    calls = [0]

    def run(arg):
        calls[0] += 1
        if calls[0] % TRACE_EVERY:
            case(arg)
            return
        tracemalloc.start()
        try:
            case(arg)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        bound = CASE_PEAK + 8 * _size(arg)
        assert peak < bound, f"one case allocated {peak / 2**20:.0f} MiB at its peak"
        if kept is not None and len(kept) < LEAK_SAMPLE:
            kept.append(arg)

    run.__name__ = case.__name__
    run.__qualname__ = case.__qualname__
    run.__module__ = case.__module__
    return run


def _leak_checked(test, case, kept: list):
    """Run the long test, then replay its traced cases: peak RSS must stay flat."""
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        test(*args, **kwargs)
        for arg in kept:  # warm-up: caches fill, the allocator reaches its working size
            case(arg)
        before = max_rss_bytes()
        for _ in range(LEAK_ROUNDS):
            for arg in kept:
                case(arg)
        growth = max_rss_bytes() - before
        assert growth < LEAK_GROWTH, (
            f"replaying {len(kept)} cases {LEAK_ROUNDS} times grew peak RSS by "
            f"{growth / 2**20:.0f} MiB"
        )

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
