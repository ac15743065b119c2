"""The indicators bar: date and turn, the player's means, and the humanitarian figures with
their recent trend. Harm is always labelled as a model estimate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from game.text import format as fmt
from game.turns import current_turn, turn_date

if TYPE_CHECKING:
    from game.engine import State
    from game.scenario.model import Scenario


def figure(row: Any, name: str) -> float:
    """A named figure of a `TurnFigures` row (attribute or mapping)."""
    if isinstance(row, dict):
        return float(row.get(name) or 0)
    return float(getattr(row, name, 0) or 0)


def planning_date(scenario: Scenario, state: State) -> dt.date:
    """The date of the turn the player is on (`game.turns`: the last one once all are played;
    `state.date` is the date of the turn just played)."""
    meta = scenario.meta
    return turn_date(meta.start_date, meta.turn_days, current_turn(state.turn, meta.turns))


def indicators_markup(
    scenario: Scenario,
    state: State,
    history: Sequence[Any],
    *,
    wide: bool,
    queued_cost=None,
    queued: int = 0,
) -> str:
    """Two lines: the day and the means; the people. Sparklines when `wide`."""
    res = state.resources
    turn_shown = current_turn(state.turn, scenario.meta.turns)
    over = state.game_over
    day = f"[b]{fmt.day(planning_date(scenario, state))}[/]"
    turn = f"turn {turn_shown}/{scenario.meta.turns}" if not over else "campaign over"
    funds, trucks, leverage = res.funds, res.trucks, res.leverage
    if queued_cost is not None:
        funds -= queued_cost.funds
        trucks -= queued_cost.trucks
        leverage -= queued_cost.leverage
    means = f"funds [b]{fmt.money(funds)}[/] · trucks [b]{trucks}[/] · leverage [b]{leverage}[/]"
    if queued:
        means += f" [dim]· {queued} queued[/]"
    line1 = f"{day} · {turn} │ {means}"

    def item(label: str, name: str, value: float, suffix: str = "") -> str:
        sp = fmt.spark([figure(r, name) for r in history], 8) if wide else ""
        sp = f" [$primary]{sp}[/]" if sp else ""
        return f"{label} [b]{fmt.compact(value)}[/]{suffix}{sp}"

    c = state.counters
    unsheltered = sum(loc.unsheltered for loc in state.locations)
    items = [
        item(
            "Displaced since Dec" if wide else "Displ. since Dec",
            "displaced_since_december",
            c.displaced_since_december,
        ),
        item("Unsheltered", "unsheltered", unsheltered),
        item("Trapped", "trapped", state.day.trapped),
        item("Harmed (estimate)" if wide else "Harmed (est.)", "harmed_estimate", c.harmed),
    ]
    return line1 + "\n" + " · ".join(items)


class Indicators(Static):
    """The top bar of the main screen."""

    def show(
        self,
        scenario: Scenario,
        state: State,
        history: Sequence[Any],
        queued_cost=None,
        queued: int = 0,
    ) -> None:
        """Means are shown net of the queued orders' costs (`queued_cost`)."""
        self.update(
            indicators_markup(
                scenario,
                state,
                history,
                wide=self.app.size.width >= 110,
                queued_cost=queued_cost,
                queued=queued,
            )
        )
