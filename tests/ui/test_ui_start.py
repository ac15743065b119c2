"""Starting the game: the title card read without the loader, the scenario loaded behind the
title, and the command line's errors (messages and exit 2, never a traceback)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from game.ui.support.title_card import TitleCard, peek

from .conftest import FIXTURE, flat

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", [FIXTURE, ROOT / "scenarios" / "idlib.yaml"])
def test_title_card_matches_the_loaded_scenario(path):
    from game.scenario import load_scenario

    assert peek(path) == TitleCard.from_scenario(load_scenario(path))


def test_title_card_gives_up_on_what_it_cannot_read(tmp_path):
    odd = tmp_path / "odd.yaml"
    odd.write_text("meta: {id: x, title: y}\n", encoding="utf-8")  # flow style: not the subset
    assert peek(odd) is None
    assert peek(tmp_path / "missing.yaml") is None
    folded = tmp_path / "folded.yaml"
    folded.write_text(
        "meta:\n  id: x  # comment\n  title: 'It''s a test'\n  start_date: 2020-01-24\n"
        "  turns: 3\n  briefing: >-\n    one\n    two\n\n    three\n",
        encoding="utf-8",
    )
    card = peek(folded)
    assert card is not None and card.title == "It's a test" and card.briefing == "one two\nthree"


async def test_title_first_then_the_scenario_loads_behind_it(tmp_path):
    from game.ui.app import CorridorApp
    from game.ui.screens.main import MainScreen

    app = CorridorApp(
        scenario_path=FIXTURE, title_card=peek(FIXTURE), seed=7, saves_dir=tmp_path, autosave=False
    )
    assert app.scenario is None  # nothing loaded before the first screen
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Idlib, late January 2020" in flat(app)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.scenario is not None
        assert isinstance(app.screen, MainScreen)
        assert app.session.scenario.meta.id == "ui_fixture"


async def test_a_scenario_that_fails_behind_the_title_is_reported(tmp_path):
    from game.ui.app import CorridorApp

    broken = tmp_path / "broken.yaml"
    broken.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("turns: 6", "turns: -6"), encoding="utf-8"
    )
    app = CorridorApp(scenario_path=broken, title_card=peek(FIXTURE), saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The scenario cannot be loaded" in flat(app)
        assert "turns" in flat(app) and "error" in flat(app)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 2


def _args(**kw) -> argparse.Namespace:
    base = dict(
        command="play",
        scenario=None,
        seed=None,
        difficulty=None,
        load=None,
        saves_dir=None,
        title=False,
    )
    base.update(kw)
    return argparse.Namespace(**base)


def test_cli_errors_are_messages_and_exit_2(tmp_path, capsys):
    from game.cli import main

    assert main(["play", str(tmp_path / "nowhere.yaml")]) == 2
    err = capsys.readouterr().err
    assert "nowhere.yaml" in err and "Traceback" not in err

    assert main(["play", str(FIXTURE), "--difficulty", "impossible"]) == 2
    err = capsys.readouterr().err
    assert "unknown difficulty 'impossible'" in err and "standard, hard" in err

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n", encoding="utf-8")
    assert main(["load", str(bad)]) == 2
    assert main(["play", "--load", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl" in err and "Traceback" not in err


async def test_continue_a_loaded_session(tmp_path, mini):
    """`corridor load FILE` and `play --load FILE` open the game where the save left it."""
    from game.app.session import GameSession
    from game.ui.app import CorridorApp
    from game.ui.screens.main import MainScreen

    session = GameSession.new(mini, 7, saves_dir=tmp_path, autosave=False)
    session.end_turn()
    path = session.save("before-the-town-falls")
    loaded = GameSession.load(path, saves_dir=tmp_path)
    app = CorridorApp(session=loaded, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, MainScreen)
        assert "turn 2/6" in flat(app)
