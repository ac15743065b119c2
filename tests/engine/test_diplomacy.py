"""Negotiations, corridors, evacuations and appeals: they cost, take time, and may fail."""

from __future__ import annotations

from game.engine import Evacuate, LaunchAppeal, NegotiateCorridor, NegotiatePause
from tests.engine.fixtures import chain, play


def test_appeal_brings_funds_after_its_days():
    sc = chain(model={"appeal_funds": 250})
    states, events = play(sc, 6, orders={1: [LaunchAppeal()]})
    funds = [s.resources.funds for s in states]
    assert funds[0] == 800 and funds[3] == 800  # the fixture's appeal takes 4 days
    assert funds[4] == 1050
    assert any(e.kind == "appeal" for e in events[4])


def test_only_one_appeal_at_a_time():
    _states, events = play(chain(), 1, orders={1: [LaunchAppeal(), LaunchAppeal()]})
    assert any("already under way" in e.message for e in events[0])


def test_failed_negotiation_still_spends_leverage():
    sc = chain(model={"pause_base_odds": 0.0, "leverage_odds": 0.0, "leverage_per_day": 0})
    states, events = play(sc, 3, orders={1: [NegotiatePause("front")]})
    assert states[-1].resources.leverage == 40 - 15
    assert states[-1].location("front").pause_days == 0
    assert any("No pause" in e.message for evs in events for e in evs)
    assert states[-1].counters.negotiations_failed == 1


def test_leverage_raises_the_odds():
    wins = {}
    for leverage_odds in (0.0, 1.0):
        sc = chain(model={"pause_base_odds": 0.1, "leverage_odds": leverage_odds})
        wins[leverage_odds] = sum(
            play(sc, 2, seed=s, orders={1: [NegotiatePause("front")]})[0][
                -1
            ].counters.negotiations_won
            for s in range(30)
        )
    assert wins[1.0] > wins[0.0] + 5


def test_corridor_then_evacuation_moves_people_safely():
    sc = chain(front_pop=10000, model={"corridor_base_odds": 1.0})
    states, events = play(
        sc,
        3,
        orders={
            1: [NegotiateCorridor("front_middle")],
            3: [Evacuate("front", "front_middle", 2000)],
        },
    )
    assert states[1].road("front_middle").corridor_days > 0
    s = states[2]
    assert s.counters.evacuated == 2000
    assert s.location("middle").displaced >= 2000 - 1
    assert any(e.kind == "order" and "evacuated" in e.message for e in events[2])
    assert s.population + s.counters.killed == 10000 + 5000


def test_negotiation_chance_matches_the_engine():
    """The chance shown before an order is the one the engine draws against when the answer
    comes: the leverage held when the order is given (40 for the first; 40 - 15 after a pause
    was paid for), today's pressure, clamped to 0..1."""
    from game.engine import new_game
    from game.engine.diplomacy import negotiation_chance

    sc = chain(model={"pause_base_odds": 0.1, "leverage_odds": 0.5, "corridor_base_odds": 0.2})
    state = new_game(sc, 1)
    pause = negotiation_chance(sc, state, "pause")
    corridor = negotiation_chance(sc, state, "corridor", leverage=40 - 15)
    assert abs(pause - (0.1 + 0.5 * 40 / 100)) < 1e-9
    assert abs(corridor - (0.2 + 0.5 * 25 / 100)) < 1e-9
    orders = {1: [NegotiatePause("front"), NegotiateCorridor("front_middle")]}
    _states, events = play(sc, 3, orders=orders)
    drawn = sorted(e.figures["odds"] for evs in events for e in evs if e.kind == "negotiation")
    assert drawn == sorted([round(pause, 2), round(corridor, 2)])
    sure = chain(model={"pause_base_odds": 0.6, "leverage_odds": 0.4})
    assert negotiation_chance(sure, new_game(sure, 1), "pause") == 0.76
    assert negotiation_chance(sure, new_game(sure, 1), "pause", leverage=200) == 1.0
