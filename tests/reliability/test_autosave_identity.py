"""Autosaves never overwrite a different game. Before, the autosave was named by scenario and
seed only: a new game of the same scenario and seed destroyed the earlier game's autosave
within two turns (the first autosave moved it to `.prev`, the second replaced that).

Now each game has its own identity in its autosave's name, and a game whose autosave file was
written by someone else since (the same autosave continued in two places) leaves it alone and
goes on under a new name."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.app.session import GameSession
from game.errors import SaveError
from game.saves import latest_autosave, list_saves, previous_autosave, read_save
from game.saves.names import is_backup
from tests.reliability.support import small_scenario
from tests.saves.conftest import candidate_orders

SCENARIO = small_scenario()
CANDIDATES = candidate_orders(SCENARIO)


def play(session: GameSession, turns: int, rng: random.Random) -> None:
    for _ in range(turns):
        for _ in range(rng.randrange(3)):
            session.queue(rng.choice(CANDIDATES))
        session.end_turn()
        assert session.autosave_error is None, session.autosave_error


def hashes(path) -> list[str]:
    return [line.hash for line in read_save(path).turns]


def own(session: GameSession) -> list[str]:
    return [record.hash for record in session.history]


def autosaves(directory) -> list:
    return sorted(p for p in directory.iterdir() if p.name.startswith("autosave-"))


def test_two_new_games_of_the_same_scenario_and_seed_both_survive(tmp_path):
    first = GameSession.new(SCENARIO, 7, saves_dir=tmp_path, durable=False)
    play(first, 3, random.Random(1))
    second = GameSession.new(SCENARIO, 7, saves_dir=tmp_path, durable=False)
    play(second, 3, random.Random(2))  # within two turns it used to destroy the first
    assert first.autosave_path != second.autosave_path
    assert hashes(first.autosave_path) == own(first)
    assert hashes(second.autosave_path) == own(second)
    assert own(first) != own(second)
    named = r"autosave-saves_fixture-7-[0-9a-f]{8}\.jsonl"
    assert re.fullmatch(named, first.autosave_path.name)
    listed = {info.path for info in list_saves(tmp_path)}
    assert {first.autosave_path, second.autosave_path} <= listed


def test_interleaved_games_of_one_seed_each_keep_their_own(tmp_path):
    games = [GameSession.new(SCENARIO, 3, saves_dir=tmp_path, durable=False) for _ in range(4)]
    rng = random.Random(5)
    for _ in range(12):
        play(rng.choice(games), 1, rng)
    for game in games:
        if game.turn:
            assert hashes(game.autosave_path) == own(game)
            previous = previous_autosave(game.autosave_path)
            if game.turn > 1:
                assert previous is not None and hashes(previous) == own(game)[:-1]


def test_the_same_autosave_continued_twice_keeps_both_games(tmp_path):
    """Continue in two terminals: both load one file; the first to write keeps it, the other
    finds it changed, leaves it, and goes on under a new name."""
    start = GameSession.new(SCENARIO, 9, saves_dir=tmp_path, durable=False)
    play(start, 2, random.Random(0))
    path = start.autosave_path
    one = GameSession.load(path, saves_dir=tmp_path, durable=False)
    two = GameSession.load(path, saves_dir=tmp_path, durable=False)
    play(one, 2, random.Random(1))
    play(two, 2, random.Random(2))
    assert one.autosave_path == path and two.autosave_path != path
    assert two.autosaves_left == (path,)
    assert hashes(path) == own(one) and hashes(two.autosave_path) == own(two)
    play(one, 1, random.Random(3))  # the first goes on in its file as before
    assert hashes(path) == own(one)


def test_another_file_written_at_the_autosave_is_left_alone(tmp_path):
    game = GameSession.new(SCENARIO, 4, saves_dir=tmp_path, durable=False)
    play(game, 2, random.Random(0))
    path = game.autosave_path
    other = GameSession.new(SCENARIO, 4, saves_dir=tmp_path, autosave=False, durable=False)
    play(other, 5, random.Random(9))
    foreign = other.to_bytes()
    path.write_bytes(foreign)  # another program, or another game, wrote here
    play(game, 1, random.Random(1))
    assert path.read_bytes() == foreign
    assert hashes(game.autosave_path) == own(game) and game.autosave_path != path


def test_branches_from_the_same_turn_each_keep_their_own(tmp_path):
    game = GameSession.new(SCENARIO, 11, saves_dir=tmp_path, durable=False)
    play(game, 4, random.Random(0))
    one, two = game.branch(2), game.branch(2)
    play(one, 2, random.Random(1))
    play(two, 2, random.Random(2))
    assert len({game.autosave_path, one.autosave_path, two.autosave_path}) == 3
    for session in (game, one, two):
        assert hashes(session.autosave_path) == own(session)
    assert "-from2-" in one.autosave_path.name


def test_a_game_loaded_from_a_named_save_autosaves_apart(tmp_path):
    game = GameSession.new(SCENARIO, 5, saves_dir=tmp_path, durable=False)
    play(game, 3, random.Random(0))
    named = game.save("before the road")
    before = named.read_bytes()
    again = [GameSession.load(named, saves_dir=tmp_path, durable=False) for _ in range(2)]
    for index, session in enumerate(again):
        play(session, 2, random.Random(10 + index))
    assert named.read_bytes() == before
    paths = {game.autosave_path, *(s.autosave_path for s in again)}
    assert len(paths) == 3
    for session in (game, *again):
        assert hashes(session.autosave_path) == own(session)


def old_style(tmp_path, seed: int) -> tuple:
    """An autosave as earlier versions named it, `autosave-<scenario>-<seed>.jsonl`."""
    game = GameSession.new(SCENARIO, seed, saves_dir=tmp_path, autosave=False, durable=False)
    play(game, 3, random.Random(seed))
    path = tmp_path / f"autosave-saves_fixture-{seed}.jsonl"
    path.write_bytes(game.to_bytes())
    return path, game


def test_an_old_style_autosave_is_found_by_continue_and_goes_on_in_its_file(tmp_path):
    path, game = old_style(tmp_path, 6)
    assert latest_autosave(tmp_path) == path
    resumed = GameSession.load(path, saves_dir=tmp_path, durable=False)
    assert own(resumed) == own(game)
    play(resumed, 2, random.Random(1))
    assert resumed.autosave_path == path and hashes(path) == own(resumed)


def test_a_new_game_leaves_an_old_style_autosave_of_its_seed_alone(tmp_path):
    path, _ = old_style(tmp_path, 6)
    before = path.read_bytes()
    fresh = GameSession.new(SCENARIO, 6, saves_dir=tmp_path, durable=False)
    play(fresh, 3, random.Random(2))
    assert path.read_bytes() == before and fresh.autosave_path != path


def test_continuing_from_the_previous_generation_writes_its_own_latest(tmp_path):
    game = GameSession.new(SCENARIO, 8, saves_dir=tmp_path, durable=False)
    play(game, 3, random.Random(0))
    latest = game.autosave_path
    latest.write_bytes(latest.read_bytes()[:-30])  # damaged
    with pytest.raises(SaveError):
        GameSession.load(latest, saves_dir=tmp_path)
    previous = previous_autosave(latest)
    assert previous is not None
    resumed = GameSession.load(previous, saves_dir=tmp_path, durable=False)
    play(resumed, 1, random.Random(1))
    assert resumed.autosave_path == latest and hashes(latest) == own(resumed)


@settings(max_examples=25, deadline=None)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["new", "turn", "continue", "branch"]), st.integers(0, 9)),
        min_size=1,
        max_size=30,
    )
)
def test_no_game_is_ever_lost_whatever_the_interleaving(tmp_path_factory, steps):
    """Games of one seed started, played, continued from the latest autosave and branched in
    any order: every game's last autosaved turns are in some autosave (one game continued from
    another's autosave carries it on in that file: the same game)."""
    directory = tmp_path_factory.mktemp("saves")
    games: list[GameSession] = []
    played: set[int] = set()  # the games that autosaved at least once
    for action, pick in steps:
        if action == "new" or not games:
            games.append(GameSession.new(SCENARIO, 2, saves_dir=directory, durable=False))
        elif action == "turn":
            game = games[pick % len(games)]
            play(game, 1, random.Random(pick))
            played.add(id(game))
        elif action == "continue":
            latest = latest_autosave(directory)
            if latest is not None:
                games.append(GameSession.load(latest, saves_dir=directory, durable=False))
        else:
            game = games[pick % len(games)]
            games.append(game.branch(pick % (game.turn + 1)))
    kept = [hashes(p) for p in autosaves(directory) if not is_backup(p)]
    for game in games:
        if id(game) in played:  # its game is in an autosave, or continued by a game loaded
            mine = own(game)  # from that autosave, which then goes on in the same file
            assert any(history[: len(mine)] == mine for history in kept)
