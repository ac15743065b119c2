"""The columns kept from turn to turn (game/engine/columns.py) are a pure memo: whatever path
built them (a fresh read, a patch of the last tuple's, the columns a turn publishes), they equal
the columns read afresh from the records, and games played interleaved give the same states as
games played one after the other."""

from __future__ import annotations

import dataclasses

import pytest

from game.engine import Rng, new_game, state_hash, step
from game.engine.columns import LocColumns, RoadColumns, loc_columns, road_columns
from game.engine.network import network
from game.engine.policies import POLICIES
from game.scenario.model import RoadStatus
from tests.engine.fixtures import make_scenario

_LOC_FIELDS = ("res", "shel", "uns", "enr", "hostile", "places", "special", "stocked")


def _assert_fresh(net, state) -> None:
    """The columns kept on `net` are those of `state`, equal to a fresh read."""
    cols = net.loc_columns
    assert cols.locations is state.locations
    fresh = LocColumns(state.locations, net.attackers)
    for name in _LOC_FIELDS:
        assert getattr(cols, name) == getattr(fresh, name), name
    rcols = net.road_columns
    assert rcols.roads is state.roads
    fresh_roads = RoadColumns(state.roads, RoadStatus.CLOSED)
    assert rcols.closed == fresh_roads.closed
    assert rcols.special == fresh_roads.special


@pytest.mark.parametrize(("seed", "policy"), [(1, "none"), (2, "random"), (3, "greedy")])
def test_published_columns_equal_a_fresh_read(seed, policy):
    scenario = make_scenario()
    net = network(scenario)
    state = new_game(scenario, seed)
    rng = Rng(seed)
    choose = POLICIES[policy]
    while not state.game_over:
        state, _ = step(scenario, state, choose(scenario, state), rng)
        _assert_fresh(net, state)


def test_patched_columns_equal_a_fresh_read():
    """A tuple that differs from the kept one in a few records (as orders make it) is patched;
    one that differs in most is read afresh; both equal a fresh read."""
    scenario = make_scenario()
    net = network(scenario)
    state = new_game(scenario, 1)
    rng = Rng(1)
    for _ in range(4):
        state, _ = step(scenario, state, [], rng)
    locs = list(state.locations)
    attacker = sorted(net.attackers)[0]
    locs[0] = dataclasses.replace(locs[0], control=attacker, tents=7, strike_days=2, strike=0.5)
    locs[-1] = dataclasses.replace(locs[-1], sheltered=locs[-1].sheltered + 3, food=10)
    changed = tuple(locs)
    cols = loc_columns(net, changed)
    fresh = LocColumns(changed, net.attackers)
    for name in _LOC_FIELDS:
        assert getattr(cols, name) == getattr(fresh, name), name
    assert cols.hostile[0] and 0 in cols.special and 0 in cols.stocked
    rebuilt = tuple(dataclasses.replace(loc) for loc in changed)  # every record another object
    cols = loc_columns(net, rebuilt)
    assert cols.locations is rebuilt
    for name in _LOC_FIELDS:
        assert getattr(cols, name) == getattr(fresh, name), name
    roads = list(state.roads)
    roads[0] = dataclasses.replace(roads[0], status=RoadStatus.CLOSED, corridor_days=3)
    rcols = road_columns(net, tuple(roads), RoadStatus.CLOSED)
    assert rcols.closed == RoadColumns(tuple(roads), RoadStatus.CLOSED).closed
    assert 0 in rcols.special


def test_interleaved_games_match_games_played_alone():
    """Two games of the same scenario stepped in turn (the kept columns switch between their
    states every call) end in the same states as each played alone."""
    scenario = make_scenario()

    def alone(seed: int, policy: str) -> list[str]:
        state, rng, out = new_game(scenario, seed), Rng(seed), []
        while not state.game_over:
            state, _ = step(scenario, state, POLICIES[policy](scenario, state), rng)
            out.append(state_hash(state))
        return out

    expected_a, expected_b = alone(4, "random"), alone(5, "shelter")
    a, b = new_game(scenario, 4), new_game(scenario, 5)
    rng_a, rng_b = Rng(4), Rng(5)
    got_a: list[str] = []
    got_b: list[str] = []
    while not (a.game_over and b.game_over):
        if not a.game_over:
            a, _ = step(scenario, a, POLICIES["random"](scenario, a), rng_a)
            got_a.append(state_hash(a))
        if not b.game_over:
            b, _ = step(scenario, b, POLICIES["shelter"](scenario, b), rng_b)
            got_b.append(state_hash(b))
    assert got_a == expected_a
    assert got_b == expected_b
