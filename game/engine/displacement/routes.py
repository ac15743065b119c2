"""Route choice, as Flee draws it: how attractive each place is as a destination, how far
people trust each road, and the weight of each open first road out of a place.

A destination's score is `camp_weight` for a camp (1 for a town) times
`conflict_weight ^ threat`; a camp's is scaled by its free space (Flee's capacity factor,
never below `capacity_floor`), a town takes everyone. A route's weight is its end's score /
(`route_offset_km` + the route's km); a first road's weight is the sum over the routes of up to
`awareness_level` + 1 roads through it, times the road's safety. People moving on toward
shelter weigh a first road by the best route through it that ends at free shelter space.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.network import Link, Network
from game.engine.work import Place, Work
from game.scenario.model import RoadStatus


@dataclass(frozen=True, slots=True)
class Outlook:
    """What people know as the day starts: threat, who holds what, which roads are open, how
    attractive each place is and how safe each road (indexed like the network)."""

    threat: list[float]
    hostile: list[bool]
    closed: list[bool]
    flee_value: list[float]  # a place as a destination for people in flight or on their way
    onward_value: list[float]  # a place for people moving on toward shelter (0: not one)
    road_safety: list[float]


@dataclass(frozen=True, slots=True)
class FirstRoad:
    """An open road out of a place, with the Flee weight of the routes through it."""

    road: int
    toward: int  # the place it leads to
    km: float
    weight: float


def capacity_factor(places: int, occupied: int, full: float) -> float:
    """Flee's capacity factor: 1 below `full` occupancy of the shelter places, 0 when full."""
    if places <= 0:
        return 0.0
    occupancy = occupied / places
    if occupancy <= full:
        return 1.0
    if occupancy >= 1.0 or full >= 1.0:
        return 0.0
    return (1.0 - occupancy) / (1.0 - full)


def outlook(work: Work, threat: list[float], hostile: list[bool]) -> Outlook:
    """Today's outlook, from the places and roads as the displacement rule starts. Most places
    are towns out of danger (score 1) and most roads safe (1): only the others are worked out."""
    p = work.p
    is_camp = work.net.is_camp
    score = [p.camp_weight if camp else 1.0 for camp in is_camp]
    for k, t in enumerate(threat):
        if t > 0.0:
            score[k] *= p.conflict_weight**t
    flee_value = score[:]  # a town takes everyone; a camp by its free space
    onward_value = [0.0] * len(score)  # only places with free shelter space, out of danger
    for k, place in enumerate(work.locations):
        places = place.capacity + place.tents
        occupied = place.sheltered + place.unsheltered
        if is_camp[k]:
            space = capacity_factor(places, occupied, p.capacity_full_share)
            flee_value[k] *= max(p.capacity_floor, space)
        if places > occupied and not hostile[k] and threat[k] <= p.threat_floor:
            onward_value[k] = score[k] * capacity_factor(places, occupied, p.capacity_full_share)
    safety = [1.0] * len(work.roads)  # how far people trust a road: less under bombardment
    for r, road in enumerate(work.roads):  # or when contested
        contested = road.status is RoadStatus.CONTESTED
        if work.road_intensity[r] or contested:
            danger = p.road_danger_weight * work.road_intensity[r]
            if contested:
                danger += p.contested_danger
            safety[r] = max(0.05, 1.0 - danger)
    return Outlook(threat, hostile, work.closed_now(), flee_value, onward_value, safety)


def open_roads(net: Network, seen: Outlook, i: int, place: Place) -> list[Link]:
    """The roads people can take out of place `i`: open, not into attacker-held places, and
    only its open exits if it is encircled."""
    return [
        link
        for link in net.links[i]
        if not seen.hostile[link.other]
        and not seen.closed[link.road]
        and (not place.encircled or net.road_ids[link.road] in place.open_exits)
    ]


def flight_weight(
    net: Network, seen: Outlook, i: int, link: Link, depth: int, offset: float
) -> float:
    """The weight of first road `link` out of `i`: its routes of up to `depth` roads beyond
    it, never back to a place on the way or into attacker-held places, times its safety."""
    j = link.other
    reach = offset + link.km
    total = seen.flee_value[j] / reach
    if depth:
        total = _beyond(net, seen, j, (i, j), reach, depth, total)
    return total * seen.road_safety[link.road]


def _beyond(
    net: Network,
    seen: Outlook,
    node: int,
    path: tuple[int, ...],
    reach: float,
    left: int,
    total: float,
) -> float:
    """`total` plus the weights of the routes beyond `node` (reached by `path`, `reach` =
    offset + km so far), up to `left` more roads, added in depth-first order."""
    for link in net.links[node]:
        k = link.other
        if k in path or seen.hostile[k] or seen.closed[link.road]:
            continue
        further = reach + link.km
        total += seen.flee_value[k] / further
        if left > 1:
            total = _beyond(net, seen, k, (*path, k), further, left - 1, total)
    return total


def onward_options(
    net: Network, seen: Outlook, depth: int, offset: float, senders: list[bool]
) -> dict[int, dict[int, float]]:
    """For moving on toward shelter space: origin -> {first road: the best value / (offset +
    km) of the open paths through it, of up to `depth` + 1 roads, that end at a place with a
    positive onward value}, for the origins marked in `senders`. Walked backward from those
    places (in place order), so the cost grows with the places that have space, not with all
    places."""
    best: dict[int, dict[int, float]] = {}
    for k, value in enumerate(seen.onward_value):
        if value <= 0.0:
            continue
        for origin, road, total in _paths_into(net, seen, k, depth + 1):
            if not senders[origin]:
                continue
            weight = value / (offset + total)
            roads = best.setdefault(origin, {})
            if weight > roads.get(road, -1.0):
                roads[road] = weight
    return best


def _paths_into(net: Network, seen: Outlook, k: int, roads: int) -> list[tuple[int, int, float]]:
    """Open simple paths of up to `roads` roads ending at k, through places not held by
    attackers: (origin, its first road, the path's km), depth first."""
    out: list[tuple[int, int, float]] = []
    _walk_back(net, seen, k, 0.0, (k,), roads, out)
    return out


def _walk_back(
    net: Network,
    seen: Outlook,
    node: int,
    km: float,
    path: tuple[int, ...],
    left: int,
    out: list[tuple[int, int, float]],
) -> None:
    for link in net.links[node]:
        x = link.other
        if x in path or seen.hostile[x] or seen.closed[link.road]:
            continue
        total = km + link.km
        out.append((x, link.road, total))
        if left > 1:
            _walk_back(net, seen, x, total, (*path, x), left - 1, out)
