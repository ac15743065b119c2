"""What every built-in policy plans with: a planner that keeps only orders the engine accepts,
the costs of orders, the nearest hub to a place, and today's needs place by place."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.diplomacy import apply_orders
from game.engine.needs_harm import covered_by_response, params_of
from game.engine.network import distances_from, network
from game.engine.orders import Order, check_order, friendly_locations, usable_roads
from game.engine.state import Resources, State
from game.engine.threat import location_threats
from game.scenario.model import Cargo, LocationKind, OrderCost, Scenario


class Planner:
    """Chooses orders one by one against the state they would leave behind."""

    def __init__(self, scenario: Scenario, state: State) -> None:
        self.scenario = scenario
        self.state = state
        self.orders: list[Order] = []
        self.threat = location_threats(scenario, state)

    def add(self, order: Order) -> bool:
        """Keep `order` if it can be given after the ones already kept."""
        if check_order(self.scenario, self.state, order) is not None:
            return False
        self.state, _ = apply_orders(self.scenario, self.state, [order])
        self.orders.append(order)
        return True

    @property
    def resources(self) -> Resources:
        return self.state.resources

    @property
    def days_left(self) -> int:
        """Turns still to play, this one included."""
        return max(0, self.scenario.meta.turns - self.state.turn)


def cost(scenario: Scenario, kind: str) -> OrderCost:
    return scenario.player.costs.get(kind, OrderCost())


def convoy_trucks(scenario: Scenario) -> int:
    return max(1, cost(scenario, "convoy").trucks)


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


@dataclass(frozen=True, slots=True)
class PlaceNeed:
    """One place's needs as a player reads them today, net of what is already on its way."""

    id: str
    displaced: int
    food_gap: int  # person-days a day not met by the existing response, stocks or convoys
    water_gap: int
    unsheltered: int  # without shelter, less tents on their way
    threat: float


def place_needs(plan: Planner, horizon: int = 3) -> list[PlaceNeed]:
    """Needs of every place not held by attackers with displaced people; the food and water
    gaps are over `horizon` days (what a convoy should cover)."""
    scenario, state = plan.scenario, plan.state
    net = network(scenario)
    needs = params_of(net.params)
    coming: dict[tuple[str, Cargo], int] = {}
    for convoy in state.convoys:
        if not convoy.returning:
            key = (convoy.destination, convoy.cargo)
            coming[key] = coming.get(key, 0) + convoy.amount
    out = []
    for i, loc in enumerate(state.locations):
        displaced = loc.sheltered + loc.unsheltered
        if not displaced or net.hostile(loc.control):
            continue
        if scenario.locations[i].kind is LocationKind.CROSSING:
            continue
        response = covered_by_response(needs, loc.sheltered, loc.unsheltered, plan.threat[i])
        daily = displaced - response
        food = daily * horizon - loc.food - coming.get((loc.id, Cargo.FOOD), 0)
        water = daily * horizon - loc.water - coming.get((loc.id, Cargo.WATER), 0)
        tents = coming.get((loc.id, Cargo.SHELTER), 0)
        out.append(
            PlaceNeed(
                id=loc.id,
                displaced=displaced,
                food_gap=max(0, food),
                water_gap=max(0, water),
                unsheltered=max(0, loc.unsheltered - tents),
                threat=plan.threat[i],
            )
        )
    return out
