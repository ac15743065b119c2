"""GameSession: orders, turns, autosaves, named saves, load by replay, branching."""

from __future__ import annotations

import errno
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.app.session import GameSession
from game.engine import state_hash
from game.errors import PathError, SaveError
from game.replay.desync import DesyncError
from game.saves import latest_autosave, read_save
from tests.saves.conftest import candidate_orders, play


@pytest.fixture
def session(small_scenario, tmp_path):
    return GameSession.new(small_scenario, 11, saves_dir=tmp_path / "saves", durable=False)


def test_new_session_starts_at_turn_zero(session):
    assert session.turn == 0 and session.history == [] and session.queued == ()
    assert session.state is session.initial_state


def test_queue_refuses_with_a_reason_and_unqueue(session, small_scenario):
    from game.engine.orders import LaunchAppeal, NegotiatePause

    assert session.queue(NegotiatePause("no_such_place")) is not None
    assert session.queued == ()
    assert session.queue(LaunchAppeal()) is None
    assert session.queue(LaunchAppeal()) == "the same order is already queued for this turn"
    assert session.queued == (LaunchAppeal(),)
    assert session.unqueue(0) == LaunchAppeal()
    assert session.queued == ()


def test_queue_counts_what_queued_orders_spend(session, small_scenario):
    from game.engine.orders import SendConvoy
    from game.scenario.model import Cargo

    convoy = SendConvoy("bab_al_hawa", "idlib", Cargo.FOOD, 5)
    reasons = [session.queue(convoy) for _ in range(100)]
    accepted = reasons.count(None)
    assert 0 < accepted < 100
    refusal = next(r for r in reasons if r is not None)
    assert "not enough" in refusal
    trucks = session.state.resources.trucks
    assert accepted * 5 <= trucks


def test_end_turn_records_state_events_hash_and_autosaves(session):
    from game.engine.orders import LaunchAppeal

    session.queue(LaunchAppeal())
    events = session.end_turn()
    assert session.turn == 1 and session.queued == ()
    record = session.history[0]
    assert record.orders == (LaunchAppeal(),)
    assert record.events == events == session.events_of(1)
    assert record.hash == state_hash(session.state)
    assert session.autosave_error is None
    autosave = latest_autosave(session.saves_dir)
    assert autosave == session.autosave_path
    saved = read_save(autosave)
    assert [t.hash for t in saved.turns] == [record.hash]
    assert saved.turns[0].orders == ({"kind": "appeal"},)
    assert len(session.figures()) == 1


def test_autosave_keeps_previous_generation(session):
    session.end_turn()
    session.end_turn()
    previous = session.autosave_path.with_name(
        session.autosave_path.name.replace(".jsonl", ".prev.jsonl")
    )
    assert len(read_save(session.autosave_path).turns) == 2
    assert len(read_save(previous).turns) == 1


