"""The main screen: map, panel for the selection, orders, log, trends; end a turn with `n`.

It shows a *game view* and, unless read-only, drives it:

    MainScreen(session)                      # a GameSession: orders and End turn work
    MainScreen(view, read_only=True)         # the replay viewer (game.ui.screens.replay)

The view is a `GameView` (`game.ui.support.game_view`): a `GameSession`, or a replay's cursor.
After the view changes (a replay steps back or forth) call `refresh_view()`. Read-only hides
the order and End-turn keys and refuses those actions; everything else (map, panel, log
filters, trends, overview, help) works. Every key is a binding; those with a tooltip are also
in the command palette (`game.ui.support.commands`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane

from game.engine.orders import ChooseOption
from game.scenario.model import OrderCost
from game.ui.screens.main_keys import MAIN_BINDINGS
from game.ui.support.commands import PlacesProvider
from game.ui.support.game_view import GameView
from game.ui.support.map_view import first_selection, map_state
from game.ui.support.messages import OrderCancelled, PlaceSelected
from game.ui.widgets.event_log import EventLog
from game.ui.widgets.indicators import Indicators
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.legend import MapLegend
from game.ui.widgets.map import CorridorMap
from game.ui.widgets.order_list import OrderList, order_words
from game.ui.widgets.place_panel import PlacePanel
from game.ui.widgets.recent import RecentEvents
from game.ui.widgets.trends import Trends

if TYPE_CHECKING:
    from game.engine import Event, Order
    from game.scenario.model import Scenario
    from game.ui.app import CorridorApp
    from game.ui.screens.turn_report import TurnReportScreen


TABS = {"place": "tab-place", "orders": "tab-orders", "log": "tab-log", "trends": "tab-trends"}


class MainScreen(Screen[None]):
    """Map, side panel (Place / Orders / Log / Trends), indicators, footer."""

    CSS_PATH: ClassVar = Path(__file__).with_name("main.tcss")
    COMMANDS: ClassVar = {PlacesProvider}

    app: CorridorApp

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    selected: reactive[str | None] = reactive(None, init=False)
    """The selected location or road id: the map, the place panel and the orders follow it."""

    map_layer: reactive[str | None] = reactive(None, init=False)
    """The map layer shown (`game.app.overview.LAYERS`), or None."""

    def __init__(self, view: GameView, *, read_only: bool = False) -> None:
        super().__init__()
        self.view = view
        self.scenario: Scenario = view.scenario
        self.read_only = read_only
        self.set_reactive(MainScreen.selected, first_selection(self.scenario, view.state))
        self._figures: list[Any] = []
        self._was_over = view.state.game_over
        self._report: TurnReportScreen | None = None  # built once and reused
        self._needs_refresh = False

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Indicators(id="indicators")
        with Horizontal(id="body"):
            with Vertical(id="map-column"):
                yield CorridorMap(self.scenario, id="map")
                yield MapLegend(self.scenario, id="legend")
                yield RecentEvents("", id="recent")
            with TabbedContent(id="side", initial="tab-place"):
                with TabPane("Place", id="tab-place"):
                    yield PlacePanel(id="place")
                with TabPane("Orders", id="tab-orders"):
                    yield OrderList(id="orders")
                with TabPane("Log", id="tab-log"):
                    yield EventLog(self.scenario, id="log")
                with TabPane("Trends", id="tab-trends"):
                    yield Trends(id="trends")
        yield KeyBar()

    def on_unmount(self) -> None:
        if self._report is not None and self._report not in self.app.screen_stack:
            self.app.uninstall_screen(self._report)

    def on_mount(self) -> None:
        if self.read_only:
            self.add_class("-read-only")
        self.refresh_view()
        self.query_one(CorridorMap).focus()
        if not self.read_only and not self.view.history:
            self.notify(
                "Arrow keys or g pick a place; c s p o e a give orders; n ends the day; "
                "v shows every place; ? explains everything.",
                title="First day",
                timeout=10,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Order and End-turn keys are hidden in read-only mode and once the game is over (End
        report takes their place); Cancel shows on the Orders tab while an order is queued,
        Decisions while a decision is open."""
        over = self.view.state.game_over
        playing = ("end_turn", "order", "save", "cancel_order")
        if action in playing and (self.read_only or (over and action != "save")):
            return False
        if action == "cancel_order":
            return self._side().active == TABS["orders"] and bool(self.view.queued)
        if action == "end_report":
            return over
        if action == "decisions":  # shown while a decision is open
            return not self.read_only and not over and bool(self._open_decisions())
        return True

    def _side(self) -> TabbedContent:
        return self.query_one("#side", TabbedContent)

    # --- reading the view -------------------------------------------------------------------

    def last_events(self) -> tuple[Event, ...]:
        """The events of the turn just played (none before the first)."""
        history = self.view.history
        return tuple(history[-1].events) if history else ()

    def all_events(self) -> list[Event]:
        return [ev for record in self.view.history for ev in record.events]

    def queued_costs(self) -> list[OrderCost]:
        from game.engine import order_cost

        state = self.view.state
        return [order_cost(self.scenario, state, order) for order in self.view.queued]

    def refresh_view(self) -> None:
        """Redraw everything from the view (after a turn, an order, a replay step). Panels
        build their text when they are painted, so hidden tabs cost little."""
        view = self.view
        state = view.state
        costs = self.queued_costs()
        total = OrderCost(
            funds=sum(c.funds for c in costs),
            trucks=sum(c.trucks for c in costs),
            leverage=sum(c.leverage for c in costs),
        )
        self._figures = list(view.figures())
        self.query_one(Indicators).show(
            self.scenario,
            state,
            self._figures,
            queued_cost=None if self.read_only else total,
            queued=0 if self.read_only else len(view.queued),
        )
        self._show_map()
        n = len(view.queued)
        label = f"Orders ({n})" if n else "Orders"
        tab = self._side().get_tab("tab-orders")
        if str(tab.label) != label:
            tab.label = label
        events = self.last_events()
        self.query_one(PlacePanel).show(self.scenario, state, events, self.selected)
        self.query_one(OrderList).show(self.scenario, view.queued, costs)
        self.query_one(EventLog).show(events, self.all_events())
        self._show_trends()
        self.query_one(RecentEvents).show(self.scenario, events)
        if state.game_over != self._was_over:
            self._was_over = state.game_over
        self.refresh_bindings()

    def _show_map(self) -> None:
        from game.app.overview import layer_levels, place_rows

        state, events = self.view.state, self.last_events()
        levels = None
        if self.map_layer is not None:
            levels = layer_levels(place_rows(self.scenario, state, events), self.map_layer)
        self.query_one(CorridorMap).show(
            map_state(self.scenario, state, self.selected, events, levels)
        )

    def watch_map_layer(self, layer: str | None) -> None:
        self._show_map()
        self.query_one(MapLegend).show_layer(layer)

    def _show_trends(self) -> None:
        """The trends; the no-intervention run beside them once the tab is shown (it is
        played when first needed)."""
        shown = self._side().active == TABS["trends"]
        baseline = self.view.baseline_figures() if shown else ()
        self.query_one(Trends).show(self._figures, baseline)

    @on(TabbedContent.TabActivated, "#side")
    def _tab_shown(self) -> None:
        self.refresh_bindings()  # Cancel order shows on the Orders tab only
        if self._side().active == TABS["trends"]:
            self._show_trends()

    # --- selection ----------------------------------------------------------------------------

    def watch_selected(self, place: str | None) -> None:
        self.query_one(CorridorMap).select(place, announce=False)
        self.query_one(PlacePanel).show(self.scenario, self.view.state, self.last_events(), place)

    def go_to(self, place: str) -> None:
        """Select a place and show its panel (the palette's Go to, the overview's rows)."""
        self.selected = place
        self.action_tab("place")

    @on(PlaceSelected)
    def _place_selected(self, event: PlaceSelected) -> None:
        self.selected = event.place
        side = self._side()
        if side.active != TABS["place"] and self.app.size.width < 100:
            side.active = TABS["place"]

    # --- actions ------------------------------------------------------------------------------

    def action_focus_map(self) -> None:
        self.query_one(CorridorMap).focus()

    def action_tab(self, name: str) -> None:
        """Show a tab and give its contents the keys (the map for the Place tab)."""
        self._side().active = TABS[name]
        target = {
            "place": self.query_one(CorridorMap),
            "orders": self.query_one("#orders-options"),
            "log": self.query_one("#log-scroll"),
            "trends": self.query_one(Trends),
        }[name]
        target.focus()

    def action_scroll_panel(self, pages: int) -> None:
        """Page the side panel up or down without moving the focus from the map."""
        pane = {
            TABS["place"]: self.query_one(PlacePanel),
            TABS["orders"]: self.query_one("#orders-options"),
            TABS["log"]: self.query_one("#log-scroll"),
            TABS["trends"]: self.query_one(Trends),
        }[self._side().active]
        if pages > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_filter_log(self) -> None:
        self.action_tab("log")
        log = self.query_one(EventLog)
        place = self.selected if self.selected in self.scenario.location_by_id else None
        log.set_filter(place=place)
        log.query_one("#log-place").focus()

    def action_goto(self) -> None:
        from game.ui.screens.place_picker import PlacePickerScreen

        def chosen(place: str | None) -> None:
            if place:
                self.go_to(place)

        self.app.push_screen(PlacePickerScreen(self.scenario), chosen)

    def action_overview(self) -> None:
        from game.ui.screens.overview import OverviewScreen

        def chosen(place: str | None) -> None:
            if place:
                self.go_to(place)

        screen = OverviewScreen(self.scenario, self.view.state, self.last_events())
        self.app.push_screen(screen, chosen)

    def action_next_layer(self) -> None:
        """The next map layer: people without shelter, needs not met, threat, then none."""
        from game.app.overview import LAYERS

        cycle = (None, *LAYERS)
        self.map_layer = cycle[(cycle.index(self.map_layer) + 1) % len(cycle)]

    def action_order(self, kind: str) -> None:
        from game.ui.screens.order_dialog import OrderDialog

        if self.read_only:
            return
        self.app.push_screen(
            OrderDialog(
                kind,
                self.scenario,
                self.view.state,
                self.view.queued,
                self.selected,
                checker=self.view.check,
            ),
            self._order_given,
        )

    def _order_given(self, order: Order | None) -> None:
        if order is None:
            return
        reason = self.view.queue(order)
        if reason:
            self.notify(f"Refused: {reason}", severity="warning", timeout=6)
            return
        self.refresh_view()
        self.notify(f"Queued: {order_words(self.scenario, order)}", timeout=3)

    def action_cancel_order(self) -> None:
        index = self.query_one(OrderList).highlighted_index()
        if index is not None:
            self.post_message(OrderCancelled(index))

    @on(OrderCancelled)
    def _cancel_order(self, event: OrderCancelled) -> None:
        if self.read_only:
            return
        queued = self.view.queued
        if 0 <= event.index < len(queued):
            words = order_words(self.scenario, queued[event.index])
            self.view.unqueue(event.index)
            self.refresh_view()
            self.notify(f"Cancelled: {words}", timeout=3)

    def action_end_turn(self) -> None:
        """Play the day with the queued orders, then show what changed and why."""
        from game.errors import CorridorError
        from game.ui.screens.turn_report import TurnReportScreen

        if self.read_only or self.view.state.game_over:
            return
        self.app.clear_notifications()  # the first day's hint has done its job
        view = self.view
        before = view.state
        try:
            events = view.end_turn()
        except CorridorError as error:  # e.g. the autosave could not be written
            self.notify(error.format(), severity="error", timeout=10)
            events = self.last_events()
        if view.autosave_error is not None:
            self.notify(
                f"The autosave failed: {view.autosave_error.format()}", severity="error", timeout=10
            )
        if self._report is None:
            self._report = TurnReportScreen(self.scenario, before, view.state, events)
            self.app.install_screen(self._report, name=f"turn-report-{id(self)}")
        else:
            self._report.show_turn(before, view.state, events)
        self.app.push_screen(self._report, self._after_report)
        # The map and panels are redrawn behind the report once it is on screen, so that the
        # report comes first; closing it finds them up to date.
        self._needs_refresh = True
        self._report.call_after_refresh(self.call_later, self._refresh_if_needed)

    def _refresh_if_needed(self) -> None:
        if self._needs_refresh:
            self._needs_refresh = False
            self.refresh_view()

    def _after_report(self, _: object = None) -> None:
        self._refresh_if_needed()
        if self.view.state.game_over:
            self.action_end_report()
        else:
            self._next_decision(only_new=True)

    def _open_decisions(self) -> list[tuple[str, int]]:
        """Open dilemmas not yet answered by a queued order."""
        answered = {order.dilemma for order in self.view.queued if isinstance(order, ChooseOption)}
        return [d for d in self.view.state.open_dilemmas if d[0] not in answered]

    def _next_decision(self, only_new: bool = False) -> None:
        """Put the first open decision to the player (`only_new`: one that opened this turn)."""
        from game.engine.dilemmas import dilemma_event
        from game.ui.screens.dilemma import DilemmaScreen

        for event_id, last_turn in self._open_decisions():
            fired = self.view.state.fired_turn(event_id)
            if only_new and fired != self.view.state.turn:
                continue
            event = dilemma_event(self.scenario, event_id)
            if event is None:
                continue

            def chosen(option: str | None, event_id: str = event_id) -> None:
                if option is None:
                    self.notify("The decision stays open: d brings it back.", timeout=4)
                    return
                reason = self.view.queue(ChooseOption(event_id, option))
                if reason is not None:
                    self.notify(f"Not possible: {reason}.", severity="warning", timeout=6)
                self.refresh_view()

            self.app.push_screen(DilemmaScreen(event, self.view, last_turn), chosen)
            return
        if not only_new:
            self.notify("No decision is open.", timeout=3)

    def action_decisions(self) -> None:
        """Show the open decision, if any."""
        if self.read_only:
            return
        self._next_decision()

    def action_end_report(self) -> None:
        """The campaign against the no-intervention baseline."""
        from game.ui.screens.end_report import EndReportScreen

        self.app.push_screen(EndReportScreen(self.view))

    def action_save(self) -> None:
        from game.errors import CorridorError
        from game.turns import current_turn
        from game.ui.screens.prompt import PromptScreen

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = self.view.save(name)
            except CorridorError as error:
                self.notify(error.format(), severity="error", timeout=10)
                return
            self.notify(f"Saved to {path}", timeout=5)

        self.app.push_screen(
            PromptScreen(
                "Save the game as",
                value=f"turn-{current_turn(self.view.state.turn, self.scenario.meta.turns)}",
                hint="A plain name; the game is also saved automatically every turn.",
            ),
            named,
        )

    def action_leave(self) -> None:
        from game.ui.screens.confirm import ConfirmScreen

        if self.read_only:
            self.dismiss(None)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        detail = "The game is saved automatically after every turn."
        if self.view.queued:
            detail += " Orders queued for this turn are not saved."
        self.app.push_screen(ConfirmScreen("Leave the game?", detail), answer)
