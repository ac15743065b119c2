"""The levers a policy pulls, each a plain rule: convoys of food, water or tents to where they
meet most need per truck, lasting shelter, appeals, evacuations through agreed corridors, and
negotiations for the most threatened towns."""

from __future__ import annotations

from game.engine.aid import cargo_amount
from game.engine.network import network
from game.engine.orders import (
    Evacuate,
    ExpandShelter,
    LaunchAppeal,
    NegotiateCorridor,
    NegotiatePause,
    SendConvoy,
)
from game.engine.policies.planner import Hubs, Planner, convoy_trucks, cost, place_needs
from game.scenario.model import Cargo, RoadStatus

SHELTER_HORIZON = 20  # days a tent place is counted for when weighing it against food


def food_weight(plan: Planner) -> float:
    """What a person-day of food is worth against one of water today: hunger harms through a
    memory of `malnutrition_days`, so food that comes late prevents less before the end."""
    days = max(1.0, network(plan.scenario).params.malnutrition_days)
    return 1.0 - (1.0 - 1.0 / days) ** plan.days_left


def _candidates(plan: Planner, cargos: tuple[Cargo, ...]) -> list[tuple[float, str, Cargo]]:
    """(need met per convoy, place, cargo), best first."""
    p = network(plan.scenario).params
    trucks = convoy_trucks(plan.scenario)
    load = {cargo: cargo_amount(p, cargo, trucks) for cargo in Cargo}
    weight = food_weight(plan)
    days = min(plan.days_left, SHELTER_HORIZON)
    rows = []
    for need in place_needs(plan):
        if Cargo.FOOD in cargos and need.food_gap:
            rows.append((min(load[Cargo.FOOD], need.food_gap) * weight, need.id, Cargo.FOOD))
        if Cargo.WATER in cargos and need.water_gap:
            rows.append((float(min(load[Cargo.WATER], need.water_gap)), need.id, Cargo.WATER))
        if Cargo.SHELTER in cargos and need.unsheltered:
            places = min(load[Cargo.SHELTER], need.unsheltered)
            rows.append((float(places * days), need.id, Cargo.SHELTER))
    rows.sort(key=lambda row: (-row[0], row[1], row[2].value))
    return rows


def send_aid(plan: Planner, cargos: tuple[Cargo, ...], max_convoys: int) -> int:
    """Convoys of `cargos` to where each meets most need, while trucks and funds last; one
    convoy per place and cargo a turn. Returns how many were sent."""
    trucks = convoy_trucks(plan.scenario)
    hubs = Hubs(plan.scenario, plan.state)
    sent = 0
    for _value, destination, cargo in _candidates(plan, cargos):
        if sent >= max_convoys or plan.resources.trucks < trucks:
            break
        hub = hubs.nearest(destination)
        if hub is not None and plan.add(SendConvoy(hub, destination, cargo, trucks)):
            sent += 1
    return sent


def build_shelter(plan: Planner, reserve: int, max_orders: int = 1) -> None:
    """Lasting places where most people are without shelter and the front is far, with the
    funds above `reserve`."""
    p = network(plan.scenario).params
    block = int(p.shelter_block)
    per_block = cost(plan.scenario, "shelter").funds
    if plan.days_left <= cost(plan.scenario, "shelter").days:
        return
    built = 0
    needs = sorted(place_needs(plan), key=lambda n: (-n.unsheltered, n.id))
    for need in needs:
        if built >= max_orders or need.threat > p.threat_floor or need.unsheltered < block:
            continue
        blocks = min(4, need.unsheltered // block)
        while blocks:
            if plan.resources.funds - per_block * blocks >= reserve and plan.add(
                ExpandShelter(need.id, blocks * block)
            ):
                built += 1
                break
            blocks -= 1


def appeal(plan: Planner) -> None:
    """An appeal whenever none is under way (it is refused if its money would come too late)."""
    plan.add(LaunchAppeal())


def evacuate(plan: Planner, max_blocks: int = 8) -> int:
    """Move people out along every agreed corridor, from its more threatened end, in blocks of
    `evacuation_block`, as far as means allow. Returns the people moved."""
    scenario, state = plan.scenario, plan.state
    net = network(scenario)
    block = int(net.params.evacuation_block)
    moved = 0
    for r, road_state in enumerate(state.roads):
        if road_state.corridor_days <= 0 or road_state.status is RoadStatus.CLOSED:
            continue
        road = scenario.roads[r]
        a, b = net.loc_index[road.a], net.loc_index[road.b]
        end = road.a if plan.threat[a] >= plan.threat[b] else road.b
        if plan.threat[net.loc_index[end]] <= net.params.threat_floor:
            continue
        for _ in range(max_blocks):
            people = min(plan.state.location(end).population, block)
            if people < 1 or not plan.add(Evacuate(end, road.id, people)):
                break
            moved += people
    return moved


def _threatened(plan: Planner) -> list[tuple[float, str]]:
    """(threatened people, place) of places over the threat floor, most first."""
    net = network(plan.scenario)
    rows = []
    for i, loc in enumerate(plan.state.locations):
        if net.hostile(loc.control) or plan.threat[i] <= net.params.threat_floor:
            continue
        rows.append((plan.threat[i] * loc.population, loc.id))
    rows.sort(key=lambda r: (-r[0], r[1]))
    return rows


def negotiate(plan: Planner, max_talks: int = 2, keep: int = 0) -> None:
    """For the most threatened towns: a corridor on the road out toward the least threat (for
    evacuations), and a pause; with leverage above `keep` only."""
    scenario, state = plan.scenario, plan.state
    net = network(scenario)
    asked = {p.target for p in state.pending if p.kind in ("corridor", "pause")}
    talks = 0
    for _people, place in _threatened(plan)[:3]:
        if talks >= max_talks:
            return
        exits = []
        for road in scenario.roads_at(place):
            r = net.road_index[road.id]
            other = net.loc_index[road.other_end(place)]
            rs = state.roads[r]
            if (
                rs.status is RoadStatus.CLOSED
                or rs.corridor_days
                or road.id in asked
                or net.hostile(state.locations[other].control)
            ):
                continue
            exits.append((plan.threat[other], road.km, road.id))
        for order in (
            NegotiateCorridor(min(exits)[2]) if exits else None,
            None if place in asked else NegotiatePause(place),
        ):
            if order is None or talks >= max_talks:
                continue
            if plan.resources.leverage - cost(scenario, order.kind).leverage < keep:
                continue
            if plan.add(order):
                talks += 1
