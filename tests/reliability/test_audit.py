"""The conservation audit (game/replay/audit.py): it holds for any seed and orders, each of its
checks fires on a state that breaks it, and `corridor replay --verify` runs it on every turn."""

from __future__ import annotations

import dataclasses
import functools
import json

import pytest
from hypothesis import strategies as st

from game.app.session import GameSession
from game.cli import main
from game.engine import Event, Rng, new_game, step
from game.engine.orders import Evacuate
from game.replay import audit
from game.replay.audit import audit_game, audit_start, audit_turn, total_people
from game.scenario import load_scenario
from tests.reliability.conftest import LONG_EXAMPLES, harness
from tests.reliability.support import IDLIB, record, small_scenario
from tests.saves.conftest import candidate_orders


@pytest.fixture(scope="module")
def small():
    return small_scenario()


@functools.cache
def _idlib():
    return load_scenario(IDLIB)


@pytest.fixture(scope="module")
def idlib():
    return _idlib()


def play(scenario, seed, choices, candidates):
    """Play a game choosing orders by index (refused ones are recorded as refused); returns
    the initial state and the (state, events) of every turn."""
    state = new_game(scenario, seed)
    initial = state
    rng = Rng(seed)
    turns = []
    for picks in choices:
        if state.game_over:
            break
        orders = [candidates[i % len(candidates)] for i in picks]
        state, events = step(scenario, state, orders, rng)
        turns.append((state, events))
    return initial, turns


