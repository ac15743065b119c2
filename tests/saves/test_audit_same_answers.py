"""The conservation audit reads only the places that changed since the state it read before
(replay --verify audits every turn of long games); it must report exactly what the
straightforward audit reports, for sound turns and for broken ones, in any order of calls."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from game.replay import audit
from game.engine import Event, Rng, new_game, step
from tests.saves import audit_reference as reference
from tests.saves.conftest import SMALL, candidate_orders


def _scenario():
    from game.scenario import load_scenario

    return load_scenario(SMALL)


SCENARIO = _scenario()
CANDIDATES = candidate_orders(SCENARIO)


def _game(seed: int, picks: list[list[int]]):
    state = new_game(SCENARIO, seed)
    rng = Rng(seed)
    turns = [(state, ())]
    for chosen in picks:
        if state.game_over:
            break
        orders = [CANDIDATES[i % len(CANDIDATES)] for i in chosen]
        state, events = step(SCENARIO, state, orders, rng)
        turns.append((state, events))
    return turns


def _place(state, index, **changes):
    locations = list(state.locations)
    locations[index] = locations[index]._replace(**changes)
    return dataclasses.replace(state, locations=tuple(locations))


def _broken(before, after, events, draw):
    """`after` and `events` with one thing wrong (or reordered: still sound, read by id)."""
    n = len(after.locations)
    index = draw(st.integers(0, n - 1))
    loc = after.locations[index]
    how = draw(st.sampled_from(range(10)))
    if how == 0:
        return _place(after, index, residents=loc.residents - draw(st.integers(1, 50))), events
    if how == 1:
        return _place(after, index, unsheltered=loc.unsheltered + 7), events
    if how == 2:
        return _place(after, index, harmed=loc.harmed + draw(st.integers(-5, 5))), events
    if how == 3:
        return _place(after, index, en_route=loc.unsheltered + 1, residents=-1), events
    if how == 4:  # the same places in another order
        order = draw(st.permutations(range(n)))
        return dataclasses.replace(
            after, locations=tuple(after.locations[i] for i in order)
        ), events
    if how == 5:  # a place twice, another missing
        other = (index + 1) % n
        locations = list(after.locations)
        locations[other] = locations[index]
        return dataclasses.replace(after, locations=tuple(locations)), events
    if how == 6:  # a place dropped
        return dataclasses.replace(
            after, locations=after.locations[:index] + after.locations[index + 1 :]
        ), events
    if how == 7 and events:  # an event dropped
        drop = draw(st.integers(0, len(events) - 1))
        return after, events[:drop] + events[drop + 1 :]
    if how == 8:  # a harm event nobody counted
        extra = Event(
            turn=after.turn,
            date=after.date,
            kind="harm",
            place=loc.id,
            cause="test",
            message="test",
            figures={"harmed": 3, "killed": 1},
        )
        return after, (*events, extra)
    # a place renamed: the same positions no longer hold the same ids
    return _place(after, index, id=loc.id + "_x"), events


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 2**32),
    st.lists(st.lists(st.integers(0, 10_000), max_size=4), min_size=1, max_size=12),
    st.data(),
)
def test_the_audit_reports_what_the_straightforward_audit_reports(seed, picks, data):
    turns = _game(seed, picks)
    assert audit.audit_start(SCENARIO, turns[0][0]) == reference.audit_start(SCENARIO, turns[0][0])
    for (before, _), (after, events) in pairwise(turns):
        expected = reference.audit_turn(SCENARIO, before, after, events)
        assert audit.audit_turn(SCENARIO, before, after, events) == expected
        if data.draw(st.booleans()):
            broken, broken_events = _broken(before, after, tuple(events), data.draw)
            found = audit.audit_turn(SCENARIO, before, broken, broken_events)
            assert found == reference.audit_turn(SCENARIO, before, broken, broken_events)
            # and the turn after it, read from the broken state's places
            assert audit.check_pools(broken) == reference.check_pools(broken)
            assert audit.audit_turn(SCENARIO, broken, after, events) == reference.audit_turn(
                SCENARIO, broken, after, events
            )
        assert audit.audit_turn(SCENARIO, before, after, events) == expected


def test_a_broken_place_is_reported_every_turn_it_stays_broken():
    """Problems of a place are remembered with the place: an unchanged broken place is
    reported again, not skipped as already read."""
    turns = _game(4, [[0], [], []])
    before, after = turns[0][0], turns[1][0]
    broken = _place(after, 0, residents=-5)
    first = audit.audit_turn(SCENARIO, before, broken, turns[1][1])
    again = audit.audit_turn(SCENARIO, broken, broken, ())
    assert any("residents is negative" in p for p in first)
    assert any("residents is negative" in p for p in again)
    assert again == reference.audit_turn(SCENARIO, broken, broken, ())