def test_failed_autosave_keeps_the_turn_and_the_previous_file(session, monkeypatch):
    session.end_turn()
    before = session.autosave_path.read_bytes()
    from game.saves import atomic

    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full_disk)
    session.end_turn()
    assert session.turn == 2
    assert session.autosave_error is not None and "disk is full" in session.autosave_error.format()
    assert session.autosave_path.read_bytes() == before
    assert not [p for p in session.saves_dir.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    session.end_turn()
    assert session.autosave_error is None
    assert len(read_save(session.autosave_path).turns) == 3


def test_named_save_and_load_reproduce_the_game(session, small_scenario):
    candidates = candidate_orders(small_scenario)
    play(session, [[0, 3, 7], [1, 2], [], [5, 9, 11, 40]], candidates)
    path = session.save("before saraqeb")
    assert path == session.saves_dir / "before saraqeb.jsonl"
    loaded = GameSession.load(path, autosave=False)
    assert [r.hash for r in loaded.history] == [r.hash for r in session.history]
    assert [r.orders for r in loaded.history] == [r.orders for r in session.history]
    assert loaded.state == session.state
    assert loaded.to_bytes() == session.to_bytes() == path.read_bytes()
    assert loaded.scenario_path == session.scenario_path


@pytest.mark.parametrize("name", ["../x", "/tmp/x", "a/b", "..", "autosave-x"])
def test_named_save_cannot_leave_the_saves_dir(session, name, tmp_path):
    with pytest.raises(PathError):
        session.save(name)
    assert not (tmp_path / "x.jsonl").exists()


def test_branch_keeps_the_first_turns(session, small_scenario):
    candidates = candidate_orders(small_scenario)
    play(session, [[0], [1], [2], [3]], candidates)
    branch = session.branch(2, autosave=False)
    assert branch.turn == 2
    assert [r.hash for r in branch.history] == [r.hash for r in session.history[:2]]
    assert branch.state == session.history[1].state
    branch.end_turn()
    assert branch.turn == 3 and session.turn == 4
    reloaded = read_save(session.save_to(session.saves_dir / "b.jsonl"))
    assert len(reloaded.turns) == 4


def test_game_over_stops_turns(small_scenario, tmp_path):
    s = GameSession.new(small_scenario, 3, saves_dir=tmp_path, autosave=False)
    for _ in range(small_scenario.meta.turns + 5):
        s.end_turn()
    assert s.game_over
    assert s.turn <= small_scenario.meta.turns
    assert s.end_turn() == ()


def _rewrite(path, turn, **changes):
    """Rewrite a save with one turn's fields changed, keeping the file internally consistent
    (checksum recomputed): a desync, not a damaged file."""
    from dataclasses import replace

    from game.saves.format import encode_save

    data = read_save(path)
    turns = [replace(t, **changes) if t.turn == turn else t for t in data.turns]
    path.write_bytes(encode_save(data.header, data.scenario_text, turns))


def test_load_reports_desync_at_the_first_different_turn(session, small_scenario):
    candidates = candidate_orders(small_scenario)
    play(session, [[]] * 12, candidates)
    path = session.save_to(session.saves_dir / "d.jsonl")
    _rewrite(path, 10, orders=({"kind": "appeal"},))
    with pytest.raises(DesyncError) as info:
        GameSession.load(path, autosave=False)
    assert info.value.desync.turn == 10
    text = info.value.format()
    assert "desync at turn 10" in text
    assert "resources.funds" in text or "counters" in text  # turn 10 has a snapshot


def test_load_refuses_a_bad_order(session):
    session.end_turn()
    path = session.save_to(session.saves_dir / "o.jsonl")
    _rewrite(path, 1, orders=({"kind": "teleport"},))
    with pytest.raises(SaveError) as info:
        GameSession.load(path, autosave=False)
    assert "turn 1, order 1: unknown order kind 'teleport'" in info.value.format()
    assert info.value.diagnostics[0].line == 3


def test_saves_are_identical_across_sessions(small_scenario, tmp_path):
    candidates = candidate_orders(small_scenario)
    choices = [[i, i + 5] for i in range(8)]
    a = play(
        GameSession.new(small_scenario, 5, saves_dir=tmp_path, autosave=False), choices, candidates
    )
    b = play(
        GameSession.new(small_scenario, 5, saves_dir=tmp_path, autosave=False), choices, candidates
    )
    assert a.to_bytes() == b.to_bytes()
    first = json.loads(a.to_bytes().split(b"\n")[0])
    assert first["seed"] == 5 and first["scenario"]["id"] == "saves_fixture"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(min_value=0, max_value=2**63 - 1),
    choices=st.lists(st.lists(st.integers(min_value=0, max_value=10_000), max_size=6), max_size=25),
)
def test_property_save_load_replays_every_hash(small_scenario, tmp_path, seed, choices):
    candidates = candidate_orders(small_scenario)
    session = play(
        GameSession.new(small_scenario, seed, saves_dir=tmp_path, autosave=False),
        choices,
        candidates,
    )
    path = session.save_to(tmp_path / "p.jsonl")
    loaded = GameSession.load(path, autosave=False)
    assert [r.hash for r in loaded.history] == [r.hash for r in session.history]
    assert [state_hash(r.state) for r in loaded.history] == [r.hash for r in session.history]
    assert loaded.to_bytes() == path.read_bytes()


def test_loaded_autosave_goes_on_in_the_same_file(small_scenario, tmp_path):
    directory = tmp_path / "saves"
    first = GameSession.new(small_scenario, 8, saves_dir=directory, durable=False)
    first.end_turn()
    branch = first.branch(1)
    branch.end_turn()
    assert re.fullmatch(
        r"autosave-saves_fixture-8-from1-[0-9a-f]{8}\.jsonl", branch.autosave_path.name
    )
    resumed = GameSession.load(branch.autosave_path, durable=False)
    resumed.end_turn()
    assert resumed.autosave_path == branch.autosave_path
    assert len(read_save(branch.autosave_path).turns) == 3
    assert len(read_save(first.autosave_path).turns) == 1  # the original game is untouched
    elsewhere = GameSession.load(branch.autosave_path, saves_dir=tmp_path / "other")
    assert elsewhere.autosave_path.parent == tmp_path / "other"


