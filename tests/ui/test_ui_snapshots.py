"""Snapshots of the game's screens at 80x24 and 100x30, fixed scenario and seed, animations
off, no clock or version on screen. Update on purpose with `pytest --snapshot-update`."""

from __future__ import annotations

from pathlib import Path

import pytest

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((100, 30), id="100x30")]
END_GAME = ["n", "enter"] * 5 + ["n", "enter"]


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No toasts: they time out, so they would make screens depend on timing."""
    from textual.app import App

    monkeypatch.setattr(App, "notify", lambda self, *a, **k: None)


@pytest.mark.parametrize("size", SIZES)
def test_title_screen(snap_compare, make_app, size):
    app = make_app(title=True, saves_dir=Path("/nonexistent/corridor/saves"))  # shown: fixed
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_order_dialog(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["c"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_turn_report(snap_compare, make_app, size):
    press = ["c", "ctrl+j", "p", "ctrl+j", "n"]
    assert snap_compare(make_app(title=False), press=press, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_end_report(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=END_GAME, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_log_after_a_turn(snap_compare, make_app, size):
    press = ["c", "ctrl+j", "n", "enter", "3"]
    assert snap_compare(make_app(title=False), press=press, terminal_size=size)


def test_main_screen_light_theme(snap_compare, make_app):
    assert snap_compare(make_app(title=False), press=["ctrl+t"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES)
def test_overview(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["n", "enter", "v"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_map_layer(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["n", "enter", "w"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_orders_tab(snap_compare, make_app, size):
    press = ["a", "ctrl+j", "c", "ctrl+j", "2"]
    assert snap_compare(make_app(title=False), press=press, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_road_picker(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["o", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_go_to_picker(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["g", "s", "a"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_quit_question(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["q"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_save_prompt(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=["ctrl+s"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_end_report_epilogue(snap_compare, make_app, size):
    assert snap_compare(make_app(title=False), press=[*END_GAME, "3"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_load_list(snap_compare, make_app, mini, size, tmp_path, monkeypatch):
    from game.app.session import GameSession

    monkeypatch.setenv("HOME", str(tmp_path))  # the folder shows as ~/saves on every run
    saves = tmp_path / "saves"
    session = GameSession.new(mini, 7, saves_dir=saves, autosave=False)
    session.end_turn()
    session.save("before-the-town-falls")
    assert snap_compare(make_app(title=True, saves_dir=saves), press=["l"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_broken_save_message(snap_compare, make_app, size, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the message names the file as given: broken.jsonl
    Path("broken.jsonl").write_text("this is not a save\n", encoding="utf-8")

    async def open_it(pilot):
        pilot.app.open_save(Path("broken.jsonl"))
        await pilot.pause()

    app = make_app(title=True, saves_dir=Path("/nonexistent/corridor/saves"))
    assert snap_compare(app, run_before=open_it, terminal_size=size)
