"""A scenario compiled once for the engine: index arrays, adjacency, parameters, sides.

Built on first use and kept per scenario object (weakly): it depends on the scenario alone,
never on a game's state, so every rule can index places and roads instead of looking them up
by id in a loop.
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from game.scenario.model import FactionRole, LocationKind, Scenario
from game.scenario.parameters import PARAMETERS


class Params:
    """Every model parameter as an attribute: the scenario's value, else the registry default."""

    def __init__(self, scenario: Scenario) -> None:
        for name, spec in PARAMETERS.items():
            if name in scenario.model:
                value = float(scenario.model[name].value)
            else:
                value = float(spec.default if spec.default is not None else 0.0)
            setattr(self, name, value)

    def __getattr__(self, name: str) -> float:  # only for names not set above
        raise AttributeError(f"unknown model parameter {name!r}")


@dataclass(frozen=True, slots=True)
class Link:
    """One road seen from one of its ends."""

    road: int  # road index
    other: int  # location index at the other end
    km: float


@dataclass(frozen=True, slots=True)
class Network:
    """Index arrays of a scenario (positions match `scenario.locations` / `scenario.roads`).
    Read only: it describes the map, never a game's state."""

    loc_ids: tuple[str, ...]
    loc_index: Mapping[str, int]
    road_ids: tuple[str, ...]
    road_index: Mapping[str, int]
    road_a: tuple[int, ...]  # location index at each road's `a` end
    road_b: tuple[int, ...]
    road_km: tuple[float, ...]
    links: tuple[tuple[Link, ...], ...]  # the roads at each location, in road order
    is_camp: tuple[bool, ...]
    localities: tuple[int, ...]
    hub: tuple[bool, ...]
    attackers: frozenset[str]  # faction ids of role attacker
    params: Params
    timeline_index: Mapping[str, int]

    @classmethod
    def of(cls, scenario: Scenario) -> Network:
        """The network of `scenario` (use `network(scenario)`: built once per scenario)."""
        loc_ids = tuple(loc.id for loc in scenario.locations)
        loc_index = {lid: i for i, lid in enumerate(loc_ids)}
        road_a = tuple(loc_index[r.a] for r in scenario.roads)
        road_b = tuple(loc_index[r.b] for r in scenario.roads)
        road_km = tuple(float(r.km) for r in scenario.roads)
        links: list[list[Link]] = [[] for _ in loc_ids]
        for i, (a, b, km) in enumerate(zip(road_a, road_b, road_km, strict=True)):
            links[a].append(Link(i, b, km))
            if b != a:
                links[b].append(Link(i, a, km))
        road_ids = tuple(r.id for r in scenario.roads)
        return cls(
            loc_ids=loc_ids,
            loc_index=MappingProxyType(loc_index),
            road_ids=road_ids,
            road_index=MappingProxyType({rid: i for i, rid in enumerate(road_ids)}),
            road_a=road_a,
            road_b=road_b,
            road_km=road_km,
            links=tuple(tuple(at) for at in links),
            is_camp=tuple(loc.kind == LocationKind.CAMP for loc in scenario.locations),
            localities=tuple(loc.localities for loc in scenario.locations),
            hub=tuple(loc.hub for loc in scenario.locations),
            attackers=frozenset(f.id for f in scenario.factions if f.role == FactionRole.ATTACKER),
            params=Params(scenario),
            timeline_index=MappingProxyType({ev.id: i for i, ev in enumerate(scenario.timeline)}),
        )

    def other_end(self, road: int, place: int) -> int:
        """The place at the other end of `road` from `place`."""
        return self.road_b[road] if self.road_a[road] == place else self.road_a[road]

    def hostile(self, faction: str) -> bool:
        """True if `faction` attacks: civilians do not flee into its places, aid does not go."""
        return faction in self.attackers


_CACHE: weakref.WeakKeyDictionary[Scenario, Network] = weakref.WeakKeyDictionary()


def network(scenario: Scenario) -> Network:
    """The compiled network of `scenario` (built once per scenario object)."""
    net = _CACHE.get(scenario)
    if net is None:
        net = Network.of(scenario)
        _CACHE[scenario] = net
    return net


def shortest_route(
    net: Network,
    start: int,
    goal: int,
    usable: list[bool] | tuple[bool, ...],
    allowed: list[bool] | tuple[bool, ...],
) -> tuple[int, ...] | None:
    """Road indexes of the shortest route by km from `start` to `goal` over usable roads through
    allowed locations (ties broken by road order, so the answer is deterministic)."""
    if start == goal:
        return ()
    best = {start: 0.0}
    back: dict[int, tuple[int, int]] = {}
    heap: list[tuple[float, int]] = [(0.0, start)]
    while heap:
        dist, node = heapq.heappop(heap)
        if node == goal:
            break
        if dist > best.get(node, float("inf")):
            continue
        for link in net.links[node]:
            if not usable[link.road] or not allowed[link.other]:
                continue
            nd = dist + link.km
            if nd < best.get(link.other, float("inf")):
                best[link.other] = nd
                back[link.other] = (node, link.road)
                heapq.heappush(heap, (nd, link.other))
    if goal not in back:
        return None
    route: list[int] = []
    node = goal
    while node != start:
        prev, road = back[node]
        route.append(road)
        node = prev
    route.reverse()
    return tuple(route)


def distances_from(
    net: Network,
    start: int,
    usable: list[bool] | tuple[bool, ...],
    allowed: list[bool] | tuple[bool, ...],
) -> dict[int, float]:
    """Road km from `start` to every place reachable over usable roads through allowed places."""
    best = {start: 0.0}
    heap: list[tuple[float, int]] = [(0.0, start)]
    while heap:
        dist, node = heapq.heappop(heap)
        if dist > best[node]:
            continue
        for link in net.links[node]:
            if not usable[link.road] or not allowed[link.other]:
                continue
            nd = dist + link.km
            if nd < best.get(link.other, float("inf")):
                best[link.other] = nd
                heapq.heappush(heap, (nd, link.other))
    return best
