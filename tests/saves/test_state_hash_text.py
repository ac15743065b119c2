"""`state_hash` is sha256 of the canonical snapshot (`canonical_json(state_to_dict(state))`),
whatever path builds the text: saves written before the fast path must still verify. States
here are random, including values of unexpected types, which must hash (or fail) exactly as
json.dumps does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import LocationState, hashing, state_hash, state_to_dict
from game.engine.hashing import canonical_json
from game.engine.state import Convoy, Counters, Day, Pending, Resources, RoadState, State, Transit
from game.scenario.model import Cargo, RoadStatus

_text = st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=0x2FFF), max_size=5)
_ints = st.integers(-(10**12), 10**12)
_floats = st.floats(-1e6, 1e6) | st.sampled_from([0.0, -0.0, 1e-7, 1e22, 0.1])
# a number where another type belongs: json writes it its own way, which the hash must follow
_odd = st.one_of(_ints, _floats, st.booleans())


def _locations(odd: bool):
    ints = _odd if odd else _ints
    floats = _odd if odd else _floats
    return st.builds(
        LocationState,
        id=_text,
        control=_text,
        residents=ints,
        sheltered=ints,
        unsheltered=ints,
        capacity=ints,
        tents=ints,
        en_route=ints,
        bombardment=floats,
        strike=floats,
        threat=floats,
        harmed=ints,
        encircled=st.booleans(),
        approaches=st.lists(st.tuples(_text, _text), max_size=2).map(tuple),
        open_exits=st.lists(_text, max_size=2).map(tuple),
    )


def _states(odd: bool = False):
    ints = _odd if odd else _ints
    floats = _odd if odd else _floats
    return st.builds(
        State,
        turn=ints,
        date=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
        seed=st.integers(0, 2**63 - 1),
        difficulty=st.none() | _text,
        event_odds=floats,
        locations=st.lists(_locations(odd), max_size=4).map(tuple),
        roads=st.lists(
            st.builds(
                RoadState,
                id=_text,
                status=st.sampled_from(RoadStatus),
                control=_text,
                bombardment=floats,
                strike_days=ints,
            ),
            max_size=3,
        ).map(tuple),
        resources=st.builds(Resources, funds=ints, trucks=ints, leverage=ints),
        counters=st.builds(Counters, killed=ints, harmed=ints, evacuated=ints),
        day=st.builds(Day, moved=ints, needs_covered_pct=floats),
        convoys=st.lists(
            st.builds(
                Convoy,
                id=ints,
                origin=_text,
                destination=_text,
                cargo=st.sampled_from(Cargo),
                trucks=ints,
                amount=ints,
                position=_text,
                route=st.lists(_text, max_size=2).map(tuple),
                km_left=floats,
            ),
            max_size=2,
        ).map(tuple),
        transit=st.lists(
            st.builds(
                Transit, road=_text, origin=_text, destination=_text, km_left=floats, people=ints
            ),
            max_size=2,
        ).map(tuple),
        pending=st.lists(
            st.builds(Pending, kind=_text, target=st.none() | _text, due_turn=ints), max_size=2
        ).map(tuple),
        fired=st.lists(st.tuples(_text, ints), max_size=3).map(tuple),
        diplomacy_bonus=floats,
        diplomacy_days=ints,
        next_convoy_id=ints,
        game_over=st.booleans() if not odd else _odd,
    )


def _expected(state: State) -> str:
    return hashlib.sha256(canonical_json(state_to_dict(state)).encode()).hexdigest()


@settings(max_examples=150, deadline=None)
@given(st.lists(_states(), min_size=1, max_size=3))
def test_state_hash_is_the_canonical_snapshot_hash(states):
    for state in states:
        assert state_hash(state) == _expected(state)


@settings(max_examples=150, deadline=None)
@given(st.lists(_states(odd=True), min_size=1, max_size=3))
def test_values_of_unexpected_types_hash_as_json_writes_them(states):
    for state in states:
        assert state_hash(state) == _expected(state)


@settings(max_examples=60, deadline=None)
@given(_states(), st.data())
def test_a_changed_place_or_record_is_encoded_again(state, data):
    """Pieces are reused by identity from the last state hashed: a state sharing most of its
    records with the previous one must still hash as its own snapshot."""
    state_hash(state)
    locations = list(state.locations)
    if locations:
        index = data.draw(st.integers(0, len(locations) - 1))
        locations[index] = locations[index]._replace(residents=locations[index].residents + 1)
    changed = dataclasses.replace(
        state,
        locations=tuple(locations),
        counters=dataclasses.replace(state.counters, killed=state.counters.killed + 1),
        fired=(*state.fired, ("later", 3)),
    )
    assert state_hash(changed) == _expected(changed)
    assert state_hash(state) == _expected(state)


@pytest.mark.parametrize("where", ["place", "top", "day"])
def test_non_finite_numbers_fail_as_json_does(where):
    state = State(
        turn=1,
        date=dt.date(2020, 1, 24),
        seed=1,
        difficulty=None,
        event_odds=1.0,
        locations=(LocationState("a", "b", 1, 2, 3, 4),),
        roads=(),
        resources=Resources(1, 2, 3),
        counters=Counters(),
    )
    if where == "place":
        state = dataclasses.replace(
            state, locations=(LocationState("a", "b", 1, 2, 3, 4, bombardment=float("nan")),)
        )
    elif where == "top":
        state = dataclasses.replace(state, diplomacy_bonus=float("inf"))
    else:
        state = dataclasses.replace(state, day=Day(needs_covered_pct=float("-inf")))
    with pytest.raises(ValueError):
        canonical_json(state_to_dict(state))
    with pytest.raises(ValueError):
        state_hash(state)


def test_clearing_the_fragments_makes_the_next_hash_cold(small_scenario):
    """The engine benchmark times a cold hash by clearing `hashing._FRAGMENTS`."""
    from game.engine import new_game

    state = new_game(small_scenario, 3)
    state_hash(state)
    hashing._FRAGMENTS.clear()
    assert state_hash(state) == _expected(state)
    assert hashing._FRAGMENTS, "the fast path keeps its pieces in _FRAGMENTS"
