"""One turn numbering everywhere (issue 18): the header, a save's default name, the Load list
and the game loaded from it agree, and a turn's number always goes with the same date."""

from __future__ import annotations

import datetime as dt
import sys

from game.turns import current_turn, finished, position_words, turn_date
from game.ui.screens.main import MainScreen
from game.ui.screens.pick_save import PickSaveScreen
from game.ui.screens.prompt import PromptScreen

from .conftest import flat, screen_text


def test_turn_n_is_day_n():
    start = dt.date(2020, 1, 24)
    assert turn_date(start, 1, 1) == start
    assert turn_date(start, 1, 19) == dt.date(2020, 2, 11)
    assert turn_date(start, 2, 3) == dt.date(2020, 1, 28)
    assert turn_date(start, 1, 0) == start  # before the first turn


def test_after_p_turns_the_player_is_on_turn_p_plus_one():
    assert [current_turn(p, 30) for p in (0, 1, 18, 29, 30)] == [1, 2, 19, 30, 30]
    assert not finished(29, 30) and finished(30, 30)
    assert position_words(18, 30) == "turn 19 of 30"
    assert position_words(30, 30) == "all 30 turns played"


async def test_header_save_name_load_list_and_loaded_game_agree(make_app, tmp_path):
    app = make_app(title=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "enter", "n", "enter", "n", "enter")
        assert app.session.turn == 3
        assert "Mon 27 Jan 2020 · turn 4/6" in screen_text(app)
        await pilot.press("ctrl+s")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.query_one("Input").value == "turn-4"
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "saves" / "turn-4.jsonl").is_file()
        await app.push_screen(PickSaveScreen(tmp_path / "saves", "Load a saved game"))
        await pilot.pause()
        assert isinstance(app.screen, PickSaveScreen)
        listed = str(app.screen.query_one("#pick-list").get_option_at_index(0).prompt)
        assert "turn-4" in listed and "turn 4 of 6, 3 played to Sun 26 Jan" in listed
    again = make_app(title=False, load=tmp_path / "saves" / "turn-4.jsonl")
    async with again.run_test(size=(100, 30)):
        assert isinstance(again.screen, MainScreen)
        assert "Mon 27 Jan 2020 · turn 4/6" in screen_text(again)


def test_csv_rows_carry_the_turn_played_and_its_date(mini):
    """A CSV row is a turn's own record: turn N with the date of turn N."""
    from game.engine.simulate import run_game

    record = run_game(mini, 7, "none", turns=3)
    meta = mini.meta
    for row in record.figures:
        assert row.date == turn_date(meta.start_date, meta.turn_days, row.turn)


async def test_saves_follow_the_player_from_any_folder(tmp_path, monkeypatch, mini):
    """With no --saves-dir nor CORRIDOR_SAVES, saves go to the per-user data folder: a game
    started in one folder is there to continue from another, and the title says where."""
    from game.app.session import GameSession
    from game.ui.app import CorridorApp

    monkeypatch.delenv("CORRIDOR_SAVES")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    monkeypatch.chdir(tmp_path / "one")
    session = GameSession.new(mini, 7)
    session.end_turn()
    assert session.autosave_path.is_relative_to(tmp_path / "data")
    monkeypatch.chdir(tmp_path / "two")
    app = CorridorApp(scenario=mini, seed=7)
    async with app.run_test(size=(100, 30)) as pilot:
        if sys.platform.startswith("linux"):
            assert "Saves: ~/data/corridor/saves" in flat(app)
        await pilot.press("c")
        assert isinstance(app.screen, MainScreen) and app.session.turn == 1
