"""Trends: each humanitarian figure over the turns played, as a labelled sparkline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from game.ui.support import format as fmt
from game.ui.widgets.indicators import figure

SERIES = (
    ("displaced_since_december", "Displaced since December"),
    ("displaced_new", "Newly displaced (day)"),
    ("unsheltered", "Displaced without shelter"),
    ("sheltered", "Displaced in shelter"),
    ("trapped", "Trapped (no way out)"),
    ("harmed_estimate", "Harmed, cumulative (model estimate)"),
    ("needs_covered_pct", "Needs covered, % (day)"),
)


class Trends(VerticalScroll):
    """One sparkline per figure, with its first and latest value."""

    def compose(self) -> ComposeResult:
        for name, label in SERIES:
            yield Static(label, id=f"trend-label-{name}", classes="trend-label")
            yield Sparkline([], id=f"trend-{name}", classes="trend")

    def show(self, history: Sequence[Any]) -> None:
        for name, label in SERIES:
            values = [figure(r, name) for r in history]
            spark = self.query_one(f"#trend-{name}", Sparkline)
            spark.data = values or [0.0]
            # One value has no trend: a lone full bar would suggest a maximum.
            spark.display = len(values) >= 2
            fmt_value = (lambda v: f"{round(v)}%") if name.endswith("pct") else fmt.people
            if not values:
                text = f"{label}: after the first day"
            elif len(values) == 1:
                text = f"{label}: [b]{fmt_value(values[0])}[/] (a trend from the second day)"
            else:
                text = f"{label}: {fmt_value(values[0])} → [b]{fmt_value(values[-1])}[/]"
            self.query_one(f"#trend-label-{name}", Static).update(text)
