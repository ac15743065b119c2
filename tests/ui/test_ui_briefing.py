"""The scenario's briefing is reachable during a game: from the palette, or F3."""

from __future__ import annotations

from game.ui.screens.main import MainScreen
from game.ui.screens.message import MessageScreen

from .conftest import flat


async def test_the_palette_opens_the_briefing_in_a_game(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+p", *"briefing")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        briefing = app.scenario.meta.briefing or app.scenario.meta.description
        assert " ".join(briefing.split()[:6]) in flat(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_f3_opens_the_briefing_once(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert sum(isinstance(s, MessageScreen) for s in app.screen_stack) == 1
