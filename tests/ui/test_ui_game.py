"""The game driven by keys (Textual Pilot): a whole short game, orders, the log, help, the
palette, the map by mouse, read-only mode. Assertions are on the session's state and on what
the screen shows."""

from __future__ import annotations

from game.engine import NegotiatePause, SendConvoy
from game.scenario.model import Cargo
from game.ui.screens.end_report import EndReportScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.main import MainScreen
from game.ui.screens.order_dialog import OrderDialog
from game.ui.screens.title import TitleScreen
from game.ui.screens.turn_report import TurnReportScreen
from game.ui.widgets.event_log import EventLog
from game.ui.widgets.map import CorridorMap

from .conftest import flat, screen_text


async def goto(pilot, text: str) -> None:
    """Select a place with the Go-to picker (g, type, Enter)."""
    await pilot.press("g", *text, "enter")
    await pilot.pause()


async def test_whole_short_game_by_keys(make_app):
    app = make_app(title=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        shown = screen_text(app)
        assert "Idlib, late January 2020 (test fixture)" in shown
        assert "Try first" in flat(app) and "n New game" in shown

        await pilot.press("n")
        assert isinstance(app.screen, MainScreen)
        main = app.screen
        session = app.session
        assert session.turn == 0 and session.seed == 7
        assert "turn 1/6" in screen_text(app)

        # select a town, send a convoy to it with the dialog's defaults
        await goto(pilot, "Saraq")
        assert main.selected == "saraqeb"
        assert "Saraqeb" in screen_text(app) and "People here" in screen_text(app)
        await pilot.press("c")
        assert isinstance(app.screen, OrderDialog)
        assert "Can be queued" in screen_text(app) and "Route:" in screen_text(app)
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, MainScreen)
        assert len(session.queued) == 1
        convoy = session.queued[0]
        assert isinstance(convoy, SendConvoy)
        assert convoy.destination == "saraqeb" and convoy.cargo == Cargo.FOOD

        # negotiate a pause for the besieged town
        await goto(pilot, "Maaret")
        await pilot.press("p")
        assert "Chance of agreement" in screen_text(app)
        await pilot.press("ctrl+j")
        assert session.queued[1] == NegotiatePause("maaret_al_numan")
        await pilot.press("2")
        shown = screen_text(app)
        assert "Orders (2)" in shown and "Negotiate a pause for Maaret" in shown
        funds = session.state.resources.funds

        # end the turn: the report says what changed, the state moved on
        await pilot.press("n")
        assert isinstance(app.screen, TurnReportScreen)
        shown = screen_text(app)
        assert "Turn 1 of 6" in shown and "Your orders" in shown and "(estimate)" in shown
        assert session.turn == 1 and session.queued == ()
        assert session.state.resources.funds < funds
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert "turn 2/6" in screen_text(app)

        # the negotiation's outcome is in the log of Maaret al-Numan
        await pilot.press("slash")
        log = main.query_one(EventLog)
        assert log.place_filter == "maaret_al_numan"
        shown_events = log.shown_events()
        assert shown_events and all(ev.place == "maaret_al_numan" for ev in shown_events)
        assert any(ev.kind == "negotiation" for ev in shown_events)
        main.query_one(CorridorMap).focus()

        # play to the end with n / space, closing each report
        while not session.state.game_over:
            await pilot.press("space" if session.turn % 2 else "n")
            assert isinstance(app.screen, TurnReportScreen)
            await pilot.press("enter")
        assert isinstance(app.screen, EndReportScreen)
        shown = screen_text(app)
        assert "End of the campaign" in shown and "No orders" in shown and "(estimate)" in shown
        report = app.screen
        assert len(report.mine) == len(report.base) == 6
        delivered = report.mine[-1].convoys_delivered
        assert delivered >= 1 and report.base[-1].convoys_delivered == 0
        assert "▲ better" in shown

        # the other pages
        await pilot.press("3")
        assert "Saraqeb" in screen_text(app)
        await pilot.press("4")
        assert "article:" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert "campaign over" in screen_text(app)
        await pilot.press("c")
        assert isinstance(app.screen, MainScreen)  # no orders once the game is over


async def test_cancel_a_queued_order(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.session
        await pilot.press("a", "ctrl+j")  # an appeal
        await goto(pilot, "Idlib")
        await pilot.press("s", "ctrl+j")  # shelter in Idlib
        assert [o.kind for o in session.queued] == ["appeal", "shelter"]
        await pilot.press("2")
        app.screen.query_one("#orders-options").focus()
        await pilot.press("down", "x")
        assert [o.kind for o in session.queued] == ["appeal"]
        assert "Cancelled" in screen_text(app) or "Orders (1)" in screen_text(app)


async def test_a_refused_order_cannot_be_queued(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "Khan")  # held by the attacking side
        await pilot.press("p")
        dialog = app.screen
        assert isinstance(dialog, OrderDialog)
        # Khan Sheikhoun is not offered; a pause needs a place not yet fallen
        assert dialog.order is None or dialog.order.location != "khan_sheikhoun"
        await pilot.press("escape")
        assert app.session.queued == ()
        # an evacuation without a corridor is refused, with the reason shown
        await goto(pilot, "Maaret")
        await pilot.press("e")
        assert "no corridor holds on this road" in screen_text(app)
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, OrderDialog)  # Queue is disabled: nothing happens
        await pilot.press("escape")
        assert app.session.queued == ()


