"""Threat as people feel it: the displacement rule's threat at every place, and the same
figures for the interface, the policies and tests (`location_threats`, `trapped_people`).

A place's threat (0..1) combines independent chances: the front's nearness (within
`front_range_km` of an attacker-held place that borders a place not held by attackers),
bombardment, encirclement and a projected threat; a fallen town keeps `fall_threat` while
its people still flee.
"""

from __future__ import annotations

import heapq

from game.engine import bombardment
from game.engine.rng import Rng
from game.engine.state import State
from game.engine.work import Work
from game.scenario.model import RoadStatus, Scenario


def front_distances(work: Work, hostile: list[bool]) -> dict[int, float]:
    """Road km from each place within `front_range_km` to the nearest attacker-held place
    that borders a place not held by attackers (over any road: the front is felt)."""
    links = work.net.links
    limit = work.p.front_range_km
    dist: dict[int, float] = {}
    heap: list[tuple[float, int]] = []
    for i, held in enumerate(hostile):
        if held and any(not hostile[link.other] for link in links[i]):
            dist[i] = 0.0
            heap.append((0.0, i))
    heapq.heapify(heap)
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist[node]:
            continue
        for link in links[node]:
            nd = d + link.km
            if nd < limit and nd < dist.get(link.other, limit):
                dist[link.other] = nd
                heapq.heappush(heap, (nd, link.other))
    return dist


def threats(work: Work, hostile: list[bool]) -> list[float]:
    """Today's threat 0..1 at every place (`work.loc_intensity` must be set)."""
    p = work.p
    front = front_distances(work, hostile)
    out = [0.0] * len(work.locations)
    for i, place in enumerate(work.locations):
        if hostile[i]:
            if place.fall_days:
                out[i] = p.fall_threat
            continue
        keep = 1.0  # the chance that nothing threatens the place
        d = front.get(i)
        if d is not None:
            near = p.front_threat * (1.0 - d / p.front_range_km)
            if place.pause_days:
                near *= p.pause_bombardment_factor
            keep *= 1.0 - near
        intensity = work.loc_intensity[i]
        if intensity:
            keep *= 1.0 - min(1.0, p.bombardment_threat * intensity)
        if place.encircled:
            keep *= 1.0 - p.encirclement_threat
        if place.threat_days:
            keep *= 1.0 - place.threat
        if keep < 1.0:
            out[i] = 1.0 - keep
    return out


def _today(scenario: Scenario, state: State) -> tuple[Work, list[bool], list[float]]:
    work = Work(scenario, state, Rng(state.seed))
    bombardment.intensities(work)
    hostile = work.hostile_now()
    return work, hostile, threats(work, hostile)


def location_threats(scenario: Scenario, state: State) -> list[float]:
    """Threat 0..1 at each location (same order as `scenario.locations`), from front
    proximity, bombardment, encirclement and projected threats as they stand in `state`."""
    return _today(scenario, state)[2]


def threat_by_id(scenario: Scenario, state: State) -> dict[str, float]:
    """The same, keyed by location id (rounded to 3 decimals for display)."""
    return {
        loc.id: round(t, 3)
        for loc, t in zip(scenario.locations, location_threats(scenario, state), strict=True)
    }


def trapped_people(scenario: Scenario, state: State) -> int:
    """People under threat (at least `trap_threat`) in places with no open road out to a place
    not held by attackers: what the displacement rule counts as trapped."""
    work, hostile, threat = _today(scenario, state)
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
