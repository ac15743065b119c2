"""The log: every event with its cause, figures and source, filterable by place, kind and turn.

Harm and flow figures carry `(estimate)`; a citation such as `article ¶7` ends each line that
the article reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Select

from game.inert import markup_escape as escape
from game.text import format as fmt
from game.text.names import short_label
from game.ui.support.messages import LogFilterChanged
from game.ui.widgets.lazy_text import LazyText

if TYPE_CHECKING:
    from game.engine import Event
    from game.scenario.model import Scenario

KIND_WORDS = {
    "order": "your orders",
    "refused": "refused orders",
    "negotiation": "negotiations",
    "appeal": "appeals",
    "shelter": "shelter",
    "convoy": "convoys",
    "displacement": "people fleeing",
    "arrival": "arrivals",
    "trapped": "trapped",
    "harm": "harm (estimates)",
    "evacuation": "evacuations",
    "fall": "places taken",
    "needs": "needs",
    "capture": "captures",
    "advance": "advances",
    "encirclement": "encirclements",
    "bombardment": "bombardment",
    "offensive": "offensives",
    "statement": "statements",
    "visit": "visits",
    "report": "reports",
}

THIS_TURN = "turn"
ALL_TURNS = "all"


def figures_text(event: Event) -> str:
    """`people 1,200, trucks 5` from an event's figures (zeros left out; an order's costs are
    already in its message)."""
    if event.kind in ("order", "refused"):
        return ""
    parts = []
    for name, value in event.figures.items():
        if not value or isinstance(value, str):  # ids of places the message names
            continue
        if isinstance(value, float) and not value.is_integer():
            shown = f"{value:.2f}".rstrip("0").rstrip(".")
        else:
            shown = fmt.people(value)
        parts.append(f"{name.replace('_', ' ')} {shown}")
    return ", ".join(parts)


def event_markup(scenario: Scenario, event: Event, *, with_date: bool = False) -> str:
    """One log entry: `[place] message — cause (figures) article ¶N`, as Textual markup."""
    where = ""
    if event.place:
        loc = scenario.location_by_id.get(event.place)
        road = scenario.road_by_id.get(event.place)
        name = (
            short_label(loc.name)
            if loc
            else (
                f"{short_label(scenario.location_by_id[road.a].name)}–"
                f"{short_label(scenario.location_by_id[road.b].name)}"
                if road
                else event.place
            )
        )
        stem = loc.name.split(" (")[0] if loc else name
        if stem not in event.message:  # the message already names its place
            where = f"[b]{escape(name)}[/]: "
    when = f"[dim]{fmt.short_day(event.date)}[/] " if with_date else ""
    line = f"{when}{where}{escape(event.message)}"
    details = []
    if event.cause and event.cause not in event.message and event.cause != "player order":
        details.append(escape(event.cause))
    figs = figures_text(event)
    if figs:
        details.append(escape(figs) + (" [i](estimate)[/]" if event.estimate else ""))
    elif event.estimate:
        details.append("[i]estimate[/]")
    if details:
        line += f" [dim]— {'; '.join(details)}[/]"
    if event.citation:
        line += f" [$accent]{escape(event.citation)}[/]"
    return line


class EventLog(Vertical):
    """The log with its filters (place, kind, this turn or all turns)."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self._events: Sequence[Event] = ()
        self._all: Sequence[Event] = ()
        self.place_filter: str | None = None
        self.kind_filter: str | None = None
        self.scope = THIS_TURN

    def compose(self) -> ComposeResult:
        places = [
            (loc.name, loc.id) for loc in sorted(self.scenario.locations, key=lambda loc: loc.name)
        ]
        with Horizontal(id="log-filters"):
            yield Select(
                places, prompt="All places", id="log-place", type_to_search=True, compact=True
            )
            yield Select(
                [(words, kind) for kind, words in KIND_WORDS.items()],
                prompt="All kinds",
                id="log-kind",
                type_to_search=True,
                compact=True,
            )
            yield Select(
                [("This turn", THIS_TURN), ("All turns", ALL_TURNS)],
                value=THIS_TURN,
                allow_blank=False,
                id="log-scope",
                compact=True,
            )
        with VerticalScroll(id="log-scroll"):
            yield LazyText(id="log-text")

    def show(self, turn_events: Sequence[Event], all_events: Sequence[Event]) -> None:
        """Give the events of the last turn and of the whole game so far."""
        self._events = turn_events
        self._all = all_events
        self._refresh_text()

    def set_filter(self, place: str | None = None, kind: str | None = None) -> None:
        """Filter by place and/or kind (None: all)."""
        self.query_one("#log-place", Select).value = place if place else Select.NULL
        self.query_one("#log-kind", Select).value = kind if kind else Select.NULL

    @on(Select.Changed)
    def _filters_changed(self, event: Select.Changed) -> None:
        event.stop()
        place = self.query_one("#log-place", Select).value
        kind = self.query_one("#log-kind", Select).value
        scope = self.query_one("#log-scope", Select).value
        self.place_filter = None if place is Select.NULL else str(place)
        self.kind_filter = None if kind is Select.NULL else str(kind)
        self.scope = str(scope)
        self._refresh_text()
        self.post_message(LogFilterChanged(self.place_filter, self.kind_filter))

    def shown_events(self) -> list[Event]:
        """The events the filters let through, in order."""
        pool = self._all if self.scope == ALL_TURNS else self._events
        return [
            ev
            for ev in pool
            if (self.place_filter is None or ev.place == self.place_filter)
            and (self.kind_filter is None or ev.kind == self.kind_filter)
        ]

    def _refresh_text(self) -> None:
        self.query_one("#log-text", LazyText).show(self.markup)

    def markup(self) -> str:
        """The log as the filters show it."""
        shown = self.shown_events()
        if not shown:
            if not self._all:
                return "[dim]Nothing has happened yet: the log fills when you end a turn.[/]"
            return "[dim]No event matches these filters.[/]"
        with_date = self.scope == ALL_TURNS
        if with_date:
            shown = list(reversed(shown))  # newest first over the whole game
        return "\n".join(
            f"{KIND_MARK.get(ev.kind, '·')} {event_markup(self.scenario, ev, with_date=with_date)}"
            for ev in shown
        )


# A leading mark per kind, so the kind reads without colour.
KIND_MARK = {
    "order": "▸",
    "refused": "✗",
    "negotiation": "⚖",
    "appeal": "$",
    "shelter": "⌂",
    "convoy": "▣",
    "displacement": "→",
    "arrival": "↓",
    "trapped": "■",
    "harm": "!",
    "evacuation": "⇒",
    "fall": "●",
    "needs": "◔",
    "capture": "●",
    "advance": "▶",
    "encirclement": "◐",
    "bombardment": "✹",
    "offensive": "▶",
    "statement": "✉",
    "visit": "✉",
    "report": "✎",
}
