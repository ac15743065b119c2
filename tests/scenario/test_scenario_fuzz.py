"""Fuzzing the loader: random bytes and random mutations of a valid scenario give either a
clean ScenarioError (every diagnostic with a message, a hint and a sane position) or a valid
Scenario whose references all resolve; never another exception.

The default run is short; `python -m pytest -m fuzz tests/scenario` runs the long profile."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import ScenarioError
from game.scenario import load_scenario_bytes
from game.scenario.model import Encircle, Scenario

from .helpers import IDLIB, MINIMAL

BASE = (IDLIB if IDLIB.exists() else MINIMAL).read_text(encoding="utf-8")
_LINES = BASE.split("\n")
_TOKENS = sorted(set(re.findall(r"[\w.¶-]+", BASE)))
_NASTY = [
    "-1",
    "0",
    "1.5",
    ".nan",
    "-.inf",
    "1e400",
    "9" * 320,
    "9" * 5000,
    "~",
    "null",
    "yes",
    "''",
    '""',
    "2020-13-45",
    "2020-02-30",
    "2019-01-01",
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "<<",
    "!!python/object:x",
    "!!binary",
    "? x",
    ": ",
    "- ",
    "#",
    "\t",
    "\x00",
    "\ufeff",
    "\u2028",
    "é",
    "¶",
    "\r",
    "---",
    "article ¶99: x",
    "assumption:",
    "unknown_id",
]

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: Any) -> bytes:
    """The base scenario with one to three random edits."""
    text = BASE
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(["delete", "insert", "token", "line", "indent", "truncate"]))
        at = draw(st.integers(0, len(text)))
        if edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif edit == "insert":
            text = text[:at] + draw(st.text(max_size=20) | st.sampled_from(_NASTY)) + text[at:]
        elif edit == "token":
            old = draw(st.sampled_from(_TOKENS))
            new = draw(st.sampled_from(_TOKENS + _NASTY))
            spots = [m.start() for m in re.finditer(re.escape(old), text)]
            if spots:
                where = draw(st.sampled_from(spots))
                text = text[:where] + new + text[where + len(old) :]
        elif edit == "line":
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            how = draw(st.sampled_from(["duplicate", "drop", "swap"]))
            if how == "duplicate":
                lines.insert(j, lines[i])
            elif how == "drop":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif edit == "indent":
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
            lines[i] = " " * shift + lines[i] if shift > 0 else lines[i][-shift:]
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text.encode("utf-8", "surrogatepass")


def check(data: bytes) -> None:
    """A clean error or a valid scenario, nothing else."""
    try:
        scenario = load_scenario_bytes(data, "fuzz.yaml")
    except ScenarioError as error:
        assert error.diagnostics
        lines = data.count(b"\n") + data.count(b"\r") + 2
        for diagnostic in error.diagnostics:
            assert diagnostic.file == "fuzz.yaml"
            assert diagnostic.message.strip()
            assert diagnostic.hint and diagnostic.hint.strip(), diagnostic
            if diagnostic.line is not None:
                assert 1 <= diagnostic.line <= lines, diagnostic
                assert diagnostic.column is not None and diagnostic.column >= 1
        return
    assert_consistent(scenario)


def assert_consistent(scenario: Scenario) -> None:
    """What validation guarantees the engine: references resolve, numbers add up."""
    locations, roads, factions = (
        scenario.location_by_id,
        scenario.road_by_id,
        scenario.faction_by_id,
    )
    events = {e.id for e in scenario.timeline}
    assert len(locations) == len(scenario.locations) and len(roads) == len(scenario.roads)
    for loc in scenario.locations:
        assert 0 <= loc.displaced <= loc.population
        assert loc.control in factions
        if loc.encirclement:
            for road in loc.encirclement.open_exits:
                assert loc.id in (roads[road].a, roads[road].b)
    for road in scenario.roads:
        assert road.a in locations and road.b in locations and road.a != road.b
        assert road.control in factions
    first, last = scenario.meta.start_date, scenario.meta.end_date
    for event in scenario.timeline:
        assert event.date is not None or event.after in events
        for date in (event.date, event.latest):
            assert date is None or first <= date <= last
        for effect in event.effects:
            if isinstance(effect, Encircle) and effect.open_exits:
                for road in effect.open_exits:
                    assert effect.location in (roads[road].a, roads[road].b)


def test_the_base_scenario_is_valid() -> None:
    check(BASE.encode())
    load_scenario_bytes(BASE.encode(), "base.yaml")


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check(data)


@FAST
@given(mutated())
def test_mutations_of_a_valid_scenario(data: bytes) -> None:
    check(data)


@pytest.mark.fuzz
@LONG
@given(st.binary(max_size=20_000))
def test_random_bytes_long(data: bytes) -> None:
    check(data)


@pytest.mark.fuzz
@LONG
@given(mutated())
def test_mutations_long(data: bytes) -> None:
    check(data)
