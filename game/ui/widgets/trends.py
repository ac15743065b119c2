"""Trends: each humanitarian figure over the turns played, beside the no-intervention run of
the same seed over the same turns (never further: it would show what the dice hold)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.text import format as fmt
from game.ui.widgets.indicators import figure
from game.ui.widgets.paired_sparkline import PairedSparkline

SERIES = (
    ("displaced_since_december", "Displaced since December"),
    ("displaced_new", "Newly displaced (day)"),
    ("unsheltered", "Displaced without shelter"),
    ("sheltered", "Displaced in shelter"),
    ("trapped", "Trapped (no way out)"),
    ("harmed_estimate", "Harmed, cumulative (model estimate)"),
    ("needs_covered_pct", "Needs covered, % (day)"),
)
INTRO = (
    "Each figure over the days played: [b]you[/] above, [dim]none[/] below: the same seed "
    "played without any order, over the same days, on the same scale."
)


def _value_text(name: str, value: float) -> str:
    return f"{round(value)}%" if name.endswith("pct") else fmt.people(value)


def trend_text(label: str, name: str, mine: Sequence[float], base: Sequence[float]) -> str:
    """The line above a trend: first and latest value, and the baseline's latest."""
    if not mine:
        return f"{label}: after the first day"
    latest = _value_text(name, mine[-1])
    if len(mine) == 1:
        text = f"{label}: [b]{latest}[/] (a trend from the second day)"
    else:
        text = f"{label}: {_value_text(name, mine[0])} → [b]{latest}[/]"
    if len(base) >= len(mine):
        text += f"; without intervention {_value_text(name, base[len(mine) - 1])}"
    return text


class Trends(VerticalScroll):
    """One pair of bar rows per figure (yours and the no-intervention run's), with values."""

    def compose(self) -> ComposeResult:
        yield Static(INTRO, id="trend-intro", classes="trend-intro")
        for name, _label in SERIES:
            yield Static("", id=f"trend-label-{name}", classes="trend-label")
            yield PairedSparkline(id=f"trend-{name}", classes="trend")

    def show(self, history: Sequence[Any], baseline: Sequence[Any] = ()) -> None:
        """`history`: the figures of the turns played; `baseline`: the no-intervention run's
        figures of the same turns (or fewer: then only the player's are drawn)."""
        base_rows = list(baseline)[: len(history)]
        for name, label in SERIES:
            mine = [figure(r, name) for r in history]
            base = [figure(r, name) for r in base_rows]
            spark = self.query_one(f"#trend-{name}", PairedSparkline)
            spark.mine = tuple(mine)
            spark.baseline = tuple(base)
            # One value has no trend: a lone full bar would suggest a maximum.
            spark.display = len(mine) >= 2
            self.query_one(f"#trend-label-{name}", Static).update(
                trend_text(label, name, mine, base)
            )
