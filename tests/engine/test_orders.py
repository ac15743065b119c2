"""Orders: plain dicts for saves, costs, and the reasons a player sees for a refusal."""

from __future__ import annotations

import pytest

from game.engine import (
    Evacuate,
    ExpandShelter,
    LaunchAppeal,
    NegotiateCorridor,
    NegotiatePause,
    Rng,
    SendConvoy,
    check_order,
    new_game,
    order_cost,
    order_from_dict,
    order_to_dict,
    step,
)
from game.scenario.model import Cargo

ALL = [
    SendConvoy("idlib", "ariha", Cargo.FOOD, 5),
    ExpandShelter("atmeh", 1000),
    NegotiatePause("maaret"),
    NegotiateCorridor("maaret_kafr_nabl"),
    Evacuate("maaret", "maaret_kafr_nabl", 300),
    LaunchAppeal(),
]


@pytest.mark.parametrize("order", ALL, ids=lambda o: o.kind)
def test_dict_round_trip(order):
    data = order_to_dict(order)
    assert data["kind"] == order.kind
    assert order_from_dict(data) == order
    import json

    assert order_from_dict(json.loads(json.dumps(data))) == order


@pytest.mark.parametrize(
    "data, words",
    [
        ({"kind": "teleport"}, "unknown order kind"),
        (
            {"kind": "convoy", "origin": "a", "destination": "b", "cargo": "gold", "trucks": 1},
            "unknown cargo",
        ),
        ({"kind": "convoy", "origin": "a", "destination": "b", "cargo": "food"}, "needs 'trucks'"),
        ({"kind": "shelter", "location": "a", "places": "many"}, "whole number"),
        ({"kind": "shelter", "location": "a", "places": True}, "whole number"),
        ({"kind": "appeal", "extra": 1}, "unexpected field"),
        (["convoy"], "must be a mapping"),
    ],
)
def test_bad_dicts_give_readable_errors(data, words):
    with pytest.raises(ValueError, match=words):
        order_from_dict(data)


def test_valid_orders_are_accepted_at_the_start(scenario):
    state = new_game(scenario, 1)
    for order in [*ALL[:4], LaunchAppeal()]:
        assert check_order(scenario, state, order) is None, order


@pytest.mark.parametrize(
    "order, words",
    [
        (SendConvoy("ariha", "idlib", Cargo.FOOD, 5), "not an aid hub"),
        (SendConvoy("idlib", "khan_sheikhoun", Cargo.FOOD, 5), "held by attacking forces"),
        (SendConvoy("idlib", "nowhere", Cargo.FOOD, 5), "unknown destination"),
        (SendConvoy("idlib", "ariha", Cargo.FOOD, 0), "at least one truck"),
        (SendConvoy("idlib", "ariha", Cargo.FOOD, 50), "not enough trucks"),
        (ExpandShelter("bab_al_hawa", 100), "border crossing"),
        (ExpandShelter("maaret", 100), "encircled"),
        (ExpandShelter("atmeh", 10**6), "not enough funds"),
        (NegotiatePause("khan_sheikhoun"), "already held by the attacking side"),
        (NegotiateCorridor("saraqeb_aleppo"), "closed"),
        (Evacuate("maaret", "maaret_kafr_nabl", 100), "no corridor"),
        (Evacuate("ariha", "maaret_kafr_nabl", 100), "does not start"),
    ],
)
def test_refusals_say_why(scenario, order, words):
    reason = check_order(scenario, new_game(scenario, 1), order)
    assert reason is not None and words in reason


def test_convoy_cost_scales_with_trucks(scenario):
    state = new_game(scenario, 1)
    five = order_cost(scenario, state, SendConvoy("idlib", "ariha", Cargo.FOOD, 5))
    ten = order_cost(scenario, state, SendConvoy("idlib", "ariha", Cargo.FOOD, 10))
    assert (five.funds, five.trucks) == (10, 5)
    assert (ten.funds, ten.trucks) == (20, 10)


def test_shelter_cost_per_block(scenario):
    state = new_game(scenario, 1)
    one = order_cost(scenario, state, ExpandShelter("atmeh", 500))
    three = order_cost(scenario, state, ExpandShelter("atmeh", 1001))
    assert one.funds == 50 and three.funds == 150 and one.days == 3


def test_a_refused_order_costs_nothing_and_is_logged(scenario):
    state = new_game(scenario, 1)
    after, events = step(scenario, state, [SendConvoy("ariha", "idlib", Cargo.FOOD, 5)], Rng(1))
    assert (after.resources.funds, after.resources.trucks) == (
        state.resources.funds,
        state.resources.trucks,
    )
    refused = [e for e in events if e.kind == "refused"]
    assert refused and "not an aid hub" in refused[0].message


def test_orders_pay_in_sequence(scenario):
    state = new_game(scenario, 1)
    orders = [
        SendConvoy("idlib", "ariha", Cargo.FOOD, 30),
        SendConvoy("idlib", "ariha", Cargo.WATER, 30),
    ]
    after, events = step(scenario, state, orders, Rng(1))
    assert len([e for e in events if e.kind == "refused"]) == 1
    assert after.counters.convoys_sent == 1
