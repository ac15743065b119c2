"""Upper bounds on counts: a value at its cap loads, one above is refused at its position with
a hint, and a scenario at the caps still conserves people exactly in the engine."""

from __future__ import annotations

import pytest

from game.scenario import load_scenario_text
from game.scenario.spec import (
    MAX_FIGURE,
    MAX_FUNDS,
    MAX_LOCALITIES,
    MAX_PEOPLE,
    MAX_TRUCKS,
)

from .helpers import diagnostics, minimal_text, position, replace_once

# (name, text to replace, replacement with {n}, cap, key path of the diagnostic)
BOUNDS = [
    ("population", "population: 3000", "population: {n}", MAX_PEOPLE, "locations[1].population"),
    (
        "displaced",
        "population: 3000\n    displaced: 0",
        f"population: {MAX_PEOPLE}\n    displaced: {{n}}",
        MAX_PEOPLE,
        "locations[1].displaced",
    ),
    (
        "shelter_capacity",
        "shelter_capacity: 8000",
        "shelter_capacity: {n}",
        MAX_PEOPLE,
        "locations[3].shelter_capacity",
    ),
    ("player funds", "funds: 500", "funds: {n}", MAX_FUNDS, "player.funds"),
    ("player trucks", "trucks: 20", "trucks: {n}", MAX_TRUCKS, "player.trucks"),
    ("cost funds", "shelter: {funds: 50,", "shelter: {funds: {n},", MAX_FUNDS, "funds"),
    (
        "cost trucks",
        "convoy: {funds: 10, trucks: 5}",
        "convoy: {funds: 10, trucks: {n}}",
        MAX_TRUCKS,
        "trucks",
    ),
    ("cost leverage", "pause: {leverage: 15}", "pause: {leverage: {n}}", 100, "leverage"),
    ("cost days", "appeal: {days: 3}", "appeal: {days: {n}}", 366, "days"),
    ("figure", "value: 358000", "value: {n}", MAX_FIGURE, "figures[0].value"),
]


def _edit(old: str, new: str, n: int) -> str:
    return replace_once(minimal_text(), old, new.replace("{n}", str(n)))


@pytest.mark.parametrize(("name", "old", "new", "cap", "key"), BOUNDS, ids=[b[0] for b in BOUNDS])
def test_a_count_at_its_cap_loads_and_one_above_is_refused(name, old, new, cap, key):
    load_scenario_text(_edit(old, new, cap), "at_cap.yaml")
    text = _edit(old, new, cap + 1)
    (diagnostic,) = diagnostics(text)
    assert diagnostic.key.endswith(key)
    assert f"above the maximum {cap:,}" in diagnostic.message
    assert diagnostic.hint and f"{cap:,}" in diagnostic.hint
    assert (diagnostic.line, diagnostic.column) == position(text, str(cap + 1))


@pytest.mark.parametrize("huge", [2**53, 2**62, 10**400], ids=["2**53", "2**62", "10**400"])
@pytest.mark.parametrize("key", ["population", "funds", "trucks"])
def test_numbers_beyond_exact_floats_are_refused(key, huge):
    old = {"population": "population: 3000", "funds": "funds: 500", "trucks": "trucks: 20"}[key]
    (diagnostic,) = diagnostics(replace_once(minimal_text(), old, f"{key}: {huge}"))
    assert diagnostic.key.endswith(key) and "above the maximum" in diagnostic.message
    assert str(huge)[:30] not in diagnostic.message  # a 400-digit number is not echoed whole


@pytest.mark.parametrize("localities", [0, MAX_LOCALITIES + 1])
def test_location_localities_are_bounded(localities):
    text = replace_once(
        minimal_text(),
        "    population: 3000\n",
        f"    population: 3000\n    localities: {localities}\n",
    )
    (diagnostic,) = diagnostics(text)
    assert diagnostic.key == "locations[1].localities"


def test_a_scenario_at_the_caps_conserves_people():
    """The reason for the caps: with every place at 100 million people, the engine's sums stay
    exact, so the audit finds nobody appearing or vanishing."""
    from game.engine import Rng, new_game, step
    from game.replay.audit import audit_start, audit_turn

    text = minimal_text()
    for old in ("population: 20000", "population: 3000", "population: 15000", "population: 5000"):
        text = replace_once(text, old, f"population: {MAX_PEOPLE}")
    text = replace_once(text, "funds: 500", f"funds: {MAX_FUNDS}")
    text = replace_once(text, "trucks: 20", f"trucks: {MAX_TRUCKS}")
    scenario = load_scenario_text(text, "caps.yaml")
    state = new_game(scenario, 3)
    assert audit_start(scenario, state) == []
    rng = Rng(3)
    for _ in range(5):
        after, events = step(scenario, state, [], rng)
        assert audit_turn(scenario, state, after, events) == []
        state = after
