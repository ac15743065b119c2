"""Every screen from the keyboard alone (issue 18): no trap a player can fall into, and the keys
each screen takes shown in its footer. One Pilot test per path."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Button, OptionList, Select, TabbedContent

from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.end_report import EndReportScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.main import MainScreen
from game.ui.screens.order_dialog import OrderDialog
from game.ui.screens.title import TitleScreen
from game.ui.widgets.map import CorridorMap
from game.ui.widgets.place_panel import PlacePanel

from .conftest import screen_text


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_title_down_from_new_game_does_not_reach_quit(make_app):
    """Items that cannot be used yet stay in the menu (greyed, saying why), so Down goes to
    the next one; Quit asks first."""
    app = make_app(title=True)
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#title-menu", OptionList)
        assert menu.highlighted == 0
        await pilot.press("down")
        assert menu.get_option_at_index(menu.highlighted).id == "continue"
        await pilot.press("enter")  # no autosave yet: says so, stays on the title
        assert isinstance(app.screen, TitleScreen)
        assert "no autosave yet" in screen_text(app)
        for _ in range(3):
            await pilot.press("down")
        assert menu.get_option_at_index(menu.highlighted).id == "quit"
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, TitleScreen) and app.is_running
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
    assert app.return_code == 0


async def test_title_footer_shows_its_keys(make_app):
    app = make_app(title=True)
    async with app.run_test(size=(80, 24)):
        keys = footer(app)
        for words in ("n New game", "c Continue", "l Load", "r Replay", "d Difficulty", "q Quit"):
            assert words in keys


async def test_help_scrolls_and_turns_pages(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        page = app.screen._page()
        assert page.max_scroll_y > 0  # the key table is longer than the screen
        await pilot.press("down", "down", "pagedown")
        assert page.scroll_y > 0
        assert "Scroll" in footer(app) and "Next page" in footer(app)
        await pilot.press("tab")
        assert app.screen.query_one(TabbedContent).active == "help-rules"
        await pilot.press("shift+tab")
        assert app.screen.query_one(TabbedContent).active == "help-keys"


async def test_order_dialog_focuses_the_first_field_then_queue_then_cancel(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, OrderDialog)
        assert app.focused is dialog.query_one("#order-origin", Select)
        order = ["#order-destination", "#order-cargo", "#order-trucks", "#order-queue"]
        for selector in order:
            await pilot.press("tab")
            assert app.focused is dialog.query_one(selector)
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#order-cancel", Button)
        assert "ctrl+j Queue order" in footer(app) and "esc Cancel" in footer(app)
        await pilot.press("shift+tab", "enter")  # Enter on Queue queues it
        assert isinstance(app.screen, MainScreen)
        assert [o.kind for o in app.session.queued] == ["convoy"]


async def test_tab_keys_work_after_the_log_filter(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        side = app.screen.query_one("#side", TabbedContent)
        assert side.active == "tab-log"
        assert app.focused is app.screen.query_one("#log-place", Select)
        for key, tab in (("2", "tab-orders"), ("4", "tab-trends"), ("1", "tab-place")):
            await pilot.press(key)
            assert side.active == tab
        assert isinstance(app.focused, CorridorMap)  # 1 gives the map the keys again


async def test_x_cancels_the_highlighted_order_from_the_orders_tab(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "ctrl+j", "c", "ctrl+j")
        assert [o.kind for o in app.session.queued] == ["appeal", "convoy"]
        assert "Cancel order" not in footer(app)  # only on the Orders tab
        await pilot.press("2")
        assert "x Cancel order" in footer(app)
        await pilot.press("down", "x")  # the list has the keys: down highlights the convoy
        assert [o.kind for o in app.session.queued] == ["appeal"]
        await pilot.press("x")
        assert app.session.queued == ()
        assert "Cancel order" not in footer(app)


async def test_place_panel_scrolls_from_the_map_and_starts_at_the_top(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one(PlacePanel)
        assert isinstance(app.focused, CorridorMap)
        await pilot.pause()
        assert panel.max_scroll_y > 0
        await pilot.press("pagedown")
        assert panel.scroll_y > 0 and isinstance(app.focused, CorridorMap)
        await pilot.press("up")  # another place: its panel starts at the top
        await pilot.pause()
        assert panel.scroll_y == 0


async def test_end_report_pages_by_tab_and_arrows(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.session.state.game_over:
            await pilot.press("n", "enter")
        report = app.screen
        assert isinstance(report, EndReportScreen)
        tabs = report.query_one("#end-tabs", TabbedContent)
        keys = footer(app)
        assert "tab Next page" in keys and "1-4 Pages" in keys and "x Export" in keys
        await pilot.press("tab")
        assert tabs.active == "end-charts"
        await pilot.press("right")
        assert tabs.active == "end-epilogue"
        await pilot.press("left", "left", "left")
        assert tabs.active == "end-sources"  # round the four
        await pilot.press("3")
        page = tabs.query_one("#end-epilogue VerticalScroll", VerticalScroll)
        if page.max_scroll_y:
            await pilot.press("down")
            assert page.scroll_y > 0
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert "r End report" in footer(app)
        await pilot.press("r")
        assert isinstance(app.screen, EndReportScreen)


async def test_palette_is_built_from_the_bindings(make_app):
    """Each binding with a tooltip is a command, and only while it can be used."""
    from game.ui.support.commands import binding_commands

    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        names = {c.name for c in binding_commands(app.screen)}
        assert "Send a convoy: food, water or tents" in names
        assert "Help: keys, rules, what is not modelled" in names
        assert "Cancel the highlighted queued order" not in names  # nothing queued
        assert "Show the end report" not in names  # the game is not over
        await pilot.press("a", "ctrl+j", "2")
        names = {c.name for c in binding_commands(app.screen)}
        assert "Cancel the highlighted queued order" in names
        await pilot.press("ctrl+p", *"cancel the high")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.queued == ()


async def test_palette_goes_to_a_place(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"go to saraq")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.selected == "saraqeb"
