"""A scenario compiled once for the engine: index arrays, adjacency, parameters, sides.

Built on first use and cached per scenario object (weakly), so every turn's work is linear
in locations + roads and no rule looks anything up by id in a loop.
"""

from __future__ import annotations

import heapq
import weakref
from dataclasses import dataclass

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


class Network:
    """Index arrays of a scenario (positions match `scenario.locations` / `scenario.roads`)."""

    def __init__(self, scenario: Scenario) -> None:
        self.loc_ids: tuple[str, ...] = tuple(loc.id for loc in scenario.locations)
        self.loc_index: dict[str, int] = {lid: i for i, lid in enumerate(self.loc_ids)}
        self.road_ids: tuple[str, ...] = tuple(r.id for r in scenario.roads)
        self.road_index: dict[str, int] = {rid: i for i, rid in enumerate(self.road_ids)}
        self.road_a: tuple[int, ...] = tuple(self.loc_index[r.a] for r in scenario.roads)
        self.road_b: tuple[int, ...] = tuple(self.loc_index[r.b] for r in scenario.roads)
        self.road_km: tuple[float, ...] = tuple(float(r.km) for r in scenario.roads)
        links: list[list[Link]] = [[] for _ in self.loc_ids]
        for i, (a, b, km) in enumerate(zip(self.road_a, self.road_b, self.road_km, strict=True)):
            links[a].append(Link(i, b, km))
            if b != a:
                links[b].append(Link(i, a, km))
        self.links: tuple[tuple[Link, ...], ...] = tuple(tuple(ls) for ls in links)
        self.is_camp: tuple[bool, ...] = tuple(
            loc.kind == LocationKind.CAMP for loc in scenario.locations
        )
        self.localities: tuple[int, ...] = tuple(loc.localities for loc in scenario.locations)
        self.hub: tuple[bool, ...] = tuple(loc.hub for loc in scenario.locations)
        self.attackers: frozenset[str] = frozenset(
            f.id for f in scenario.factions if f.role == FactionRole.ATTACKER
        )
        self.params = Params(scenario)
        self.timeline_index = {ev.id: i for i, ev in enumerate(scenario.timeline)}

    def hostile(self, faction: str) -> bool:
        """True if `faction` attacks: civilians do not flee into its places, aid does not go."""
        return faction in self.attackers


_CACHE: weakref.WeakKeyDictionary[Scenario, Network] = weakref.WeakKeyDictionary()


def network(scenario: Scenario) -> Network:
    """The compiled network of `scenario` (built once per scenario object)."""
    net = _CACHE.get(scenario)
    if net is None:
        net = Network(scenario)
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
