"""Means through the campaign and choices in it: funds over days, appeals in tranches,
supplies, trucks held, relocation, escorts, dilemmas, odds fixed at the order, and orders that
would land after the last turn (issue 19)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from game.engine import Rng, new_game, step
from game.engine.diplomacy import negotiation_chance
from game.engine.orders import (
    ChooseOption,
    ExpandShelter,
    LaunchAppeal,
    NegotiatePause,
    SendConvoy,
    check_order,
    order_from_dict,
    order_to_dict,
)
from game.engine.supplies import tranches
from game.scenario.model import (
    Cargo,
    DilemmaOption,
    Diplomacy,
    Escort,
    EventKind,
    Funds,
    HoldTrucks,
    OrderCost,
    Relocate,
    Stock,
    TimelineEvent,
)
from tests.engine.fixtures import A, make_scenario

START = dt.date(2020, 1, 24)


def _event(eid, day, *effects, **kw):
    kind = kw.pop("kind", EventKind.STATEMENT)
    return TimelineEvent(
        id=eid,
        kind=kind,
        title=eid,
        source=A,
        date=START + dt.timedelta(days=day),
        effects=tuple(effects),
        **kw,
    )


def _play(scenario, turns, orders=None, seed=1, state=None):
    state = state or new_game(scenario, seed)
    rng = Rng(seed)
    log = []
    for _ in range(turns):
        state, events = step(scenario, state, (orders or {}).get(state.turn + 1, []), rng)
        log.append(events)
    return state, log


def test_tranches_split_exactly():
    assert tranches(1000, 3) == [334, 333, 333]
    assert sum(tranches(7, 5)) == 7 and max(tranches(7, 5)) - min(tranches(7, 5)) <= 1
    assert tranches(50, 1) == [50]


def test_funds_arrive_over_days():
    scenario = make_scenario(timeline=(_event("allocation", 1, Funds(900, 3)),))
    state = new_game(scenario, 1)
    funds = [state.resources.funds]
    rng = Rng(1)
    for _ in range(4):
        state, _ = step(scenario, state, (), rng)
        funds.append(state.resources.funds)
    assert [b - a for a, b in itertools.pairwise(funds)] == [0, 300, 300, 300]


def test_an_appeal_pays_in_tranches_and_one_at_a_time():
    scenario = make_scenario(timeline=(), model={"appeal_days": 3, "appeal_funds": 90})
    state, _ = _play(scenario, 1, {1: [LaunchAppeal()]})
    assert check_order(scenario, state, LaunchAppeal()) == "an appeal is already under way"
    funds = [state.resources.funds]
    rng = Rng(1)
    for _ in range(7):
        state, _ = step(scenario, state, (), rng)
        funds.append(state.resources.funds)
    gains = [b - a for a, b in itertools.pairwise(funds)]
    assert gains == [0, 0, 0, 30, 30, 30, 0]  # the cost's 4 days, then three tranches


def test_orders_that_would_land_after_the_end_are_refused():
    scenario = make_scenario(timeline=(), turns=6)
    state, _ = _play(scenario, 3)  # planning turn 4 of 6
    appeal = check_order(scenario, state, LaunchAppeal())  # answer on turn 8
    assert appeal is not None and "after the last day" in appeal and "29 Jan" in appeal
    assert "ready on" not in appeal and "first money would arrive on 31 Jan" in appeal
    shelter = check_order(scenario, state, ExpandShelter("idlib", 500))  # ready on turn 7
    assert shelter is not None and "the places would be ready on 30 Jan" in shelter
    assert check_order(scenario, state, NegotiatePause("saraqeb")) is None  # answer on turn 5


def test_supplies_trucks_held_and_relocation():
    scenario = make_scenario(
        timeline=(
            _event(
                "help",
                1,
                Stock("saraqeb", food=1000, water=500, tents=200),
                HoldTrucks(25, 2),
                Relocate("kafr_nabl", "atmeh", 600, 600),
            ),
        )
    )
    before = new_game(scenario, 1)
    state, _ = _play(scenario, 2, state=before)
    assert state.resources.trucks == before.resources.trucks - 25
    saraqeb = state.location("saraqeb")
    assert 190 <= saraqeb.tents <= 200  # tents wear a little each day
    assert state.counters.reached_person_days > 0  # the food and water were handed out
    assert state.location("atmeh").capacity == before.location("atmeh").capacity + 600
    assert state.population == before.population - state.counters.killed
    state, _ = _play(scenario, 2, state=state)
    assert state.resources.trucks == before.resources.trucks  # back after two days


def test_an_escort_spares_convoys_but_costs_negotiations_odds():
    escort = _event("escort", 0, Escort(days=5, strike_factor=0.0, odds_penalty=0.2))
    scenario = make_scenario(timeline=(escort,))
    state, _ = _play(scenario, 1)
    plain = make_scenario(timeline=())
    base, _ = _play(plain, 1)
    assert state.escort_days == 4
    with_escort = negotiation_chance(scenario, state, "pause")
    assert with_escort == pytest.approx(negotiation_chance(plain, base, "pause") - 0.2)


def _dilemma(default="wait"):
    return _event(
        "choice",
        1,
        kind=EventKind.DILEMMA,
        prompt="Send supplies or wait?",
        default=default,
        expires_days=1,
        options=(
            DilemmaOption(
                "send",
                "Send",
                "Saraqeb is supplied.",
                A,
                OrderCost(funds=100),
                (Stock("saraqeb", food=5000),),
            ),
            DilemmaOption("wait", "Wait", "Nothing changes.", A),
        ),
    )


def test_a_dilemma_opens_and_the_player_chooses_by_order():
    scenario = make_scenario(timeline=(_dilemma(),))
    state, log = _play(scenario, 2)
    assert state.open_dilemmas == (("choice", 3),)
    assert any(e.kind == "dilemma" and "Send supplies or wait?" in e.message for e in log[1])
    order = ChooseOption("choice", "send")
    assert order_from_dict(order_to_dict(order)) == order
    assert check_order(scenario, state, ChooseOption("choice", "fly")) is not None
    funds = state.resources.funds
    state, events = step(scenario, state, [order], Rng(1))
    assert state.open_dilemmas == ()
    assert state.resources.funds == funds - 100
    assert any("You chose: Send" in e.message for e in events)
    assert check_order(scenario, state, order) == "no decision 'choice' is open now"


def test_without_a_choice_the_default_holds():
    scenario = make_scenario(timeline=(_dilemma(),))
    state, log = _play(scenario, 3)
    assert state.open_dilemmas == ()
    assert any("No choice was made" in e.message and "wait holds" in e.message for e in log[2])


def test_the_odds_shown_are_the_odds_rolled_even_when_pressure_fades():
    """International pressure that ends before the answer does not change the odds: they are
    fixed when the talks open (the log of the answer states them)."""
    pressure = _event("statement", 0, Diplomacy(bonus=0.3, days=1))
    scenario = dataclasses.replace(
        make_scenario(timeline=(pressure,)),
        player=dataclasses.replace(
            make_scenario().player,
            costs={**make_scenario().player.costs, "pause": OrderCost(leverage=15, days=3)},
        ),
    )
    state, _ = _play(scenario, 1)
    shown = negotiation_chance(scenario, state, "pause")
    state, _ = _play(scenario, 1, {2: [NegotiatePause("saraqeb")]}, state=state)
    (item,) = [p for p in state.pending if p.kind == "pause"]
    assert item.odds == pytest.approx(shown, abs=1e-4)
    state, log = _play(scenario, 3, state=state)
    answers = [e for turn in log for e in turn if e.kind == "negotiation"]
    assert len(answers) == 1 and answers[0].figures["odds"] == round(shown, 2)
    assert f"the chance was {round(100 * shown)}%" in answers[0].message


def test_talks_for_a_town_that_falls_first_are_void_and_say_so():
    scenario = make_scenario()
    _, log = _play(scenario, 6, {3: [NegotiatePause("kfar_roummah")]})
    lines = [e.message for turn in log for e in turn if e.kind == "negotiation"]
    assert lines and all(("void" in m) or ("chance was" in m) for m in lines)


def test_a_convoy_can_still_be_sent_near_the_end_with_its_trucks():
    scenario = make_scenario(timeline=(), turns=4)
    state, _ = _play(scenario, 3)
    assert check_order(scenario, state, SendConvoy("idlib", "saraqeb", Cargo.FOOD, 5)) is None


def _with_corridor(state, road_id):
    roads = tuple(
        dataclasses.replace(r, corridor_days=3) if r.id == road_id else r for r in state.roads
    )
    return dataclasses.replace(state, roads=roads)


@pytest.mark.parametrize("reach", [0.0, 100.0])
def test_evacuees_are_taken_on_to_shelter_beyond_the_corridor(reach):
    from game.engine.diplomacy import apply_orders
    from game.engine.orders import Evacuate

    scenario = make_scenario(timeline=(), model={"evacuation_range_km": reach})
    state = _with_corridor(new_game(scenario, 1), "maaret_kafr_nabl")
    after, events = apply_orders(scenario, state, [Evacuate("maaret", "maaret_kafr_nabl", 1000)])
    sheltered = sum(loc.sheltered for loc in after.locations) - sum(
        loc.sheltered for loc in state.locations
    )
    kafr_nabl = after.location("kafr_nabl")
    free_there = 1500 - 1000
    if reach:
        assert sheltered == 1000 - (
            state.location("maaret").sheltered - after.location("maaret").sheltered
        )
        assert kafr_nabl.unsheltered == state.location("kafr_nabl").unsheltered
        assert "find shelter in" in events[-1].message
    else:
        assert kafr_nabl.sheltered == state.location("kafr_nabl").sheltered + free_there
        assert kafr_nabl.unsheltered == state.location("kafr_nabl").unsheltered + 1000 - free_there
    assert after.population == state.population
