"""Every place at a glance, for the overview table and the map's layers: who is there, who is
without shelter or trapped, how much of their needs is met, the threat they feel, and the
timeline's chance that the front takes the place within a few days (`engine.forecast`).

Read-only: the figures are the engine's (its state, its threat view, its needs rule and the
last turn's events); nothing here decides anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.scenario.model import FactionRole

if TYPE_CHECKING:
    from game.engine import Event, State
    from game.scenario.model import Scenario

OUTLOOK_DAYS = 5  # how far ahead the `front` layer looks (as the place panel's outlook)

LAYERS = ("unsheltered", "needs", "threat", "front")
LAYER_WORDS = {
    "unsheltered": "people without shelter",
    "needs": "needs not met",
    "threat": "threat felt",
    "front": f"capture expected within {OUTLOOK_DAYS} days",
}
# Where each level of a layer starts (levels 1, 2, 3; below the first: level 0, nothing drawn)
LAYER_STEPS = {
    "unsheltered": (1, 5_000, 20_000),  # people
    "needs": (10.0, 40.0, 70.0),  # % of today's needs not met, the worst of the three
    "threat": (0.01, 0.25, 0.6),  # 0..1, the place panel's light / heavy / very heavy
    "front": (0.05, 0.25, 0.6),  # the timeline's chance of a capture within OUTLOOK_DAYS
}


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place's line of the overview. Needs are % of its displaced people whose food,
    water and shelter are covered today (None when nobody displaced is there, or it is held by
    the attacking side: no aid reaches it)."""

    id: str
    name: str
    held_by_attacker: bool
    encircled: bool
    residents: int
    sheltered: int
    unsheltered: int
    trapped: int
    food_pct: float | None
    water_pct: float | None
    shelter_pct: float | None
    threat: float
    capture_chance: float = 0.0  # of the likeliest capture within OUTLOOK_DAYS (forecast)

    @property
    def needs_unmet_pct(self) -> float:
        """The worst-met need, as the share not met (0 when nothing is needed here)."""
        met = [p for p in (self.food_pct, self.water_pct, self.shelter_pct) if p is not None]
        return 100.0 - min(met) if met else 0.0


def trapped_by_place(events: Sequence[Event]) -> dict[str, int]:
    """People the last turn counted as trapped, per place (its `trapped` events)."""
    out: dict[str, int] = {}
    for ev in events:
        if ev.kind == "trapped" and ev.place is not None:
            out[ev.place] = out.get(ev.place, 0) + int(ev.figures.get("people", 0) or 0)
    return out


def place_rows(scenario: Scenario, state: State, events: Sequence[Event] = ()) -> list[PlaceRow]:
    """A row per location, in the scenario's order."""
    from game.engine.aid import needs_met
    from game.engine.forecast import place_outlook
    from game.engine.needs_harm import covered_by_response, params_of
    from game.engine.network import network
    from game.engine.threat import threat_by_id

    needs = params_of(network(scenario).params)
    attackers = {f.id for f in scenario.factions if f.role == FactionRole.ATTACKER}
    threats = threat_by_id(scenario, state)
    ahead = place_outlook(scenario, state, OUTLOOK_DAYS)
    trapped = trapped_by_place(events)
    rows = []
    for loc, ls in zip(scenario.locations, state.locations, strict=True):
        hostile = ls.control in attackers
        displaced = ls.sheltered + ls.unsheltered
        pcts: tuple[float | None, ...] = (None, None, None)
        if displaced and not hostile:
            response = covered_by_response(needs, ls.sheltered, ls.unsheltered, threats[loc.id])
            pcts = tuple(100.0 * met / displaced for met in needs_met(ls, response))
        food, water, shelter = pcts
        rows.append(
            PlaceRow(
                id=loc.id,
                name=loc.name,
                held_by_attacker=hostile,
                encircled=ls.encircled,
                residents=ls.residents,
                sheltered=ls.sheltered,
                unsheltered=ls.unsheltered,
                trapped=trapped.get(loc.id, 0),
                food_pct=food,
                water_pct=water,
                shelter_pct=shelter,
                threat=threats.get(loc.id, 0.0),
                capture_chance=ahead[loc.id].chance if loc.id in ahead else 0.0,
            )
        )
    return rows


def layer_value(row: PlaceRow, layer: str) -> float:
    """The figure a map layer shows for a place."""
    if layer == "unsheltered":
        return float(row.unsheltered)
    if layer == "needs":
        return row.needs_unmet_pct
    if layer == "threat":
        return row.threat
    if layer == "front":
        return row.capture_chance
    raise ValueError(f"unknown layer {layer!r}")


def layer_level(row: PlaceRow, layer: str) -> int:
    """0 (nothing to show) to 3, by the layer's steps (`LAYER_STEPS`)."""
    value = layer_value(row, layer)
    return sum(1 for step in LAYER_STEPS[layer] if value >= step)


def layer_levels(rows: Sequence[PlaceRow], layer: str) -> dict[str, int]:
    """Each place's level on a layer (places at level 0 left out)."""
    levels = {row.id: layer_level(row, layer) for row in rows}
    return {place: level for place, level in levels.items() if level}
