"""The roads an order dialog offers: the selected place's roads first, each marked with its
status (open, contested, closed) and an agreed corridor, with the words the filter matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.inert import markup_escape as escape
from game.scenario.model import RoadStatus
from game.text import format as fmt
from game.text.names import short_names
from game.ui.screens.choice import Choice
from game.ui.support import glyphs

if TYPE_CHECKING:
    from game.engine import State
    from game.scenario.model import Road, Scenario

STATUS_WORDS = {
    RoadStatus.OPEN: f"{glyphs.ROAD_OPEN} open",
    RoadStatus.CONTESTED: f"{glyphs.ROAD_CONTESTED} contested",
    RoadStatus.CLOSED: f"{glyphs.ROAD_CLOSED} closed",
}
CORRIDOR = "⇔"  # a negotiated corridor holds on the road


def road_choice(
    scenario: Scenario, state: State, road: Road, first: str | None, group: str
) -> Choice:
    """One road as a choice, named from `first` when it is one of its ends."""
    rs = state.road(road.id)
    a, b = road.a, road.b
    if first == b:
        a, b = b, a
    short = short_names(scenario)
    names = short[a], short[b]
    full = scenario.location_by_id[a].name, scenario.location_by_id[b].name
    marks = [STATUS_WORDS[rs.status]]
    if rs.corridor_days:
        left = fmt.count(rs.corridor_days, "day")
        marks.append(f"[b]{CORRIDOR} corridor agreed, {left} left[/]")
    highway = f"{road.highway}, " if road.highway else ""
    label = (
        f"{escape(names[0])} – {escape(names[1])}  [dim]{highway}{road.km:g} km[/]  "
        + " · ".join(marks)
    )
    search = f"{full[0]} {full[1]} {road.highway or ''} {rs.status.value}"
    if rs.corridor_days:
        search += " corridor agreed"
    return Choice(label, road.id, search, group)


def road_choices(
    scenario: Scenario, state: State, *, only_at: str | None = None, near: str | None = None
) -> list[Choice]:
    """The roads to offer: those of `only_at` (a place) alone, or every road with those of
    `near` (the selected place) first; within each group, agreed corridors first, then open,
    contested and closed roads, by name."""
    rank = {RoadStatus.OPEN: 1, RoadStatus.CONTESTED: 2, RoadStatus.CLOSED: 3}

    def order(road: Road) -> tuple[int, str]:
        rs = state.road(road.id)
        return (0 if rs.corridor_days else rank[rs.status], road.id)

    if only_at is not None:
        roads = sorted(scenario.roads_at(only_at), key=order)
        return [road_choice(scenario, state, r, only_at, "") for r in roads]
    here: list[Road] = []
    out: list[Choice] = []
    if near is not None and near in scenario.location_by_id:
        here = sorted(scenario.roads_at(near), key=order)
        heading = f"Roads of {scenario.location_by_id[near].name}"
        out += [road_choice(scenario, state, r, near, heading) for r in here]
    ids = {r.id for r in here}
    others = sorted((r for r in scenario.roads if r.id not in ids), key=order)
    out += [road_choice(scenario, state, r, None, "Other roads" if here else "") for r in others]
    return out
