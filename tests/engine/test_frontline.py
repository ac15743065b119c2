"""Front line: timeline events fire on their dates or by chance, change control, roads and
encirclement; pauses postpone captures; difficulty scales the odds of projected events."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from game.engine import NegotiatePause, Rng, new_game, step
from game.scenario.model import (
    Bombard,
    Capture,
    Diplomacy,
    Direction,
    Encircle,
    EventKind,
    RoadChange,
    RoadStatus,
    Threat,
    TimelineEvent,
)
from tests.engine.fixtures import chain, make_scenario, play

D = dt.date


def _event(id_, date=None, probability=1.0, effects=(), **kw):
    return TimelineEvent(
        id=id_,
        kind=EventKind.CAPTURE,
        title=f"{id_} happens",
        source=("article ¶6: it happened",),
        date=date,
        probability=probability,
        effects=effects,
        **kw,
    )


def test_scheduled_event_fires_on_its_date_with_citation():
    sc = chain(
        timeline=[
            _event(
                "take_front",
                D(2020, 1, 26),
                effects=(Capture("front", "government"),),
                localities=4,
            )
        ]
    )
    states, events = play(sc, 4)
    assert [s.location("front").control for s in states] == [
        "opposition",
        "opposition",
        "government",
        "government",
    ]
    assert states[2].fired_turn("take_front") == 3
    fired = [e for e in events[2] if e.kind == "capture"]
    assert fired and fired[0].citation == "article ¶6" and fired[0].cause == "timeline"
    assert states[2].counters.localities_taken == 4 + 1  # event's villages + the town itself
    assert states[2].location("front").captured_turn == 3


def test_projected_event_fires_by_latest_whatever_the_draws():
    ev = _event(
        "maybe",
        D(2020, 1, 24),
        probability=0.0001,
        latest=D(2020, 1, 27),
        effects=(Capture("front", "government"),),
    )
    for seed in range(5):
        states, events = play(chain(timeline=[ev]), 5, seed=seed)
        assert states[3].fired_turn("maybe") is not None
        assert states[3].fired_turn("maybe") <= 4
        assert any(e.cause == "projection" for evs in events for e in evs)


def test_projected_event_timing_varies_with_seed():
    ev = _event("maybe", D(2020, 1, 24), probability=0.3, effects=(Capture("front", "government"),))
    turns = {
        play(chain(timeline=[ev], turns=30), 30, seed=s)[0][-1].fired_turn("maybe")
        for s in range(12)
    }
    assert len(turns) > 3


def test_after_and_delay():
    first = _event("first", D(2020, 1, 25))
    second = _event(
        "second", D(2020, 1, 24), after="first", delay_days=2, effects=(Threat("middle", 0.5, 2),)
    )
    states, _ = play(chain(timeline=[second, first]), 6)
    assert states[-1].fired_turn("first") == 2
    assert states[-1].fired_turn("second") == 4
    assert states[3].location("middle").threat == 0.5
    assert states[5].location("middle").threat == 0.0  # ran out after 2 days


def test_difficulty_event_odds_change_projected_timing():
    sc = make_scenario()
    ev_ids = ("saraqeb_captured",)
    easy, hard = [], []
    for seed in range(15):
        for odds_id, out in ((None, easy), ("hard", hard)):
            state = new_game(sc, seed, odds_id)
            rng = Rng(seed)
            while not state.game_over:
                state, _ = step(sc, state, [], rng)
            out.append(state.fired_turn(ev_ids[0]) or 99)
    assert sum(hard) < sum(easy)


def test_road_change_encircle_bombard_and_diplomacy_effects():
    ev = _event(
        "many",
        D(2020, 1, 24),
        effects=(
            RoadChange("front_middle", status=RoadStatus.CLOSED, bombardment=0.4),
            Encircle("front", MappingProxyType({Direction.N: "government"}), ()),
            Bombard("middle", 0.9, 2),
            Diplomacy(leverage=7, bonus=0.2, days=3),
        ),
    )
    sc = chain(timeline=[ev])
    start = new_game(sc, 1)
    states, _ = play(sc, 3)
    s1 = states[0]
    assert s1.road("front_middle").status is RoadStatus.CLOSED
    assert s1.road("front_middle").bombardment == 0.4
    front = s1.location("front")
    assert front.encircled and front.open_exits == () and ("N", "government") in front.approaches
    assert s1.location("middle").strike == 0.9 and s1.location("middle").strike_days == 1
    assert states[1].location("middle").strike_days == 0
    assert s1.resources.leverage >= start.resources.leverage + 7
    assert s1.diplomacy_bonus == 0.2 and s1.diplomacy_days == 2


def test_an_agreed_pause_postpones_the_capture():
    ev = _event("take_front", D(2020, 1, 25), effects=(Capture("front", "government"),))
    sc = chain(timeline=[ev], model={"pause_base_odds": 1.0, "pause_days": 3})
    states, events = play(sc, 6, orders={1: [NegotiatePause("front")]})
    # the negotiation resolves on turn 2 (cost days 1); the pause holds turns 2-4
    assert states[1].location("front").pause_days > 0
    assert states[1].location("front").control == "opposition"
    assert any("postponed" in e.message for e in events[1])
    assert states[-1].fired_turn("take_front") == 5
    assert states[-1].location("front").control == "government"


def test_a_fall_is_logged_with_the_article_paragraph_as_an_estimate():
    sc = chain(
        timeline=[_event("take_front", D(2020, 1, 24), effects=(Capture("front", "government"),))]
    )
    _states, events = play(sc, 1)
    fall = [e for e in events[0] if e.kind == "fall"]
    assert fall and fall[0].citation == "article ¶6" and fall[0].estimate
    assert "estimated" in fall[0].message
