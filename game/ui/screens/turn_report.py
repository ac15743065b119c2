"""The turn report: what changed during the day and why, the figures first, then a few lines
per place (the log has every event)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.inert import markup_escape as escape
from game.text import format as fmt
from game.ui.widgets.event_log import KIND_MARK, event_markup
from game.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from game.engine import Event, State
    from game.scenario.model import Scenario

LINES_PER_PLACE = 3
MAX_PLACES = 12  # the report stays short; the log has the rest
# What matters most comes first within a place.
KIND_RANK = {
    "capture": 0,
    "fall": 0,
    "encirclement": 1,
    "trapped": 1,
    "harm": 2,
    "displacement": 3,
    "negotiation": 3,
    "evacuation": 3,
    "convoy": 4,
    "arrival": 5,
    "shelter": 5,
    "needs": 6,
}
PLAYER_KINDS = ("order", "refused")


def figures_markup(scenario: Scenario, before: State, after: State) -> str:
    """The day's figures with their change, harm marked as an estimate."""
    from game.engine import turn_figures

    b = turn_figures(scenario, before)
    a = turn_figures(scenario, after)

    def pair(label: str, now: float, then: float, estimate: bool = False) -> str:
        est = " [i](estimate)[/]" if estimate else ""
        return f"{label} [b]{fmt.people(now)}[/] ({fmt.delta(now - then)}){est}"

    lines = [
        f"Newly displaced today [b]{fmt.people(a.displaced_new)}[/] · "
        + pair("displaced since December", a.displaced_since_december, b.displaced_since_december),
        pair("Without shelter", a.unsheltered, b.unsheltered)
        + " · "
        + pair("in shelter", a.sheltered, b.sheltered),
        f"Trapped [b]{fmt.people(a.trapped)}[/] · "
        + pair("harmed so far", a.harmed_estimate, b.harmed_estimate, estimate=True)
        + f" · needs covered [b]{round(a.needs_covered_pct)}%[/]",
        f"Convoys delivered {a.convoys_delivered} "
        f"({fmt.delta(a.convoys_delivered - b.convoys_delivered)}), blocked "
        f"{a.convoys_blocked} ({fmt.delta(a.convoys_blocked - b.convoys_blocked)})"
        f" · localities taken {a.localities_taken} "
        f"({fmt.delta(a.localities_taken - b.localities_taken)})",
    ]
    return "\n".join(lines)


def report_markup(scenario: Scenario, events: Sequence[Event]) -> str:
    """The events grouped: your orders, the region, then each place (most eventful first),
    at most `LINES_PER_PLACE` lines each."""
    mine = [ev for ev in events if ev.kind in PLAYER_KINDS]
    rest = [ev for ev in events if ev.kind not in PLAYER_KINDS]
    region = [ev for ev in rest if ev.place is None]
    by_place: dict[str, list[Event]] = {}
    for ev in rest:
        if ev.place is not None:
            by_place.setdefault(ev.place, []).append(ev)

    def place_key(item: tuple[str, list[Event]]) -> tuple:
        place, evs = item
        return (min(KIND_RANK.get(e.kind, 7) for e in evs), -len(evs), place)

    out: list[str] = []

    def section(title: str, evs: list[Event]) -> None:
        if not evs:
            return
        out.append(f"[b $accent]{escape(title)}[/]")
        ranked = sorted(evs, key=lambda e: KIND_RANK.get(e.kind, 7))
        for ev in ranked[:LINES_PER_PLACE]:
            line = event_markup(scenario, ev)
            if ev.place is not None and line.startswith("[b]"):
                line = line.split("[/]: ", 1)[-1]  # the heading already names the place
            out.append(f" {KIND_MARK.get(ev.kind, '·')} {line}")
        if len(ranked) > LINES_PER_PLACE:
            out.append(f"   [dim]… and {len(ranked) - LINES_PER_PLACE} more in the log (3)[/]")

    from game.text.names import short_names

    short = short_names(scenario)

    def stem(loc_id: str) -> str:
        return scenario.location_by_id[loc_id].name.split(" (")[0]

    section("Your orders", mine)
    places = sorted(by_place.items(), key=place_key)
    for place, evs in places[:MAX_PLACES]:
        road = scenario.road_by_id.get(place)
        if place in scenario.location_by_id:
            title = stem(place)
        elif road:
            title = f"Road {short[road.a]} – {short[road.b]}"
        else:
            title = place
        section(title, evs)
    section("Across the region", region)
    if len(places) > MAX_PLACES:
        out.append(
            f"[dim]… and events in {len(places) - MAX_PLACES} more places: see the log (3).[/]"
        )
    if not out:
        out.append("[dim]A quiet day: nothing changed that the model reports.[/]")
    return "\n".join(out)


class TurnReportScreen(ModalScreen[None]):
    """After End turn: the day's figures and what happened where. Enter, n or Escape closes.

    The main screen keeps one instance installed and calls `show_turn()` before each push, so
    that ending a turn does not build a new screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,n,space,escape", "close", "Continue", id="report.close"),
    ]

    def __init__(
        self, scenario: Scenario, before: State, after: State, events: Sequence[Event]
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.before = before
        self.after = after
        self.events = tuple(events)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="report-box"):
            yield Static(self._title(), id="report-title", classes="dialog-title", markup=False)
            yield Static(
                figures_markup(self.scenario, self.before, self.after), id="report-figures"
            )
            with VerticalScroll(id="report-events"):
                yield Static(report_markup(self.scenario, self.events), id="report-text")
            yield Static(self._ending(), id="report-hint", classes="dialog-hint", markup=False)
        yield KeyBar()

    def _title(self) -> str:
        day = fmt.day(self.after.date)
        return f"Turn {self.after.turn} of {self.scenario.meta.turns} · {day}: what changed and why"

    def _ending(self) -> str:
        if self.after.game_over:
            return "The campaign is over: Enter shows the end report."
        return "Enter or n: back to the map · ↑↓ scroll · the log (3) has every event."

    def show_turn(self, before: State, after: State, events: Sequence[Event]) -> None:
        """Show another turn (the screen is reused from turn to turn)."""
        self.before, self.after, self.events = before, after, tuple(events)
        if not self.is_mounted:
            return  # compose() will read them
        self.query_one("#report-title", Static).update(self._title())
        self.query_one("#report-figures", Static).update(
            figures_markup(self.scenario, before, after)
        )
        self.query_one("#report-text", Static).update(report_markup(self.scenario, self.events))
        self.query_one("#report-hint", Static).update(self._ending())
        self.query_one("#report-events", VerticalScroll).scroll_home(animate=False)

    def on_mount(self) -> None:
        self.query_one("#report-events").focus()

    def on_screen_resume(self) -> None:
        self.query_one("#report-events").focus()

    def action_close(self) -> None:
        self.dismiss(None)
