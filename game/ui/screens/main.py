"""The main screen: map, panel for the selection, orders, log, trends; end a turn with `n`.

It shows a *game view* and, unless read-only, drives it:

    MainScreen(session)                      # a GameSession: orders and End turn work
    MainScreen(view, read_only=True)         # the replay viewer (game.ui.screens.replay)

A game view is any object with `scenario`, `state`, `history` (a list of records with
`.events`; the last one is the turn just played), `queued` (orders to list) and `figures()`
(per-turn rows with the CSV column names). `GameSession` is one. After the view changes (a
replay steps back or forth) call `refresh_view()`. Read-only hides the order and End-turn keys
and refuses those actions; everything else (map, panel, log filters, trends, help) works.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from game.scenario.model import OrderCost
from game.ui.support import mapdraw
from game.ui.support.messages import OrderCancelled, PlaceSelected
from game.ui.widgets.event_log import EventLog
from game.ui.widgets.indicators import Indicators
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.legend import MapLegend
from game.ui.widgets.map import CorridorMap
from game.ui.widgets.order_list import OrderList, order_words
from game.ui.widgets.place_panel import PlacePanel
from game.ui.widgets.trends import Trends

if TYPE_CHECKING:
    from game.engine import Event, State
    from game.scenario.model import Scenario


class GameView(Protocol):
    """What the main screen reads (a `GameSession`, or a replay's cursor)."""

    scenario: Scenario

    @property
    def state(self) -> State: ...

    @property
    def history(self) -> Sequence[Any]: ...

    @property
    def queued(self) -> Sequence[Any]: ...

    def figures(self) -> Sequence[Any]: ...


ORDER_KINDS = ("convoy", "shelter", "pause", "corridor", "evacuate", "appeal")
TABS = {"place": "tab-place", "orders": "tab-orders", "log": "tab-log", "trends": "tab-trends"}


def day_flows(scenario: Scenario, state: State, events: Sequence[Event]) -> dict[str, int]:
    """People on the move by road (+ means from `a` to `b`): those still on the roads, and the
    main direction of each flight the last turn reported (the engine names the neighbouring
    place most people headed for)."""
    flows: dict[str, int] = {}

    def add(road_id: str, toward: str, people: int) -> None:
        road = scenario.road_by_id[road_id]
        sign = 1 if toward == road.b else -1
        flows[road_id] = flows.get(road_id, 0) + sign * people

    for group in state.transit:
        if group.road in scenario.road_by_id:
            add(group.road, group.destination, group.people)
    for ev in events:
        if ev.kind != "displacement" or ev.place not in scenario.location_by_id:
            continue
        people = int(ev.figures.get("people", 0) or 0)
        for road in scenario.roads_at(ev.place):
            other = road.other_end(ev.place)
            if f"toward {scenario.location_by_id[other].name}" in ev.message:
                add(road.id, other, people)
                break
    return flows


def map_state(
    scenario: Scenario, state: State, selected: str | None, events: Sequence[Event] = ()
) -> mapdraw.MapState:
    """What the map shows of `state`: control, road status, encirclement, people moving."""
    flows = day_flows(scenario, state, events)
    return mapdraw.MapState(
        control={ls.id: ls.control for ls in state.locations},
        road_status={rs.id: rs.status for rs in state.roads},
        encircled=frozenset(ls.id for ls in state.locations if ls.encircled),
        flows=flows,
        selected=selected,
    )


def first_selection(scenario: Scenario, state: State) -> str | None:
    """Where the player's eye should go first: an encircled town, else the most populous."""
    for ls in state.locations:
        if ls.encircled:
            return ls.id
    if not scenario.locations:
        return None
    return max(scenario.locations, key=lambda loc: loc.population).id


class MainScreen(Screen[None]):
    """Map, side panel (Place / Orders / Log / Trends), indicators, footer."""

    CSS_PATH: ClassVar = Path(__file__).with_name("main.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,space", "end_turn", "End turn", id="game.end_turn"),
        Binding("c", "order('convoy')", "Convoy", id="game.convoy"),
        Binding("s", "order('shelter')", "Shelter", id="game.shelter"),
        Binding("p", "order('pause')", "Pause", id="game.pause"),
        Binding("o", "order('corridor')", "Corridor", id="game.corridor"),
        Binding("e", "order('evacuate')", "Evacuate", id="game.evacuate"),
        Binding("a", "order('appeal')", "Appeal", id="game.appeal"),
        Binding("g", "goto", "Go to place", show=False, id="game.goto"),
        Binding("m", "focus_map", "Focus the map", show=False, id="game.map"),
        Binding("1", "tab('place')", "Place tab", show=False, id="game.tab_place"),
        Binding("2", "tab('orders')", "Orders tab", show=False, id="game.tab_orders"),
        Binding("3", "tab('log')", "Log tab", show=False, id="game.tab_log"),
        Binding("4", "tab('trends')", "Trends tab", show=False, id="game.tab_trends"),
        Binding("slash", "filter_log", "Log of this place", show=False, id="game.filter_log"),
        Binding("ctrl+s", "save", "Save the game", show=False, id="game.save"),
        Binding("q", "leave", "Quit", show=False, id="game.quit"),
    ]

    def __init__(self, view: GameView, *, read_only: bool = False) -> None:
        super().__init__()
        self.view = view
        self.scenario: Scenario = view.scenario
        self.read_only = read_only
        self._selected: str | None = first_selection(self.scenario, view.state)
        self._stale: set[str] = set(TABS.values())
        self._figures: list[Any] = []
        self._was_over = view.state.game_over
        self._report: Any = None  # the turn report screen, built once and reused
        self._needs_refresh = False

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Indicators(id="indicators")
        with Horizontal(id="body"):
            with Vertical(id="map-column"):
                yield CorridorMap(self.scenario, id="map")
                yield MapLegend(self.scenario, id="legend")
                yield Static("", id="recent")
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
                "? explains everything.",
                title="First day",
                timeout=10,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Order and End-turn keys are hidden in read-only mode, dimmed once the game is over."""
        if action in ("end_turn", "order", "save"):
            if self.read_only:
                return False
            if self.view.state.game_over and action != "save":
                return None
        return True

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
        """Redraw everything from the view (after a turn, an order, a replay step). Panels in
        hidden tabs are redrawn when their tab is shown."""
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
        self.query_one(CorridorMap).show(
            map_state(self.scenario, state, self._selected, self.last_events())
        )
        n = len(view.queued)
        label = f"Orders ({n})" if n else "Orders"
        tab = self.query_one("#side", TabbedContent).get_tab("tab-orders")
        if str(tab.label) != label:
            tab.label = label
        self._stale = set(TABS.values())
        self._refresh_tab(self.query_one("#side", TabbedContent).active)
        self._refresh_recent()
        if state.game_over != self._was_over:
            self._was_over = state.game_over
            self.refresh_bindings()

    def _refresh_recent(self) -> None:
        """The strip under the map on tall screens: the day's main events, most serious first."""
        from game.ui.screens.turn_report import KIND_RANK
        from game.ui.widgets.event_log import KIND_MARK, event_markup

        recent = self.query_one("#recent", Static)
        events = [ev for ev in self.last_events() if ev.kind not in ("order", "needs")]
        if not events:
            recent.update("[dim]The day's main events appear here after you end a turn (n).[/]")
            return
        events.sort(key=lambda ev: KIND_RANK.get(ev.kind, 7))
        day = events[0].date
        lines = [f"[b]Last day, {day.day} {day:%b}[/] [dim](all of it in the log, 3)[/]"]
        lines += [
            f"{KIND_MARK.get(ev.kind, '·')} {event_markup(self.scenario, ev)}" for ev in events[:6]
        ]
        recent.update("\n".join(lines))

    def _refresh_tab(self, tab_id: str) -> None:
        """Redraw the panel of one tab if the view changed since it was last drawn."""
        if tab_id not in self._stale:
            return
        self._stale.discard(tab_id)
        view = self.view
        if tab_id == "tab-place":
            self.query_one(PlacePanel).show(
                self.scenario, view.state, self.last_events(), self._selected
            )
        elif tab_id == "tab-orders":
            self.query_one(OrderList).show(self.scenario, view.queued, self.queued_costs())
        elif tab_id == "tab-log":
            self.query_one(EventLog).show(self.last_events(), self.all_events())
        elif tab_id == "tab-trends":
            self.query_one(Trends).show(self._figures)

    @on(TabbedContent.TabActivated, "#side")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self._refresh_tab(event.pane.id)

    # --- selection ----------------------------------------------------------------------------

    @property
    def selected(self) -> str | None:
        """The selected location or road id."""
        return self._selected

    def select(self, place: str | None) -> None:
        """Select a place everywhere (map, panel)."""
        self._selected = place
        self.query_one(CorridorMap).select(place, announce=False)
        self.query_one(PlacePanel).show(self.scenario, self.view.state, self.last_events(), place)

    @on(PlaceSelected)
    def _place_selected(self, event: PlaceSelected) -> None:
        self._selected = event.place
        self.query_one(PlacePanel).show(
            self.scenario, self.view.state, self.last_events(), event.place
        )
        side = self.query_one("#side", TabbedContent)
        if side.active not in ("tab-place",) and not self.app.size.width >= 100:
            side.active = "tab-place"

    # --- actions ------------------------------------------------------------------------------

    def action_focus_map(self) -> None:
        self.query_one(CorridorMap).focus()

    def action_tab(self, name: str) -> None:
        self.query_one("#side", TabbedContent).active = TABS[name]

    def action_filter_log(self) -> None:
        self.action_tab("log")
        self._refresh_tab("tab-log")
        log = self.query_one(EventLog)
        place = self._selected if self._selected in self.scenario.location_by_id else None
        log.set_filter(place=place)
        log.query_one("#log-place").focus()

    def action_goto(self) -> None:
        from game.ui.screens.place_picker import PlacePickerScreen

        def chosen(place: str | None) -> None:
            if place:
                self.select(place)
                self.action_tab("place")

        self.app.push_screen(PlacePickerScreen(self.scenario), chosen)

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
                self._selected,
                checker=getattr(self.view, "check", None),
            ),
            self._order_given,
        )

    def _order_given(self, order: Any) -> None:
        if order is None:
            return
        reason = self.view.queue(order)  # type: ignore[attr-defined]
        if reason:
            self.notify(f"Refused: {reason}", severity="warning", timeout=6)
            return
        self.refresh_view()
        self.notify(f"Queued: {order_words(self.scenario, order)}", timeout=3)

    @on(OrderCancelled)
    def _cancel_order(self, event: OrderCancelled) -> None:
        if self.read_only:
            return
        queued = self.view.queued
        if 0 <= event.index < len(queued):
            words = order_words(self.scenario, queued[event.index])
            self.view.unqueue(event.index)  # type: ignore[attr-defined]
            self.refresh_view()
            self.notify(f"Cancelled: {words}", timeout=3)

    def action_end_turn(self) -> None:
        """Play the day with the queued orders, then show what changed and why."""
        from game.errors import CorridorError
        from game.ui.screens.turn_report import TurnReportScreen

        if self.read_only or self.view.state.game_over:
            return
        self.app.clear_notifications()  # the first day's hint has done its job
        session = self.view
        before = session.state
        try:
            events = session.end_turn()  # type: ignore[attr-defined]
        except CorridorError as error:  # e.g. the autosave could not be written
            self.notify(error.format(), severity="error", timeout=10)
            events = self.last_events()
        error = getattr(session, "autosave_error", None)
        if error is not None:
            self.notify(f"The autosave failed: {error.format()}", severity="error", timeout=10)
        if self._report is None:
            self._report = TurnReportScreen(self.scenario, before, session.state, events)
            self.app.install_screen(self._report, name=f"turn-report-{id(self)}")
        else:
            self._report.show_turn(before, session.state, events)
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
            self.show_end_report()

    def show_end_report(self) -> None:
        """The campaign against the no-intervention baseline."""
        from game.ui.screens.end_report import EndReportScreen

        self.app.push_screen(EndReportScreen(self.view))

    def action_save(self) -> None:
        from game.errors import CorridorError
        from game.ui.screens.prompt import PromptScreen

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = self.view.save(name)  # type: ignore[attr-defined]
            except CorridorError as error:
                self.notify(error.format(), severity="error", timeout=10)
                return
            self.notify(f"Saved to {path}", timeout=5)

        self.app.push_screen(
            PromptScreen(
                "Save the game as",
                value=f"turn-{self.view.state.turn}",
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

    # --- the command palette --------------------------------------------------------------------

    def palette_commands(self) -> list[tuple[str, Any, str]]:
        """The palette's commands on this screen (see `game.ui.support.commands`)."""
        from functools import partial

        cmds: list[tuple[str, Any, str]] = []
        if not self.read_only and not self.view.state.game_over:
            cmds += [
                ("End turn", self.action_end_turn, "Play the day with the queued orders (n)"),
                ("Send a convoy", partial(self.action_order, "convoy"), "Food, water or tents (c)"),
                ("Expand shelter", partial(self.action_order, "shelter"), "Lasting places (s)"),
                ("Negotiate a pause", partial(self.action_order, "pause"), "For a town (p)"),
                ("Negotiate a corridor", partial(self.action_order, "corridor"), "On a road (o)"),
                ("Evacuate people", partial(self.action_order, "evacuate"), "Along a corridor (e)"),
                ("Launch an appeal", partial(self.action_order, "appeal"), "Funds later (a)"),
                ("Save the game", self.action_save, "Under a name (ctrl+s)"),
            ]
        if self.view.state.game_over:
            cmds.append(("Show the end report", self.show_end_report, "The whole campaign"))
        cmds += [
            ("Open the log", partial(self.action_tab, "log"), "Every event, with sources (3)"),
            ("Filter the log by the selected place", self.action_filter_log, "(/)"),
            ("Show trends", partial(self.action_tab, "trends"), "Figures over time (4)"),
            ("Show queued orders", partial(self.action_tab, "orders"), "Cancel with x (2)"),
        ]
        for loc in sorted(self.scenario.locations, key=lambda loc: loc.name):
            cmds.append((f"Go to {loc.name}", partial(self.select, loc.id), loc.kind.value))
        return cmds
