"""Built-in policies for headless play: each maps (scenario, state) to this turn's orders.

`none` is the no-intervention baseline. The others are strategy styles (DESIGN §7): `greedy`
(convoys to the largest unmet need, shelter where the unsheltered are most, appeals when funds
run low), `convoys` (aid first), `shelter` (shelter first), `diplomacy` (pauses, corridors and
evacuations first) and `random` (valid orders at random, seeded from the game's seed).
Every policy plans against the state the way a player would: an order is kept only if
`check_order` accepts it after the orders already chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.diplomacy import apply_orders
from game.engine.network import distances_from, network
from game.engine.orders import (
    Evacuate,
    ExpandShelter,
    LaunchAppeal,
    NegotiateCorridor,
    NegotiatePause,
    Order,
    SendConvoy,
    check_order,
    friendly_locations,
    usable_roads,
)
from game.engine.rng import Rng
from game.engine.state import Resources, State
from game.engine.threat import location_threats
from game.scenario.model import Cargo, LocationKind, OrderCost, RoadStatus, Scenario

Policy = Callable[[Scenario, State], list[Order]]


class Planner:
    """Chooses orders one by one against the state they would leave behind."""

    def __init__(self, scenario: Scenario, state: State) -> None:
        self.scenario = scenario
        self.state = state
        self.orders: list[Order] = []

    def add(self, order: Order) -> bool:
        """Keep `order` if it can be given after the ones already kept."""
        if check_order(self.scenario, self.state, order) is not None:
            return False
        self.state, _ = apply_orders(self.scenario, self.state, [order])
        # apply_orders plays the order as of the next turn; keep the turn number as it is
        self.orders.append(order)
        return True

    @property
    def resources(self) -> Resources:
        return self.state.resources


def _cost(scenario: Scenario, kind: str) -> OrderCost:
    return scenario.player.costs.get(kind, OrderCost())


def _convoy_trucks(scenario: Scenario) -> int:
    return max(1, _cost(scenario, "convoy").trucks)


def _unmet(scenario: Scenario, state: State) -> list[tuple[int, str, Cargo]]:
    """(unmet person-days over the next days, location, cargo) for food and water, largest
    first; only places not held by attackers and reachable from a hub."""
    net = network(scenario)
    p = net.params
    horizon = 3  # days a delivery should cover
    out: list[tuple[int, str, Cargo]] = []
    for i, loc in enumerate(state.locations):
        displaced = loc.sheltered + loc.unsheltered
        if not displaced or net.hostile(loc.control):
            continue
        gap = int(displaced * (1.0 - p.baseline_coverage)) * horizon
        in_transit = {Cargo.FOOD: 0, Cargo.WATER: 0}
        for convoy in state.convoys:
            if convoy.destination == loc.id and not convoy.returning and convoy.cargo in in_transit:
                in_transit[convoy.cargo] += convoy.amount
        for cargo, stock in ((Cargo.FOOD, loc.food), (Cargo.WATER, loc.water)):
            need = gap - stock - in_transit[cargo]
            if need > 0:
                out.append((need, net.loc_ids[i], cargo))
    out.sort(key=lambda x: (-x[0], x[1], x[2].value))
    return out


class Hubs:
    """Road km from every hub still held to every place, over today's open roads."""

    def __init__(self, scenario: Scenario, state: State) -> None:
        net = network(scenario)
        usable = usable_roads(scenario, state)
        friendly = friendly_locations(scenario, state)
        self.net = net
        self.dist = {
            net.loc_ids[i]: distances_from(net, i, usable, friendly)
            for i, is_hub in enumerate(net.hub)
            if is_hub and friendly[i]
        }

    def nearest(self, destination: str) -> str | None:
        j = self.net.loc_index[destination]
        best = min(
            ((d[j], hub) for hub, d in self.dist.items() if j in d and hub != destination),
            default=None,
        )
        return best[1] if best else None


def _send_convoys(plan: Planner, cargos: tuple[Cargo, ...], max_convoys: int) -> None:
    scenario, state = plan.scenario, plan.state
    trucks = _convoy_trucks(scenario)
    funds = _cost(scenario, "convoy").funds
    hubs = Hubs(scenario, state)
    sent = 0
    for _need, dest, cargo in _unmet(scenario, state):
        if sent >= max_convoys or plan.resources.trucks < trucks or plan.resources.funds < funds:
            return
        if cargo not in cargos:
            continue
        hub = hubs.nearest(dest)
        if hub is not None and plan.add(SendConvoy(hub, dest, cargo, trucks)):
            sent += 1


