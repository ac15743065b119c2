"""Threat as people feel it now: for the UI, the policies and tests (no state change)."""

from __future__ import annotations

from game.engine import bombardment, displacement
from game.engine.rng import Rng
from game.engine.state import State
from game.engine.work import Work
from game.scenario.model import Scenario


def location_threats(scenario: Scenario, state: State) -> list[float]:
    """Threat 0..1 at each location (same order as `scenario.locations`), from front
    proximity, bombardment, encirclement and projected threats as they stand in `state`."""
    work = Work(scenario, state, Rng(state.seed))
    bombardment.intensities(work)
    hostile = [work.hostile_at(i) for i in range(work.n_locs)]
    return displacement.threats(work, hostile)


def threat_by_id(scenario: Scenario, state: State) -> dict[str, float]:
    """The same, keyed by location id (rounded to 3 decimals for display)."""
    return {
        loc.id: round(t, 3)
        for loc, t in zip(scenario.locations, location_threats(scenario, state), strict=True)
    }


def trapped_people(scenario: Scenario, state: State) -> int:
    """People under threat (at least `trap_threat`) in places with no open road out to a place
    not held by attackers: what the displacement rule counts as trapped."""
    from game.scenario.model import RoadStatus

    work = Work(scenario, state, Rng(state.seed))
    bombardment.intensities(work)
    hostile = [work.hostile_at(i) for i in range(work.n_locs)]
    threat = displacement.threats(work, hostile)
    net = work.net
    limit = work.p.trap_threat
    total = 0
    for i, loc in enumerate(state.locations):
        if threat[i] < limit or not loc.population or (hostile[i] and not loc.fall_days):
            continue
        exits = [
            link
            for link in net.links[i]
            if not hostile[link.other]
            and state.roads[link.road].status is not RoadStatus.CLOSED
            and (not loc.encircled or net.road_ids[link.road] in loc.open_exits)
        ]
        if not exits:
            total += loc.population
    return total
