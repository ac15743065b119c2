"""The replay viewer (Pilot): step forward and back, jump, play/pause, continue from here."""

from __future__ import annotations

import os
import re

import pytest

from game.app.session import GameSession
from game.errors import SaveError
from game.ui.screens import replay as replay_module
from game.ui.screens.main import MainScreen
from game.ui.screens.replay import ReplayScreen, replay_app
from tests.saves.conftest import candidate_orders, play

TURNS = 8
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")  # the same screens on every run


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch):
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def saved(small_scenario, tmp_path):
    candidates = candidate_orders(small_scenario)
    session = play(
        GameSession.new(small_scenario, 17, saves_dir=tmp_path / "saves", autosave=False),
        [[i * 11, i * 5 + 3] for i in range(TURNS)],
        candidates,
    )
    path = session.save_to(tmp_path / "game.jsonl")
    return session, path


def _app(path, tmp_path):
    loaded = GameSession.load(path, autosave=False)
    return replay_app(loaded, saves_dir=tmp_path / "saves"), loaded


async def test_step_forward_and_back(saved, tmp_path):
    original, path = saved
    app, loaded = _app(path, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.replay.position == 0 and screen.view.state is loaded.initial_state
        await pilot.press("n", "n", "period")
        assert screen.replay.position == 3
        assert screen.view.state == original.state_at(3)
        assert len(screen.view.history) == 3
        await pilot.press("b", "comma")
        assert screen.replay.position == 1
        await pilot.press("b", "b", "b")
        assert screen.replay.position == 0  # clamped at the start
        await pilot.press("end")
        assert screen.replay.position == TURNS
        await pilot.press("n")
        assert screen.replay.position == TURNS  # clamped at the end
        await pilot.press("home")
        assert screen.replay.position == 0
        bar = str(screen.query_one("#replay-bar").render())
        total = loaded.scenario.meta.turns
        assert f"turn 1 of {total} · paused · 0 of {TURNS} saved turns played" in bar


async def test_bar_names_the_orders_of_the_turn_shown(saved, tmp_path):
    original, path = saved
    app, _ = _app(path, tmp_path)
    turn = next(r.turn for r in original.history if r.orders)
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(turn):
            await pilot.press("n")
        bar = str(app.screen.query_one("#replay-bar").render())
        total = original.scenario.meta.turns
        assert f"turn {turn + 1} of {total} · paused · {turn} of {TURNS} saved turns played" in bar
        assert f"turn {turn}'s orders:" in bar
        # the header numbers the game as the bar does, and as loading the save would
        assert f"turn {turn + 1}/{total}" in str(app.screen.query_one("#indicators").render())


async def test_jump_to_turn(saved, tmp_path):
    original, path = saved
    app, _ = _app(path, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        await pilot.press("t")
        await pilot.pause()
        prompt = app.screen
        assert prompt is not screen
        field = prompt.query_one("Input")
        assert field.value == "1"  # numbered as the header numbers it: turn 1 is the start
        field.value = "6"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.replay.position == 5  # turn 6 is to be played
        assert screen.view.state == original.state_at(5)
        assert "turn 6/" in str(screen.query_one("#indicators").render())
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("Input").value = "99"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.replay.position == 5  # out of range: refused with a notice


async def test_play_and_pause(saved, tmp_path, monkeypatch):
    monkeypatch.setattr(replay_module, "PLAY_INTERVAL", 0.05)
    _, path = saved
    app, _ = _app(path, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        await pilot.press("space")
        assert screen.playing or screen.replay.position > 0
        for _ in range(100):
            if screen.replay.position == TURNS and not screen.playing:
                break
            await pilot.pause(0.05)
        assert screen.replay.position == TURNS and not screen.playing  # stops at the end
        monkeypatch.setattr(replay_module, "PLAY_INTERVAL", 5.0)
        await pilot.press("home", "space")
        assert screen.playing and screen.replay.position == 0
        await pilot.press("space")
        stopped_at = screen.replay.position
        assert not screen.playing
        await pilot.pause(0.1)
        assert screen.replay.position == stopped_at


async def test_read_only_keys_do_not_give_orders(saved, tmp_path):
    _, path = saved
    app, loaded = _app(path, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        await pilot.press("s", "p", "a", "o", "e")
        await pilot.pause()
        assert app.screen is screen
        assert loaded.queued == () and loaded.turn == TURNS


async def test_continue_from_here_branches_a_new_game(saved, tmp_path):
    original, path = saved
    before = path.read_bytes()
    app, _ = _app(path, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n", "n", "n", "c")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not isinstance(app.screen, ReplayScreen)
        branch = app.session
        assert branch.turn == 3
        assert [r.hash for r in branch.history] == [r.hash for r in original.history[:3]]
        branch.end_turn()  # the branch plays on, on its own
        assert branch.turn == 4
        assert re.fullmatch(
            r"autosave-saves_fixture-17-from3-[0-9a-f]{8}\.jsonl", branch.autosave_path.name
        )
        assert branch.autosave_path.exists()
    assert path.read_bytes() == before  # the replayed save is untouched


async def test_leave_exits_when_opened_alone(saved, tmp_path):
    _, path = saved
    app, _ = _app(path, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def test_bad_save_is_a_save_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"not a save\n")
    with pytest.raises(SaveError):
        ReplayScreen(bad)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_replay_viewer_snapshot(saved, tmp_path, snap_compare, size):
    _, path = saved
    app, _ = _app(path, tmp_path)
    assert snap_compare(app, press=["n", "n", "n"], terminal_size=size)


async def test_the_replays_own_keys_come_first_in_its_footer(saved, tmp_path):
    """At 80x24 the footer cannot hold every key: the viewer's own (step, jump, play) come
    before those it inherits from the main screen, and Help stays last."""
    _, path = saved
    app, _ = _app(path, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = str(app.screen.query_one("KeyBar").render())
        for words in ("n Next", "b Back", "t Jump", "space Play", "q Leave"):
            assert words in keys
        assert keys.rstrip().endswith("? Help")
        assert "w Layer" not in keys  # an inherited key gives way first
