"""The order dialog's predictions use the engine's own figures: the chance a negotiation is
agreed is the one the engine then draws against, even when international pressure ends before
the answer comes."""

from __future__ import annotations

import re

from game.app.preview import effect_markup
from game.engine import NegotiateCorridor, NegotiatePause, Rng, new_game, step


def shown_percent(markup: str) -> int:
    match = re.search(r"Chance of agreement: \[b\](\d+)%", markup)
    assert match, markup
    return int(match.group(1))


def drawn_odds(mini, orders) -> list[float]:
    """The odds the engine logs when the negotiations of `orders`, given on turn 1, resolve."""
    state, rng = new_game(mini, 1), Rng(1)
    odds: list[float] = []
    for turn in range(3):
        state, events = step(mini, state, orders if turn == 0 else (), rng)
        odds += [e.figures["odds"] for e in events if e.kind == "negotiation"]
    return odds


def test_negotiation_chances_are_the_engines_and_count_queued_orders(mini):
    state = new_game(mini, 1)
    first = NegotiatePause("maaret_al_numan")
    second = NegotiateCorridor(
        next(r.id for r in mini.roads if "maaret_al_numan" in (r.a, r.b) and r.status == "open")
    )
    alone = shown_percent(effect_markup(mini, state, first))
    after = shown_percent(effect_markup(mini, state, second, queued=[first]))
    without_pause = shown_percent(effect_markup(mini, state, second))
    assert after < without_pause  # the pause's leverage is spent before the corridor is asked
    drawn = drawn_odds(mini, [first, second])
    assert sorted(round(100 * d) for d in drawn) == sorted([alone, after])


def test_the_chance_shown_holds_when_pressure_ends_before_the_answer(mini):
    """The US statement's bonus lasts 3 days from turn 2 (mini.yaml); talks opened on its last
    day are still drawn at the chance shown then."""
    import dataclasses

    from game.scenario.model import OrderCost

    costs = {**mini.player.costs, "pause": OrderCost(leverage=10, days=2)}
    scenario = dataclasses.replace(mini, player=dataclasses.replace(mini.player, costs=costs))
    state, rng = new_game(scenario, 1), Rng(1)
    for _ in range(3):
        state, _ = step(scenario, state, (), rng)
    assert state.diplomacy_days == 1  # the pressure holds one more day
    order = NegotiatePause("saraqeb")
    shown = shown_percent(effect_markup(scenario, state, order))
    assert "for international pressure" in effect_markup(scenario, state, order)
    odds = []
    for turn in range(3):
        state, events = step(scenario, state, [order] if turn == 0 else (), rng)
        odds += [e.figures["odds"] for e in events if e.kind == "negotiation"]
    assert state.diplomacy_days == 0
    assert [round(100 * o) for o in odds] == [shown]