def _most_unsheltered(scenario: Scenario, state: State, calm: list[float]) -> list[str]:
    """Places with unsheltered displaced people, most first, where building makes sense."""
    net = network(scenario)
    p = net.params
    rows = []
    for i, loc in enumerate(state.locations):
        kind = scenario.locations[i].kind
        if (
            loc.unsheltered <= 0
            or net.hostile(loc.control)
            or loc.encircled
            or kind == LocationKind.CROSSING
            or calm[i] > p.threat_floor
        ):
            continue
        rows.append((-loc.unsheltered, loc.id))
    rows.sort()
    return [lid for _, lid in rows]


def _build_shelter(plan: Planner, reserve: int, max_orders: int) -> None:
    scenario = plan.scenario
    p = network(scenario).params
    threat = location_threats(scenario, plan.state)
    block = int(p.shelter_block)
    built = 0
    for lid in _most_unsheltered(scenario, plan.state, threat):
        if built >= max_orders:
            return
        loc = plan.state.location(lid)
        blocks = max(1, min(4, loc.unsheltered // block))
        while blocks:
            order = ExpandShelter(lid, blocks * block)
            cost = _cost(scenario, "shelter").funds * blocks
            if plan.resources.funds - cost >= reserve and plan.add(order):
                built += 1
                break
            blocks -= 1


def _send_tents(plan: Planner, max_convoys: int) -> None:
    scenario = plan.scenario
    trucks = _convoy_trucks(scenario)
    funds = _cost(scenario, "convoy").funds
    threat = location_threats(scenario, plan.state)
    hubs = Hubs(scenario, plan.state)
    sent = 0
    for lid in _most_unsheltered(scenario, plan.state, threat):
        if sent >= max_convoys or plan.resources.trucks < trucks or plan.resources.funds < funds:
            return
        pending = sum(
            c.amount
            for c in plan.state.convoys
            if c.destination == lid and c.cargo is Cargo.SHELTER and not c.returning
        )
        if pending >= plan.state.location(lid).unsheltered:
            continue
        hub = hubs.nearest(lid)
        if hub and plan.add(SendConvoy(hub, lid, Cargo.SHELTER, trucks)):
            sent += 1


def _appeal_if_low(plan: Planner) -> None:
    convoy = _cost(plan.scenario, "convoy").funds
    if plan.resources.funds < 3 * max(1, convoy):
        plan.add(LaunchAppeal())


def none_policy(scenario: Scenario, state: State) -> list[Order]:
    """Do nothing: the baseline."""
    return []


def greedy_policy(scenario: Scenario, state: State) -> list[Order]:
    """Convoys to the largest unmet needs, shelter where the unsheltered are most, appeals
    when funds run low."""
    plan = Planner(scenario, state)
    _appeal_if_low(plan)
    _send_convoys(plan, (Cargo.FOOD, Cargo.WATER), max_convoys=2)
    _send_tents(plan, max_convoys=1)
    _build_shelter(plan, reserve=2 * _cost(scenario, "convoy").funds, max_orders=1)
    return plan.orders


def convoys_policy(scenario: Scenario, state: State) -> list[Order]:
    """Aid first: every truck on the road with food and water, appeals to keep them going."""
    plan = Planner(scenario, state)
    _appeal_if_low(plan)
    _send_convoys(plan, (Cargo.FOOD, Cargo.WATER), max_convoys=4)
    return plan.orders


def shelter_policy(scenario: Scenario, state: State) -> list[Order]:
    """Shelter first: tents where people sleep in the open and lasting places behind them;
    trucks left over carry food and water."""
    plan = Planner(scenario, state)
    _appeal_if_low(plan)
    _send_tents(plan, max_convoys=2)
    _build_shelter(plan, reserve=_cost(scenario, "convoy").funds, max_orders=1)
    _send_convoys(plan, (Cargo.FOOD, Cargo.WATER), max_convoys=1)
    return plan.orders


def _threatened_towns(scenario: Scenario, state: State) -> list[tuple[float, int, str]]:
    net = network(scenario)
    threat = location_threats(scenario, state)
    rows = []
    for i, loc in enumerate(state.locations):
        if net.hostile(loc.control) or loc.population < 1000:
            continue
        if threat[i] > net.params.threat_floor:
            rows.append((threat[i], loc.population, loc.id))
    rows.sort(key=lambda r: (-r[0] * r[1], r[2]))
    return rows


def diplomacy_policy(scenario: Scenario, state: State) -> list[Order]:
    """Negotiation first: evacuate along agreed corridors, ask for corridors out of the most
    threatened towns and pauses for them; means left over go to convoys."""
    net = network(scenario)
    plan = Planner(scenario, state)
    threat = location_threats(scenario, state)
    block = int(net.params.evacuation_block)
    for r, road_state in enumerate(state.roads):
        if road_state.corridor_days <= 0 or road_state.status is RoadStatus.CLOSED:
            continue
        road = scenario.roads[r]
        a, b = net.loc_index[road.a], net.loc_index[road.b]
        end, other = (road.a, road.b) if threat[a] >= threat[b] else (road.b, road.a)
        loc = plan.state.location(end)
        if net.hostile(loc.control) or net.hostile(plan.state.location(other).control):
            continue
        people = min(loc.population, 4 * block)
        while people >= 1 and not plan.add(Evacuate(end, road.id, people)):
            people //= 2
    asked = {p.target for p in state.pending if p.kind == "corridor"}
    for _t, _pop, lid in _threatened_towns(scenario, state)[:2]:
        i = net.loc_index[lid]
        exits = []
        for road in scenario.roads_at(lid):
            r = net.road_index[road.id]
            j = net.loc_index[road.other_end(lid)]
            road_state = state.roads[r]
            if (
                road_state.status is RoadStatus.CLOSED
                or net.hostile(state.locations[j].control)
                or road_state.corridor_days
                or road.id in asked
            ):
                continue
            exits.append((threat[j], road.km, road.id))
        if exits and threat[i] > min(exits)[0]:
            plan.add(NegotiateCorridor(min(exits)[2]))
        plan.add(NegotiatePause(lid))
    _appeal_if_low(plan)
    _send_convoys(plan, (Cargo.FOOD, Cargo.WATER), max_convoys=2)
    return plan.orders


def random_policy(scenario: Scenario, state: State) -> list[Order]:
    """Valid orders picked at random (seeded from the game's seed and the turn)."""
    net = network(scenario)
    rng = Rng(state.seed)
    turn = state.turn + 1
    plan = Planner(scenario, state)
    count = int(rng.random(turn, "policy_count") * 4)
    friendly = [loc.id for loc in state.locations if not net.hostile(loc.control)]
    hubs = [lid for lid in friendly if net.hub[net.loc_index[lid]]]
    roads = [r.id for r in scenario.roads]
    for k in range(count):
        pick = rng.random(turn, "policy_kind", k)
        place = (
            friendly[int(rng.random(turn, "policy_place", k) * len(friendly))] if friendly else ""
        )
        if pick < 0.4 and hubs:
            hub = hubs[int(rng.random(turn, "policy_hub", k) * len(hubs))]
            cargo = list(Cargo)[int(rng.random(turn, "policy_cargo", k) * 3)]
            plan.add(SendConvoy(hub, place, cargo, _convoy_trucks(scenario)))
        elif pick < 0.6:
            plan.add(ExpandShelter(place, int(net.params.shelter_block)))
        elif pick < 0.7:
            plan.add(NegotiatePause(place))
        elif pick < 0.8 and roads:
            plan.add(NegotiateCorridor(roads[int(rng.random(turn, "policy_road", k) * len(roads))]))
        elif pick < 0.9:
            for road in scenario.roads_at(place):
                if plan.add(Evacuate(place, road.id, int(net.params.evacuation_block))):
                    break
        else:
            plan.add(LaunchAppeal())
    return plan.orders


POLICIES: dict[str, Policy] = {
    "none": none_policy,
    "greedy": greedy_policy,
    "convoys": convoys_policy,
    "shelter": shelter_policy,
    "diplomacy": diplomacy_policy,
    "random": random_policy,
}

__all__ = ["POLICIES", "Planner", "Policy"]