async def test_map_keys_and_mouse_select_places(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(100, 30)) as pilot:
        main = app.screen
        the_map = main.query_one(CorridorMap)
        assert main.selected == "maaret_al_numan"  # the encircled town first
        await pilot.press("up")
        assert main.selected != "maaret_al_numan"
        north = main.selected
        assert the_map._layout.cells[north][1] < the_map._layout.cells["maaret_al_numan"][1]
        x, y = the_map._layout.cells["atmeh_camps"]
        await pilot.click(CorridorMap, offset=(x, y))
        assert main.selected == "atmeh_camps"
        assert "Atmeh camps" in screen_text(app)
        await pilot.press("z")
        assert the_map.zoom > 1


async def test_help_has_keys_rules_and_what_is_not_modelled(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "End turn" in screen_text(app)
        for _ in range(4):
            await pilot.press("right")
        assert "does not model" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_the_games_commands(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"send a convoy")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrderDialog)
        assert app.screen.kind == "convoy"


async def test_read_only_main_screen_gives_no_orders(make_app, mini):
    from game.app.session import GameSession

    session = GameSession.new(mini, 7, autosave=False)
    session.end_turn()
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MainScreen(session, read_only=True))
        await pilot.pause()
        before = session.turn
        await pilot.press("n", "c", "p")
        assert isinstance(app.screen, MainScreen) and app.screen.read_only
        assert session.turn == before and session.queued == ()
        assert "End turn" not in screen_text(app).splitlines()[-1]
        await pilot.press("3")
        assert "Fri 24 Jan" in screen_text(app) or app.screen.query_one(EventLog).shown_events()


