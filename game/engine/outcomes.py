"""The figures of a turn: the row of the outcomes table and of the CSV export."""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple, dataclass, fields
from operator import attrgetter

from game.engine.state import State
from game.scenario.model import Scenario

CSV_COLUMNS: tuple[str, ...] = (
    "turn",
    "date",
    "displaced_new",
    "displaced_since_december",
    "sheltered",
    "unsheltered",
    "trapped",
    "harmed_estimate",
    "needs_covered_pct",
    "convoys_delivered",
    "convoys_blocked",
    "localities_taken",
)


@dataclass(frozen=True, slots=True)
class TurnFigures:
    """One turn's figures. The first twelve are the CSV columns of issue 4; the rest follow.

    `displaced_new`, `reached`, `needs_covered_pct` and `trapped` are of the turn itself;
    `displaced_since_december`, `harmed_estimate`, `killed_estimate`, `convoys_*`,
    `localities_taken`, `evacuated` are cumulative; `sheltered` / `unsheltered` / `in_transit`
    are the displaced people where they stand at the end of the turn. Harm is a model estimate.
    """

    turn: int
    date: dt.date
    displaced_new: int
    displaced_since_december: int
    sheltered: int
    unsheltered: int
    trapped: int
    harmed_estimate: int
    needs_covered_pct: float
    convoys_delivered: int
    convoys_blocked: int
    localities_taken: int
    in_transit: int = 0
    killed_estimate: int = 0
    evacuated: int = 0
    reached: int = 0
    reached_person_days: int = 0
    sheltered_person_days: int = 0
    in_need: int = 0
    population: int = 0
    funds: int = 0
    trucks: int = 0
    leverage: int = 0

    def as_row(self) -> tuple[object, ...]:
        """Values in column order (dates as ISO strings)."""
        values = list(astuple(self))
        values[1] = self.date.isoformat()
        return tuple(values)


ALL_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(TurnFigures))

# HXL hashtags (hxlstandard.org) for the second line of an `--hxl` export.
HXL_TAGS: dict[str, str] = {
    "turn": "#indicator+turn",
    "date": "#date",
    "displaced_new": "#affected+idps+new",
    "displaced_since_december": "#affected+idps+total",
    "sheltered": "#affected+idps+sheltered",
    "unsheltered": "#affected+idps+unsheltered",
    "trapped": "#affected+trapped",
    "harmed_estimate": "#affected+harmed+estimate",
    "needs_covered_pct": "#reached+pct",
    "convoys_delivered": "#indicator+convoys+delivered",
    "convoys_blocked": "#indicator+convoys+blocked",
    "localities_taken": "#indicator+localities+taken",
    "in_transit": "#affected+idps+transit",
    "killed_estimate": "#affected+killed+estimate",
    "evacuated": "#affected+evacuated",
    "reached": "#reached",
    "reached_person_days": "#reached+person_days",
    "sheltered_person_days": "#affected+idps+sheltered+person_days",
    "in_need": "#inneed",
    "population": "#population",
    "funds": "#value+funds+usd_thousands",
    "trucks": "#capacity+trucks",
    "leverage": "#indicator+leverage",
    "seed": "#meta+seed",
    "policy": "#meta+policy",
}


_RESIDENTS, _SHELTERED, _UNSHELTERED = (
    attrgetter(name) for name in ("residents", "sheltered", "unsheltered")
)


def turn_figures(scenario: Scenario, state: State) -> TurnFigures:
    """The figures of the turn `state` ends."""
    del scenario  # every figure is in the state; kept for the contract
    locations = state.locations
    sheltered = sum(map(_SHELTERED, locations))
    unsheltered = sum(map(_UNSHELTERED, locations))
    population = sum(map(_RESIDENTS, locations)) + sheltered + unsheltered
    in_transit = state.in_transit
    c = state.counters
    d = state.day
    r = state.resources
    return TurnFigures(
        turn=state.turn,
        date=state.date,
        displaced_new=d.displaced_new,
        displaced_since_december=c.displaced_since_december,
        sheltered=sheltered,
        unsheltered=unsheltered,
        trapped=d.trapped,
        harmed_estimate=c.harmed,
        needs_covered_pct=d.needs_covered_pct,
        convoys_delivered=c.convoys_delivered,
        convoys_blocked=c.convoys_blocked,
        localities_taken=c.localities_taken,
        in_transit=in_transit,
        killed_estimate=c.killed,
        evacuated=c.evacuated,
        reached=d.reached,
        reached_person_days=c.reached_person_days,
        sheltered_person_days=c.sheltered_person_days,
        in_need=d.in_need,
        population=population + in_transit,
        funds=r.funds,
        trucks=r.trucks,
        leverage=r.leverage,
    )
