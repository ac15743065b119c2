"""Turns of any length mean the same calendar: a turn of `turn_days` days plays each of its days
(every daily rate once a day, timers in days), and the last turn covers all of its days."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from game.engine import LaunchAppeal, Rng, SendConvoy, new_game, step
from game.engine.outcomes import turn_figures
from game.scenario import load_scenario_text
from game.scenario.model import Bombard, Cargo, EventKind, Scenario, TimelineEvent
from tests.engine.fixtures import make_scenario
from tests.scenario.helpers import minimal_text, replace_once

# Four weeks of the bundled scenario in daily and in weekly turns, no orders: the outcomes may
# differ by at most this share (of the figure, or of everyone for the places' populations).
# The calendar, the draws (keyed by the day) and the rules are the same; what can differ is
# an `after` chain that crosses a turn, whose wait counts from the first day of that turn.
TOLERANCE = 0.02
FIGURES = (
    "displaced_since_december",
    "sheltered",
    "unsheltered",
    "harmed_estimate",
    "killed_estimate",
    "localities_taken",
    "trapped",
)


def _lasting(scenario: Scenario, turns: int, turn_days: int) -> Scenario:
    meta = dataclasses.replace(scenario.meta, turns=turns, turn_days=turn_days)
    return dataclasses.replace(scenario, meta=meta)


def _final(scenario: Scenario, seed: int):
    state, rng = new_game(scenario, seed), Rng(seed)
    while not state.game_over:
        state, _ = step(scenario, state, (), rng)
    return state


@pytest.fixture(scope="module")
def idlib() -> Scenario:
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    return load_scenario(bundled_scenario("idlib"))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_four_weeks_in_daily_and_in_weekly_turns_agree(idlib, seed):
    daily = _lasting(idlib, 28, 1)
    weekly = _lasting(idlib, 4, 7)
    by_day, by_week = _final(daily, seed), _final(weekly, seed)
    assert by_day.date == dt.date(2020, 2, 20) and by_week.date == dt.date(2020, 2, 14)
    a, b = turn_figures(daily, by_day), turn_figures(weekly, by_week)
    for name in FIGURES:
        x, y = getattr(a, name), getattr(b, name)
        assert abs(x - y) <= TOLERANCE * max(x, y, 1), (name, x, y)
    everyone = sum(loc.population for loc in by_day.locations)
    moved = sum(
        abs(p.population - q.population)
        for p, q in zip(by_day.locations, by_week.locations, strict=True)
    )
    assert moved <= TOLERANCE * everyone
    # a weekly turn is a week: far more people leave in one than in one daily turn
    first_day = step(daily, new_game(daily, seed), (), Rng(seed))[0]
    first_week = step(weekly, new_game(weekly, seed), (), Rng(seed))[0]
    assert first_week.day.displaced_new > 3 * first_day.day.displaced_new


def test_effect_durations_are_days():
    """A three-day strike fired on a weekly turn's first day is over by the turn's end; in
    daily turns it runs three turns."""
    strike = TimelineEvent(
        id="strike",
        kind=EventKind.BOMBARDMENT,
        title="Strikes on Saraqeb",
        source=("assumption: test",),
        date=dt.date(2020, 1, 24),
        effects=(Bombard("saraqeb", 0.9, 3),),
    )
    weekly = make_scenario(timeline=(strike,), turns=2)
    weekly = _lasting(weekly, 2, 7)
    state = step(weekly, new_game(weekly, 1), (), Rng(1))[0]
    assert state.location("saraqeb").strike_days == 0
    daily = make_scenario(timeline=(strike,), turns=4)
    state, rng = new_game(daily, 1), Rng(1)
    left = []
    for _ in range(4):
        state, _ = step(daily, state, (), rng)
        left.append(state.location("saraqeb").strike_days)
    assert left == [2, 1, 0, 0]


def test_an_event_in_the_last_days_of_the_final_turn_is_accepted_and_fires():
    text = replace_once(minimal_text(), "  turns: 5\n", "  turns: 2\n  turn_days: 7\n")
    text = replace_once(text, "    date: 2020-01-27\n", "    date: 2020-02-06\n")  # day 14
    scenario = load_scenario_text(text, "weekly.yaml")
    assert scenario.meta.last_day == dt.date(2020, 2, 6)
    state, rng = new_game(scenario, 1), Rng(1)
    events = []
    while not state.game_over:
        state, logged = step(scenario, state, (), rng)
        events += logged
    assert state.fired_turn("us_statement") == 2
    assert [e.date for e in events if e.kind == "statement"] == [dt.date(2020, 2, 6)]


def test_a_date_after_the_last_day_is_still_refused():
    from tests.scenario.helpers import diagnostics

    text = replace_once(minimal_text(), "  turns: 5\n", "  turns: 2\n  turn_days: 7\n")
    text = replace_once(text, "    date: 2020-01-27\n", "    date: 2020-02-07\n")  # day 15
    (problem,) = diagnostics(text)
    assert "after the last turn" in problem.message
    assert "2020-02-06" in (problem.hint or "")


def test_a_convoy_covers_a_day_of_road_per_day():
    """`convoy_km_per_day` is per day: in a weekly turn a convoy gets as far as in seven daily
    turns, and trucks come back on the same calendar."""
    order = SendConvoy("bab_al_hawa", "ariha", Cargo.FOOD, 5)
    daily = make_scenario(timeline=(), turns=7)
    weekly = _lasting(make_scenario(timeline=(), turns=1), 1, 7)
    state, rng = new_game(daily, 1), Rng(1)
    for turn in range(7):
        state, _ = step(daily, state, [order] if turn == 0 else [], rng)
    by_week = step(weekly, new_game(weekly, 1), [order], Rng(1))[0]
    assert by_week.counters.convoys_delivered == state.counters.convoys_delivered == 1
    assert by_week.convoys == state.convoys


def test_an_order_that_takes_days_is_due_on_the_first_turn_that_many_days_on():
    """An appeal's funds come `days` (4 here) days after it is launched: on turn 5 of daily
    turns, on turn 2 of weekly ones (the first that starts at least 4 days later)."""
    for turns, turn_days, due in ((6, 1, 5), (2, 7, 2)):
        scenario = _lasting(make_scenario(timeline=(), turns=turns), turns, turn_days)
        state, rng = new_game(scenario, 1), Rng(1)
        raised = []
        while not state.game_over:
            orders = [LaunchAppeal()] if state.turn == 0 else []
            state, events = step(scenario, state, orders, rng)
            raised += [state.turn for e in events if e.kind == "appeal"]
        assert raised == [due], (turn_days, raised)
