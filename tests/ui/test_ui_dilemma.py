"""A decision the month puts to the player: the dialog opens when its dilemma happens, a key
chooses, the choice is a queued order that plays out, Escape leaves it open for `d`."""

from __future__ import annotations

import pytest

from tests.ui.conftest import FIXTURE

DILEMMA = """  - id: supply_offer
    kind: dilemma
    title: "Partners offer to deliver food to Saraqeb"
    date: 2020-01-25
    basis: projected
    source: "assumption: a test decision"
    prompt: "Pay for food delivered to Saraqeb by partners, or keep the money?"
    default: keep
    options:
      - id: buy
        label: "Buy food for Saraqeb"
        consequences: "Food for 20,000 person-days reaches Saraqeb."
        source: "assumption: test option"
        cost: {funds: 50}
        effects:
          - stock: {location: saraqeb, food: 20000}
      - id: keep
        label: "Keep the money"
        consequences: "Nothing changes."
        source: "assumption: test option"
"""


@pytest.fixture
def dilemma_scenario(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("player:\n", DILEMMA + "player:\n", 1)
    path = tmp_path / "mini_dilemma.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_the_dialog_opens_and_a_key_chooses(make_app, dilemma_scenario):
    from game.engine.orders import ChooseOption
    from game.ui.screens.dilemma import DilemmaScreen

    app = make_app(title=False, scenario_path=dilemma_scenario)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "enter", "n", "enter")  # it happens on the second day
        await pilot.pause()
        assert isinstance(app.screen, DilemmaScreen)
        await pilot.press("1")
        await pilot.pause()
        session = app.session
        assert ChooseOption("supply_offer", "buy") in session.queued
        funds = session.state.resources.funds
        await pilot.press("n", "enter")
        await pilot.pause()
        assert session.state.resources.funds == funds - 50
        assert session.state.open_dilemmas == ()
        messages = [e.message for e in session.history[-1].events]
        assert any("You chose: Buy food for Saraqeb" in m for m in messages)


async def test_later_keeps_it_open_and_d_brings_it_back(make_app, dilemma_scenario):
    from game.ui.screens.dilemma import DilemmaScreen

    app = make_app(title=False, scenario_path=dilemma_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", "n", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DilemmaScreen)
        assert app.session.state.open_dilemmas
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DilemmaScreen)
        await pilot.press("escape", "n", "enter")  # no choice: the default holds
        await pilot.pause()
        assert app.session.state.open_dilemmas == ()
        messages = [e.message for e in app.session.history[-1].events]
        assert any("No choice was made" in m for m in messages)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_the_dialog_snapshot(snap_compare, make_app, dilemma_scenario, monkeypatch, size):
    from textual.app import App

    monkeypatch.setattr(App, "notify", lambda self, *a, **k: None)
    app = make_app(title=False, scenario_path=dilemma_scenario)
    assert snap_compare(app, press=["n", "enter", "n", "enter"], terminal_size=size)
