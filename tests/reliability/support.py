"""Shared checks for the reliability tests: what a "clear error" is, time and memory guards,
and real saves to start mutations from.

A clear error is a `CorridorError` whose every diagnostic names the file and says what is
wrong, and whose positions, when given, point inside the file. Anything else escaping (a
`KeyError`, a `RecursionError`, a `yaml.YAMLError`...) fails the test with its traceback.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sys
import threading
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from game.errors import SaveError, ScenarioError

REPO = Path(__file__).resolve().parents[2]
IDLIB = REPO / "scenarios" / "idlib.yaml"
SMALL = REPO / "tests" / "saves" / "fixtures" / "small.yaml"

# Messages about the file as a whole, which have no line to point at.
SCENARIO_WHOLE_FILE = (
    "too large",
    "UTF-16",
    "the file is empty",
    "cannot be encoded as UTF-8",
    "no such file",
    "directory",
    "permission denied",
)
SAVE_WHOLE_FILE = (
    "no such save file",
    "is not a regular file",
    "MiB a save may be",
    "is empty",
    "ends before",
    "cannot read",
)

# Outcome counts per harness, printed at the end of the run (see conftest.py).
OUTCOMES: dict[str, Counter[str]] = {}


def record(harness: str, outcome: str) -> None:
    OUTCOMES.setdefault(harness, Counter())[outcome] += 1


def lines_of(text: str) -> list[str]:
    """The lines as the loaders count them: a BOM dropped, \\r\\n, \\r and \\n all end a line."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_clear_scenario_error(error: BaseException, name: str, data: bytes) -> None:
    """`error` is a ScenarioError naming `name`, each position inside `data`'s lines."""
    assert isinstance(error, ScenarioError), f"{type(error).__name__} escaped: {error!r}"
    diagnostics = error.diagnostics
    assert diagnostics, "a ScenarioError without diagnostics"
    text = data.decode("utf-8", "replace")
    lines = lines_of(text)
    for d in diagnostics:
        assert d.file == name, d
        assert isinstance(d.message, str) and d.message.strip(), d
        assert "Traceback" not in d.message, d
        if d.line is not None:
            assert 1 <= d.line <= len(lines), f"line {d.line} outside 1..{len(lines)}: {d}"
            if d.column is not None:
                assert d.column >= 1, d
    if not any(w in d.message for d in diagnostics for w in SCENARIO_WHOLE_FILE):
        assert any(d.line is not None for d in diagnostics), f"no line in {error.format()}"
    assert name in error.format()


def assert_clear_save_error(error: BaseException, path: Path, data: bytes | None) -> None:
    """`error` is a SaveError whose first diagnostic names the save file (later ones may name
    the scenario embedded in it), with a line inside the file unless it is about the whole."""
    assert isinstance(error, SaveError), f"{type(error).__name__} escaped: {error!r}"
    diagnostics = error.diagnostics
    assert diagnostics, "a SaveError without diagnostics"
    first = diagnostics[0]
    assert first.file == str(path), first
    for d in diagnostics:
        assert isinstance(d.message, str) and d.message.strip(), d
        assert "Traceback" not in d.message, d
        if d.column is not None:
            assert d.line is not None and d.column >= 1, d
    if data is not None and first.line is not None:
        count = data.count(b"\n") + 1
        assert 1 <= first.line <= count, f"line {first.line} outside 1..{count}: {first}"
    if not any(w in first.message for w in SAVE_WHOLE_FILE):
        assert first.line is not None, f"no line in {error.format()}"
    assert str(path) in error.format()


# --- time and memory -------------------------------------------------------------------------


class Hang(Exception):
    """Raised in the main thread when a case runs past its hard time limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with `Hang` if the block runs longer than `seconds` (a guard against hangs, so a
    looping parser fails the test instead of stalling CI). Main thread only; elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expired(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Cost:
    seconds: float
    peak_bytes: int


def cost_of(action, limit_seconds: float, exceptions: tuple[type[BaseException], ...]) -> Cost:
    """Run `action` twice, expecting one of `exceptions` each time: once timed (with a hard
    limit of `limit_seconds`), once under tracemalloc for its peak allocation (tracing slows
    allocation-heavy code several times over, so it is not timed)."""
    import time

    started = time.perf_counter()
    try:
        with time_limit(limit_seconds):
            action()
    except exceptions:
        pass
    else:
        raise AssertionError("expected an error")
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        with time_limit(max(10.0, 20 * limit_seconds)):
            action()
    except exceptions:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return Cost(seconds, peak)


def max_rss_bytes() -> int:
    """This process's peak resident set size so far."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


# --- real saves --------------------------------------------------------------------------------


def small_scenario():
    from game.scenario import load_scenario

    return load_scenario(SMALL)


def real_save(scenario, seed: int = 5, turns: int = 12) -> bytes:
    """The bytes of a real save: `turns` turns with orders of every kind (some refused by the
    engine, which is recorded too), a snapshot at turn 10."""
    import random

    from game.app.session import GameSession
    from tests.saves.conftest import candidate_orders

    candidates = candidate_orders(scenario)
    rng = random.Random(seed)
    session = GameSession.new(scenario, seed, autosave=False, saves_dir=os.devnull)
    for _ in range(turns):
        for _ in range(rng.randrange(4)):
            session.queue(rng.choice(candidates))
        session.end_turn()
    return session.to_bytes()