async def test_a_broken_save_is_reported_not_raised(make_app, tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text("this is not a save\n", encoding="utf-8")
    app = make_app(title=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_save(bad)
        await pilot.pause()
        shown = screen_text(app)
        assert "Cannot open the save" in shown and "not valid JSON" in flat(app)
        await pilot.press("enter")
        assert isinstance(app.screen, TitleScreen)


async def test_autosave_then_continue_from_the_title(make_app, tmp_path):
    app = make_app(title=False, autosave=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", "n", "enter")
        assert app.session.turn == 2
    again = make_app(title=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(again.screen, MainScreen)
        assert again.session.turn == 2
        assert "turn 3/6" in screen_text(again)


async def test_resizing_keeps_everything_on_screen(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(120, 40)
        shown = screen_text(app)
        assert "? Help" in shown.splitlines()[-1]
        assert app.screen.has_class("-wide") or app.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        assert "? Help" in screen_text(app).splitlines()[-1]


async def test_corridor_then_evacuation(make_app):
    """Ask a corridor out of the besieged town; once one holds, evacuate along it."""
    app = make_app(title=False, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.session
        await goto(pilot, "Maaret")
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, OrderDialog) and dialog.kind == "corridor"
        assert dialog.order.road == "maaret_kafr_nabl"  # the town's open exit
        assert "Chance of agreement" in flat(app)
        await pilot.press("ctrl+j")
        assert session.queued[0].kind == "corridor"
        agreed = False
        for _ in range(6):
            await pilot.press("n")
            assert isinstance(app.screen, TurnReportScreen)
            await pilot.press("enter")
            agreed = session.state.road("maaret_kafr_nabl").corridor_days > 0
            if agreed or session.state.game_over:
                break
            await pilot.press("o")  # ask again, if it can still be asked
            if isinstance(app.screen, OrderDialog):
                await pilot.press("ctrl+j" if app.screen.order_ok else "escape")
                if isinstance(app.screen, OrderDialog):
                    await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)
        assert agreed  # with seed 1 the corridor is agreed on the second day
        await pilot.press("e")
        assert "Can be queued" in flat(app)
        assert app.screen.order.road == "maaret_kafr_nabl"
        await pilot.press("ctrl+j")
        assert session.queued[-1].kind == "evacuate"


async def test_log_filters_by_kind_and_turns(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "enter", "n", "enter")
        main = app.screen
        log = main.query_one(EventLog)
        await pilot.press("3")
        assert log.shown_events() == [ev for ev in main.last_events()]
        log.set_filter(kind="displacement")
        await pilot.pause()
        shown = log.shown_events()
        assert shown and all(ev.kind == "displacement" for ev in shown)
        from textual.widgets import Select

        log.query_one("#log-scope", Select).value = "all"
        await pilot.pause()
        turns = {ev.turn for ev in log.shown_events()}
        assert turns == {1, 2}


async def test_light_and_dark_themes(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "corridor-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "corridor-light"
        the_map = app.screen.query_one(CorridorMap)
        await pilot.pause()
        # the map's styles follow the theme (its cached styles are dropped)
        light = the_map._style("gov")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "corridor-dark"
        assert the_map._style("gov") != light


async def test_an_order_dialog_never_guesses_an_unrelated_place(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "Atmeh")  # a camp: no pause can be asked for it
        await pilot.press("p")
        dialog = app.screen
        assert isinstance(dialog, OrderDialog)
        assert dialog.order is None and not dialog.order_ok
        await pilot.press("enter")  # opens the list, queues nothing
        assert app.session.queued == ()
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_continue_offers_the_previous_autosave_when_the_latest_is_damaged(make_app, tmp_path):
    """A corrupt latest autosave is detected on Continue, with an offer to load the previous
    good one (issue 7); accepting it resumes one turn earlier."""
    app = make_app(title=False, autosave=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", "n", "enter")
        assert app.session.turn == 2
    from game.saves import latest_autosave

    latest = latest_autosave(tmp_path / "saves")
    assert latest is not None
    text = latest.read_bytes()
    latest.write_bytes(text[: len(text) // 2])  # a torn file, as after a failing disk

    again = make_app(title=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        shown = flat(again)
        assert "The latest autosave cannot be read" in shown
        assert "previous autosave (turn 2 of 6, 1 played to Fri 24 Jan)" in shown
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(again.screen, MainScreen)
        assert again.session.turn == 1
        await pilot.press("n", "enter")
        assert again.session.turn == 2


async def test_continue_declined_stays_on_the_title(make_app, tmp_path):
    app = make_app(title=False, autosave=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", "n", "enter")
    from game.saves import latest_autosave

    latest = latest_autosave(tmp_path / "saves")
    latest.write_bytes(b"\xff\xfe not a save")
    again = make_app(title=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "The latest autosave cannot be read" in flat(again)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(again.screen, TitleScreen)
        assert again.session is None


async def test_leave_question_shows_its_answers_at_80x24(make_app):
    """The quit question's buttons are readable in the smallest terminal (they were squeezed
    to their top border), and clicking "No" keeps the game."""
    from game.ui.screens.confirm import ConfirmScreen

    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        shown = screen_text(app)
        assert "Yes (y)" in shown and "No (n)" in shown
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_trends_show_a_line_only_once_there_is_a_trend(make_app):
    """Before two days are played a sparkline would be one full bar, read as a maximum: the
    trends say when they start instead, then draw each figure's line beside the baseline's."""
    from game.ui.widgets.paired_sparkline import PairedSparkline

    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        sparks = list(app.screen.query(PairedSparkline))
        assert sparks and not any(s.display for s in sparks)
        label = app.screen.query_one("#trend-label-displaced_since_december")
        assert str(label.render()) == "Displaced since December: after the first day"
        await pilot.press("n", "enter", "n", "enter", "4")
        await pilot.pause()
        assert all(s.display for s in app.screen.query(PairedSparkline))
        assert "→" in str(label.render())
        assert "without intervention" in str(label.render())


async def test_trends_put_the_no_intervention_run_of_the_same_seed_beside_yours(make_app):
    """The lower row is the baseline game (same scenario, seed and preset, no orders) over the
    days played, never beyond them."""
    from game.engine import SendConvoy
    from game.engine.score import baseline
    from game.scenario.model import Cargo
    from game.ui.widgets.paired_sparkline import PairedSparkline

    app = make_app(title=False)
    async with app.run_test(size=(100, 30)) as pilot:
        session = app.screen.view
        trucks = session.scenario.player.costs["convoy"].trucks
        tents = SendConvoy("idlib", "maaret_al_numan", Cargo.SHELTER, trucks)
        assert session.queue(tents) is None  # so that your figures differ from the baseline's
        await pilot.press("n", "enter", "n", "enter", "n", "enter", "4")
        await pilot.pause()
        expected = baseline(session.scenario, session.seed, difficulty=session.difficulty)
        sheltered = app.screen.query_one("#trend-sheltered", PairedSparkline)
        assert sheltered.baseline == tuple(float(f.sheltered) for f in expected.figures[:3])
        assert sheltered.mine == tuple(float(f.sheltered) for f in session.figures())
        assert sheltered.mine != sheltered.baseline
        rendered = str(sheltered.render())
        you, none = rendered.split("\n")
        assert you.startswith("you ") and none.startswith("none ")
        assert len(you) == len(none) == len("you  ") + 3  # one bar per day played
