"""The strip under the map on tall screens: the last day's main events, most serious first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from game.engine import Event
    from game.scenario.model import Scenario

SHOWN = 6


class RecentEvents(Static):
    """Up to six lines of the day's events; the log (3) has all of them."""

    def show(self, scenario: Scenario, events: Sequence[Event]) -> None:
        from game.ui.screens.turn_report import KIND_RANK
        from game.ui.widgets.event_log import KIND_MARK, event_markup

        main = [ev for ev in events if ev.kind not in ("order", "needs")]
        if not main:
            self.update("[dim]The day's main events appear here after you end a turn (n).[/]")
            return
        main.sort(key=lambda ev: KIND_RANK.get(ev.kind, 7))
        day = main[0].date
        lines = [f"[b]Last day, {day.day} {day:%b}[/] [dim](all of it in the log, 3)[/]"]
        lines += [
            f"{KIND_MARK.get(ev.kind, '·')} {event_markup(scenario, ev)}" for ev in main[:SHOWN]
        ]
        self.update("\n".join(lines))
