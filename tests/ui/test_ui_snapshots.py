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
