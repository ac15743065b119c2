"""The save writer keeps snapshots within a budget (a quarter of the reader's 64 MiB cap), so
that any save the game writes loads again: past the budget the interval between snapshots
doubles and the snapshots off it are dropped. Seeking and replaying need no snapshot."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from game.app.session import GameSession
from game.errors import SaveError
from game.replay.verify import verify_save
from game.saves.format import (
    MAX_SAVE_BYTES,
    SNAPSHOT_BUDGET,
    SaveBuilder,
    encode_turn,
)
from game.saves.reader import read_save
from tests.saves.conftest import candidate_orders, play

TURNS = 40


def _snapshot_sizes(path) -> dict[int, int]:
    """Each saved snapshot's bytes in the file (its line with it less its line without)."""
    sizes = {}
    for line in read_save(path).turns:
        if line.snapshot is not None:
            whole = encode_turn(line)
            sizes[line.turn] = len(whole) - len(encode_turn(replace(line, snapshot=None)))
    return sizes


def _game(small_scenario, tmp_path, **options) -> GameSession:
    session = GameSession.new(
        small_scenario, 11, saves_dir=tmp_path / "saves", autosave=False, **options
    )
    return play(session, [[i * 7, i + 2] for i in range(TURNS)], candidate_orders(small_scenario))


@pytest.fixture(scope="module")
def unbounded(small_scenario, tmp_path_factory):
    """A game with a snapshot every turn and no budget to speak of: the reference."""
    tmp = tmp_path_factory.mktemp("unbounded")
    session = _game(small_scenario, tmp, snapshot_every=1)
    path = session.save_to(tmp / "all.jsonl")
    return session, path, _snapshot_sizes(path)


def test_every_snapshot_is_kept_within_the_budget(unbounded):
    session, path, sizes = unbounded
    assert sorted(sizes) == list(range(1, session.turn + 1))
    assert read_save(path).header.snapshot_every == 1


@pytest.mark.parametrize("share", [1.5, 5.5, 12.2])
def test_past_the_budget_snapshots_are_thinned_out(small_scenario, tmp_path, unbounded, share):
    original, _, sizes = unbounded
    budget = int(share * max(sizes.values()))
    session = _game(small_scenario, tmp_path, snapshot_every=1, snapshot_budget=budget)
    path = session.save_to(tmp_path / "thin.jsonl")
    kept = _snapshot_sizes(path)
    every = read_save(path).header.snapshot_every
    assert sum(kept.values()) <= budget
    assert every > 1 and every & (every - 1) == 0  # doubled from 1
    assert kept and all(turn % every == 0 for turn in kept)
    # the interval is the shortest that fits: half of it would have been over the budget
    half = every // 2
    assert sum(sizes[t] for t in sizes if t % half == 0) > budget
    # the same snapshots as the unbounded game at those turns; the file loads and verifies
    data = read_save(path)
    reference = {line.turn: line.snapshot for line in read_save(unbounded[1]).turns}
    assert all(line.snapshot == reference[line.turn] for line in data.turns if line.snapshot)
    assert verify_save(path).ok
    loaded = GameSession.load(path, autosave=False)
    assert [r.hash for r in loaded.history] == [r.hash for r in original.history]
    assert loaded.snapshot_every == every  # a continued game keeps the thinned interval


def test_a_snapshot_larger_than_the_budget_means_none(small_scenario, tmp_path, unbounded):
    _, _, sizes = unbounded
    session = _game(small_scenario, tmp_path, snapshot_budget=min(sizes.values()) - 1)
    path = session.save_to(tmp_path / "none.jsonl")
    assert _snapshot_sizes(path) == {}
    assert read_save(path).header.snapshot_every == 0
    assert verify_save(path).ok


