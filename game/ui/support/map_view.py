"""What the map shows of a game: who holds what, which roads are usable, who moves where, and
where the player's eye goes first. Pure functions from the engine's state to `mapdraw.MapState`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from game.ui.support import mapdraw

if TYPE_CHECKING:
    from game.engine import Event, State
    from game.scenario.model import Scenario


def day_flows(scenario: Scenario, state: State, events: Sequence[Event]) -> dict[str, int]:
    """People on the move by road (+ means from `a` to `b`): those still on the roads, and the
    main direction of each flight the last turn reported (its `toward` figure: the neighbouring
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
        place = ev.place
        if ev.kind != "displacement" or place is None or place not in scenario.location_by_id:
            continue
        people = int(ev.figures.get("people", 0) or 0)
        toward = ev.figures.get("toward")
        for road in scenario.roads_at(place):
            other = road.other_end(place)
            if other == toward:
                add(road.id, other, people)
                break
    return flows


def map_state(
    scenario: Scenario,
    state: State,
    selected: str | None,
    events: Sequence[Event] = (),
    levels: Mapping[str, int] | None = None,
) -> mapdraw.MapState:
    """What the map shows of `state`: control, road status, encirclement, people moving, and
    the level of each place on the layer shown, if any (`game.app.overview.layer_levels`)."""
    flows = day_flows(scenario, state, events)
    return mapdraw.MapState(
        control={ls.id: ls.control for ls in state.locations},
        road_status={rs.id: rs.status for rs in state.roads},
        encircled=frozenset(ls.id for ls in state.locations if ls.encircled),
        flows=flows,
        selected=selected,
        levels=dict(levels or {}),
    )


def first_selection(scenario: Scenario, state: State) -> str | None:
    """Where the player's eye should go first: an encircled town, else the most populous."""
    for ls in state.locations:
        if ls.encircled:
            return ls.id
    if not scenario.locations:
        return None
    return max(scenario.locations, key=lambda loc: loc.population).id
