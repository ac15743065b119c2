"""The forecast of the timeline: exact chances for the engine's own rule (dates, daily chance,
`latest`, chains, pauses, difficulty), checked against the engine itself."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from game.engine import Rng, new_game, step
from game.engine.forecast import forecast, place_outlook, road_outlook
from game.paths import bundled_scenario
from game.scenario import load_scenario
from game.scenario.model import Capture, EventKind, RoadStatus, TimelineEvent
from tests.engine.fixtures import make_scenario

START = dt.date(2020, 1, 24)
A = ("assumption: test",)


def _event(eid: str, **kw) -> TimelineEvent:
    return TimelineEvent(id=eid, kind=EventKind.CAPTURE, title=eid, source=A, **kw)


def _by_id(items):
    return {f.event.id: f for f in items}


def test_a_certain_event_in_two_days():
    scenario = make_scenario(timeline=(_event("later", date=START + dt.timedelta(days=2)),))
    item = _by_id(forecast(scenario, new_game(scenario, 1), 5))["later"]
    assert item.first_turn == 1
    assert item.by_turn == (0.0, 0.0, 1.0, 0.0, 0.0)
    assert item.within(2) == 0.0 and item.within(3) == 1.0


def test_a_daily_chance_accumulates_over_the_days_it_may_fire():
    scenario = make_scenario(timeline=(_event("maybe", date=START, probability=0.2),))
    item = _by_id(forecast(scenario, new_game(scenario, 1), 6))["maybe"]
    for k in range(1, 7):
        assert item.within(k) == pytest.approx(1 - 0.8**k)


def test_latest_makes_it_certain_and_difficulty_scales_the_odds():
    event = _event("maybe", date=START, probability=0.2, latest=START + dt.timedelta(days=3))
    scenario = make_scenario(timeline=(event,))
    item = _by_id(forecast(scenario, new_game(scenario, 1), 6))["maybe"]
    assert item.within(4) == pytest.approx(1.0)
    assert item.by_turn[3] == pytest.approx(0.8**3)
    hard = _by_id(forecast(scenario, new_game(scenario, 1, "hard"), 6))["maybe"]
    assert hard.by_turn[0] == pytest.approx(0.2 * 1.5)


def test_fired_events_are_not_forecast_and_the_horizon_stops_at_the_end():
    scenario = make_scenario(turns=4)
    state = new_game(scenario, 1)
    state, _ = step(scenario, state, (), Rng(1))
    ids = _by_id(forecast(scenario, state, 10))
    assert "villages_south" not in ids  # fired on turn 1
    assert all(len(f.by_turn) == 3 for f in ids.values())  # turns 2..4 only


def test_a_pause_postpones_a_capture_while_it_holds():
    scenario = make_scenario(
        timeline=(_event("take", date=START, effects=(Capture("saraqeb", "government"),)),)
    )
    state = new_game(scenario, 1)
    locations = tuple(
        dataclasses.replace(loc, pause_days=2) if loc.id == "saraqeb" else loc
        for loc in state.locations
    )
    paused = dataclasses.replace(state, locations=locations)
    assert _by_id(forecast(scenario, paused, 4))["take"].by_turn == (0.0, 0.0, 1.0, 0.0)
    assert place_outlook(scenario, paused, 2) == {}
    assert place_outlook(scenario, paused, 3)["saraqeb"].chance == 1.0


def test_chains_agree_with_the_engine_over_many_seeds():
    """The fixture's chain (Kfar Roummah, then Maaret, then Saraqeb 5 days later at 0.2 a
    day): the share of games in which each event has fired by each turn matches."""
    scenario = make_scenario(turns=12)
    predicted = _by_id(forecast(scenario, new_game(scenario, 0), 12))
    seeds = 300
    fired_on: dict[str, list[int]] = {eid: [] for eid in predicted}
    for seed in range(seeds):
        state, rng = new_game(scenario, seed), Rng(seed)
        while not state.game_over:
            state, _ = step(scenario, state, (), rng)
        for eid, turn in state.fired:
            fired_on[eid].append(turn)
    for eid, item in predicted.items():
        for k in range(1, 13):
            share = sum(1 for t in fired_on[eid] if t <= k) / seeds
            p = item.within(k)
            sigma = (p * (1 - p) / seeds) ** 0.5
            assert abs(share - p) <= 4 * sigma + 1e-9, (eid, k, share, p)
    assert 0.3 < predicted["saraqeb_captured"].within(12) < 0.6  # a real chain, not 0 or 1


def test_in_a_played_idlib_game_what_fires_was_forecast():
    scenario = load_scenario(bundled_scenario())
    state, rng = new_game(scenario, 5), Rng(5)
    while not state.game_over:
        tomorrow = {f.event.id: f.by_turn[0] for f in forecast(scenario, state, 1)}
        before = {eid for eid, _ in state.fired}
        state, _ = step(scenario, state, (), rng)
        fired = {eid for eid, _ in state.fired} - before
        assert all(tomorrow.get(eid, 0.0) > 0.0 for eid in fired), fired
        assert {eid for eid, p in tomorrow.items() if p == 1.0} <= fired


def test_outlooks_name_the_likeliest_capture_and_the_worst_road_change():
    scenario = make_scenario(turns=12)
    state = new_game(scenario, 1)
    places = place_outlook(scenario, state, 12)
    assert places["saraqeb"].event.id == "saraqeb_captured"
    assert places["saraqeb"].faction == "government"
    assert 0.3 < places["saraqeb"].chance < 0.6
    assert "maaret" in places and places["maaret"].chance == pytest.approx(1.0)
    roads = road_outlook(scenario, state, 3)
    assert roads == {}  # the M5 closes with Kfar Roummah on turn 4 or 5
    closing = road_outlook(scenario, state, 4)["m5_maaret_saraqeb"]
    assert closing.status is RoadStatus.CLOSED and closing.chance == pytest.approx(0.5)