def test_a_branch_and_autosaves_keep_the_budget(small_scenario, tmp_path, unbounded):
    _, _, sizes = unbounded
    budget = 3 * max(sizes.values())
    session = GameSession.new(
        small_scenario, 11, saves_dir=tmp_path, snapshot_every=2, snapshot_budget=budget
    )
    play(session, [[i] for i in range(TURNS)], candidate_orders(small_scenario))
    assert sum(_snapshot_sizes(session.autosave_path).values()) <= budget
    branch = session.branch(30, autosave=False)
    path = branch.save_to(tmp_path / "branch.jsonl")
    assert sum(_snapshot_sizes(path).values()) <= budget and verify_save(path).ok


def test_headless_saves_keep_the_budget(small_scenario, tmp_path, unbounded):
    from game.app.headless import write_record
    from game.engine.simulate import run_game

    _, _, sizes = unbounded
    budget = 4 * max(sizes.values())
    record = run_game(small_scenario, 5, "random")
    path = write_record(record, tmp_path / "h.jsonl", snapshot_every=1, snapshot_budget=budget)
    kept = _snapshot_sizes(path)
    assert kept and sum(kept.values()) <= budget and len(kept) < record.turns
    assert verify_save(path).ok


def test_the_default_budget_is_a_quarter_of_the_largest_save():
    assert SNAPSHOT_BUDGET == MAX_SAVE_BYTES // 4
    assert SaveBuilder.__init__.__kwdefaults__["max_bytes"] == MAX_SAVE_BYTES


def test_a_save_too_large_to_load_is_refused_not_written(small_scenario, tmp_path):
    candidates = candidate_orders(small_scenario)
    session = play(GameSession.new(small_scenario, 3, autosave=False), [[0]] * 5, candidates)
    path = session.save_to(tmp_path / "game.jsonl")
    before = path.read_bytes()
    play(session, [[1]], candidates)
    session._builder.max_bytes = len(before) + 10  # the next turn's line takes it over
    with pytest.raises(SaveError) as caught:
        session.save_to(path)
    message = caught.value.diagnostics[0]
    assert "more than the" in message.message and message.file == str(path)
    assert "previous save is unchanged" in message.hint
    assert path.read_bytes() == before
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


async def test_seeking_works_in_a_save_without_snapshots(small_scenario, tmp_path):
    """The replay viewer seeks by replaying, so a save whose snapshots were all dropped seeks
    as well as one that has them."""
    from game.ui.screens.replay import ReplayScreen, replay_app

    original = _game(small_scenario, tmp_path, snapshot_budget=0)
    path = original.save_to(tmp_path / "bare.jsonl")
    assert _snapshot_sizes(path) == {}
    loaded = GameSession.load(path, autosave=False)
    app = replay_app(loaded, saves_dir=tmp_path / "saves")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("Input").value = "28"  # turn 28: the game after 27 turns
        await pilot.press("enter")
        await pilot.pause()
        assert screen.replay.position == 27
        assert screen.view.state == original.state_at(27)
        await pilot.press("b", "end")
        assert screen.view.state == original.state_at(original.turn)


@pytest.mark.slow
def test_a_long_game_on_a_country_sized_map_saves_and_loads(tmp_path, capsys):
    """The case that was 72 MB: 200 turns of a generated 6,000-place country with a snapshot
    every 10 turns (1.3 minutes of CPU here, up to 4 on a loaded machine)."""
    from game.cli import main

    scenario = tmp_path / "syn.yaml"
    save = tmp_path / "syn.jsonl"
    assert main(["generate", "--locations", "6000", "--seed", "1", "-o", str(scenario)]) == 0
    assert main(["simulate", str(scenario), "--turns", "200", "--save", str(save)]) == 0
    size = save.stat().st_size
    kept = _snapshot_sizes(save)
    assert size <= MAX_SAVE_BYTES and 0 < sum(kept.values()) <= SNAPSHOT_BUDGET
    capsys.readouterr()
    assert main(["replay", "--verify", str(save)]) == 0
    assert "200 turns replayed" in capsys.readouterr().out