ORDERS = st.lists(
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=5), min_size=1, max_size=40
)
AUDIT_LONG = max(1, LONG_EXAMPLES // 5)  # whole games: a fifth of the fuzzing count
GAMES = st.tuples(st.integers(0, 2**63 - 1), ORDERS)


def _small_game(game) -> None:
    scenario = small_scenario()
    initial, turns = play(scenario, game[0], game[1], candidate_orders(scenario))
    assert audit_game(scenario, initial, turns) == []
    record("audit/small", "sound")


test_audit_holds_for_random_seeds_and_orders_small, test_audit_small_long = harness(
    GAMES, quick=30, long=AUDIT_LONG
)(_small_game)


def _idlib_game(game) -> None:
    scenario = _idlib()
    initial, turns = play(scenario, game[0], game[1], candidate_orders(scenario))
    assert audit_game(scenario, initial, turns) == []
    record("audit/idlib", "sound")


test_audit_holds_for_random_seeds_and_orders_idlib, test_audit_idlib_long = harness(
    GAMES, quick=30, long=AUDIT_LONG
)(_idlib_game)


@pytest.mark.parametrize("policy", ["none", "greedy", "convoys", "shelter", "diplomacy", "random"])
def test_audit_holds_for_the_built_in_policies(idlib, policy):
    from game.engine.simulate import run_game

    record = run_game(idlib, 7, policy)
    turns = list(zip(record.states, record.events, strict=True))
    assert audit_game(idlib, record.initial, turns) == []
    assert total_people(record.final) == sum(loc.population for loc in idlib.locations)


def test_evacuations_are_conserved(small):
    """An accepted evacuation (through a corridor already agreed) moves people between places
    without a departure event."""
    state = new_game(small, 1)
    road = small.roads_at("saraqeb")[0]
    roads = tuple(
        dataclasses.replace(r, corridor_days=3) if r.id == road.id else r for r in state.roads
    )
    state = dataclasses.replace(state, roads=roads)
    order = Evacuate("saraqeb", road.id, 500)
    after, events = step(small, state, [order], Rng(1))
    assert after.counters.evacuated == 500, [e.message for e in events]
    assert audit_turn(small, state, after, events) == []


# --- each check can fail -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def turn(small):
    """One sound turn of the small scenario: (before, after, events)."""
    before = new_game(small, 3)
    rng = Rng(3)
    for _ in range(3):
        before, _ = step(small, before, [], rng)
    after, events = step(small, before, [], rng)
    assert audit_turn(small, before, after, events) == []
    return before, after, events


def _with_location(state, index, **changes):
    locations = list(state.locations)
    locations[index] = dataclasses.replace(locations[index], **changes)
    return dataclasses.replace(state, locations=tuple(locations))


def _busiest(state) -> int:
    return max(range(len(state.locations)), key=lambda i: state.locations[i].residents)


def test_audit_catches_a_person_vanishing(small, turn):
    before, after, events = turn
    i = _busiest(after)
    broken = _with_location(after, i, residents=after.locations[i].residents - 1)
    problems = audit_turn(small, before, broken, events)
    assert any("population not conserved: -1 people" in p for p in problems), problems


def test_audit_catches_people_appearing_from_nowhere(small, turn):
    before, after, events = turn
    i = _busiest(after)
    broken = _with_location(after, i, residents=after.locations[i].residents + 250)
    assert any("+250 people" in p for p in audit_turn(small, before, broken, events))


def test_audit_catches_a_death_without_a_harm_event(small, turn):
    before, after, events = turn
    i = _busiest(after)
    broken = _with_location(after, i, residents=after.locations[i].residents - 5)
    broken = dataclasses.replace(
        broken, counters=dataclasses.replace(after.counters, killed=after.counters.killed + 5)
    )
    problems = audit_turn(small, before, broken, events)
    assert not any("not conserved" in p for p in problems)  # the count adds up ...
    assert any("counted killed but the harm events record" in p for p in problems)  # ... no cause


def test_audit_catches_a_harm_event_dropped_from_the_log(small, idlib):
    state = new_game(idlib, 2)
    rng = Rng(2)
    for _ in range(8):
        after, events = step(idlib, state, [], rng)
        harm = [e for e in events if e.kind == "harm" and e.figures.get("killed")]
        if harm:
            kept = tuple(e for e in events if e is not harm[0])
            problems = audit_turn(idlib, state, after, kept)
            assert any("harm events record" in p for p in problems), problems
            return
        state = after
    pytest.fail("no deaths in eight turns of the Idlib baseline")


def test_audit_catches_negative_pools_and_empty_groups(small, turn):
    before, after, events = turn
    broken = _with_location(after, 0, unsheltered=-3, residents=after.locations[0].residents + 3)
    problems = audit_turn(small, before, broken, events)
    assert any("unsheltered is negative" in p for p in problems)
    assert audit.check_pools(broken)


def test_audit_catches_a_change_in_a_place_with_no_recorded_cause(small):
    """Move people between two places that are not connected on a quiet turn (no events)."""
    state = new_game(small, 1)
    quiet: tuple[Event, ...] = ()
    ids = [loc.id for loc in state.locations]
    far_a, far_b = ids.index("khan_sheikhoun"), ids.index("atmeh_camps")
    moved = _with_location(state, far_a, residents=state.locations[far_a].residents - 100)
    moved = _with_location(moved, far_b, residents=state.locations[far_b].residents + 100)
    problems = audit_turn(small, state, moved, quiet)
    assert any("khan_sheikhoun: 100 people gone" in p for p in problems), problems
    assert any("atmeh_camps: 100 people appeared" in p for p in problems), problems
    assert not any("not conserved" in p for p in problems)


def test_audit_catches_counters_that_disagree_with_events(small, turn):
    before, after, events = turn
    counters = dataclasses.replace(
        after.counters,
        displaced_in_game=after.counters.displaced_in_game + 7,
        localities_taken=after.counters.localities_taken + 1,
    )
    problems = audit_turn(small, before, dataclasses.replace(after, counters=counters), events)
    assert any("displaced in game grew" in p for p in problems)
    assert any("localities were counted taken" in p for p in problems)


def test_audit_start_catches_a_wrong_starting_population(small):
    state = new_game(small, 1)
    assert audit_start(small, state) == []
    broken = _with_location(state, 0, residents=state.locations[0].residents + 1)
    assert any("the scenario has" in p for p in audit_start(small, broken))


# --- replay --verify runs the audit -------------------------------------------------------------


def test_replay_verify_runs_the_audit_on_every_turn(small, tmp_path, capsys, monkeypatch):
    session = GameSession.new(small, 4, saves_dir=tmp_path, autosave=False)
    for _ in range(6):
        session.end_turn()
    path = session.save_to(tmp_path / "game.jsonl")
    assert main(["replay", "--verify", str(path)]) == 0
    assert "OK: 6 turns replayed" in capsys.readouterr().out

    seen = []

    def spy(scenario, before, after, events):
        seen.append(after.turn)
        return audit_turn(scenario, before, after, events)

    monkeypatch.setattr(audit, "audit_turn", spy)
    assert main(["replay", "--verify", str(path)]) == 0
    assert seen == [1, 2, 3, 4, 5, 6]


def test_replay_verify_fails_when_the_engine_loses_people(small, tmp_path, capsys, monkeypatch):
    """An engine that loses a person on turn 3 writes hashes that replay consistently: only
    the audit can tell. Verify reports it and exits 1."""
    import game.app.session as session_module
    import game.replay.resimulate as replay_module

    real_step = step

    def leaky(scenario, state, orders, rng):
        after, events = real_step(scenario, state, orders, rng)
        if after.turn == 3:
            i = _busiest(after)
            after = _with_location(after, i, residents=after.locations[i].residents - 1)
        return after, events

    monkeypatch.setattr(session_module, "step", leaky)
    monkeypatch.setattr(replay_module, "step", leaky)
    session = GameSession.new(small, 4, saves_dir=tmp_path, autosave=False)
    for _ in range(5):
        session.end_turn()
    path = session.save_to(tmp_path / "leaky.jsonl")
    assert main(["replay", "--verify", str(path)]) == 1
    err = capsys.readouterr().err
    assert "turn 3: population not conserved: -1 people" in err
    first = json.loads(path.read_text().splitlines()[0])
    assert first["kind"] == "corridor-save"