def test_embedded_scenario_that_does_not_load(small_scenario, tmp_path):
    from game.saves.format import encode_save

    session = GameSession.new(small_scenario, 2, saves_dir=tmp_path, autosave=False)
    session.end_turn()
    data = read_save(session.save_to(tmp_path / "s.jsonl"))
    broken = "meta: [this is not a scenario\n"
    header = data.header
    from dataclasses import replace

    from game.saves.format import text_sha256

    header = replace(header, scenario=replace(header.scenario, sha256=text_sha256(broken)))
    (tmp_path / "b.jsonl").write_bytes(encode_save(header, broken, data.turns))
    with pytest.raises(SaveError) as info:
        GameSession.load(tmp_path / "b.jsonl", autosave=False)
    text = info.value.format()
    assert "embedded in this save does not load" in text
    assert len(info.value.diagnostics) >= 2  # the loader's own diagnostic follows


def test_embedded_scenario_errors_point_into_the_save_not_the_recorded_path(
    small_scenario, tmp_path
):
    """The text that failed is the one embedded on line 2: the diagnostics name the save and
    that line, and never the scenario file the header records (it may not even exist)."""
    from dataclasses import replace

    from game.replay.verify import verify_save
    from game.saves.format import encode_save, text_sha256

    session = GameSession.new(small_scenario, 2, saves_dir=tmp_path, autosave=False)
    session.end_turn()
    data = read_save(session.save_to(tmp_path / "s.jsonl"))
    broken = "meta:\n  id: x\n  title: a: b\n"
    ref = replace(data.header.scenario, path="/nowhere/recorded.yaml", sha256=text_sha256(broken))
    path = tmp_path / "b.jsonl"
    path.write_bytes(encode_save(replace(data.header, scenario=ref), broken, data.turns))
    for attempt in (
        lambda: GameSession.load(path, autosave=False),
        lambda: verify_save(path),
    ):
        with pytest.raises(SaveError) as info:
            attempt()
        first, *rest = info.value.diagnostics
        assert (first.file, first.line) == (str(path), 2)
        assert rest and all(d.file == f"{path} [embedded scenario]" for d in rest)
        assert rest[0].line == 3  # the stray colon, a line of the embedded text
        assert "recorded.yaml" not in info.value.format()


def test_difficulty_is_saved_and_replayed(tmp_path):
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    scenario = load_scenario(bundled_scenario())
    if not scenario.difficulties:
        pytest.skip("the bundled scenario has no difficulty presets")
    preset = scenario.difficulties[-1].id
    session = GameSession.new(scenario, 5, difficulty=preset, saves_dir=tmp_path, durable=False)
    for _ in range(3):
        session.end_turn()
    assert json.loads(session.to_bytes().split(b"\n")[0])["difficulty"] == preset
    loaded = GameSession.load(session.autosave_path, autosave=False)
    assert loaded.difficulty == preset and loaded.state == session.state


def test_autosave_never_writes_through_a_planted_link(small_scenario, tmp_path):
    directory = tmp_path / "saves"
    directory.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    session = GameSession.new(small_scenario, 12, saves_dir=directory, durable=False)
    session.autosave_path.symlink_to(outside)
    session.end_turn()  # the turn is played; the autosave is refused, not written through
    assert session.turn == 1
    assert session.autosave_error is not None and "symbolic link" in session.autosave_error.format()
    assert outside.read_text() == "keep me"


def test_unknown_difficulty_in_a_save_is_a_save_error(small_scenario, tmp_path):
    from dataclasses import replace

    from game.saves.format import encode_save

    session = GameSession.new(small_scenario, 2, saves_dir=tmp_path, autosave=False)
    session.end_turn()
    data = read_save(session.save_to(tmp_path / "s.jsonl"))
    header = replace(data.header, difficulty="impossible")
    (tmp_path / "d.jsonl").write_bytes(encode_save(header, data.scenario_text, data.turns))
    with pytest.raises(SaveError, match="difficulty 'impossible' is not one of"):
        GameSession.load(tmp_path / "d.jsonl", autosave=False)
