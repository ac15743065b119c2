"""The example game shipped in saves/ (issue 18): a finished game that verifies and plays."""

from __future__ import annotations

from pathlib import Path

from game.app.session import GameSession
from game.replay.verify import verify_save
from game.ui.screens.replay import ReplayScreen, replay_app

EXAMPLE = Path(__file__).resolve().parents[2] / "saves" / "example-idlib-seed3.jsonl"


def test_the_example_game_verifies_and_is_finished():
    result = verify_save(EXAMPLE)
    assert result.ok, result.summary()
    session = GameSession.load(EXAMPLE, autosave=False)
    assert session.turn == session.scenario.meta.turns == 30
    assert session.game_over and session.scenario.meta.id == "idlib_2020"
    assert any(record.orders for record in session.history)  # a game with orders, not a baseline


async def test_the_example_game_plays_in_the_replay_viewer(tmp_path):
    session = GameSession.load(EXAMPLE, autosave=False)
    app = replay_app(session, saves_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("n", "n", "end")
        assert screen.replay.position == 30
        bar = str(screen.query_one("#replay-bar").render())
        assert "all 30 turns played" in bar
