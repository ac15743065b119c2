"""The built-in policies, each a style a player might follow (DESIGN §7)."""

from __future__ import annotations

from game.engine.network import network
from game.engine.orders import (
    Evacuate,
    ExpandShelter,
    LaunchAppeal,
    NegotiateCorridor,
    NegotiatePause,
    Order,
    SendConvoy,
)
from game.engine.policies import choices, levers
from game.engine.policies.planner import Planner, convoy_trucks, cost
from game.engine.rng import Rng
from game.engine.state import State
from game.scenario.model import Cargo, Scenario

AID = (Cargo.FOOD, Cargo.WATER)
EVERYTHING = (Cargo.SHELTER, Cargo.FOOD, Cargo.WATER)


def none_policy(scenario: Scenario, state: State) -> list[Order]:
    """Do nothing: the baseline (dilemmas take their default)."""
    return []


def greedy_policy(scenario: Scenario, state: State) -> list[Order]:
    """A sensible coordinator using every lever: appeals, the dilemmas' best options, every
    free truck on the road with what meets most need (food, water or tents), talks for the
    most threatened towns with the leverage appeals do not need, evacuations through agreed
    corridors, and lasting shelter with what funds are left above a reserve for convoys."""
    plan = Planner(scenario, state)
    choices.choose(plan)
    levers.appeal(plan)
    levers.send_aid(plan, EVERYTHING, max_convoys=8)
    levers.negotiate(plan, max_talks=1, keep=2 * cost(scenario, "appeal").leverage + 10)
    convoy_funds = cost(scenario, "convoy").funds
    if plan.resources.funds > 6 * convoy_funds:  # means to spare beyond the convoys
        levers.evacuate(plan, max_blocks=2)
        levers.build_shelter(plan, reserve=6 * convoy_funds)
    return plan.orders


def convoys_policy(scenario: Scenario, state: State) -> list[Order]:
    """Aid first: every truck on the road with food and water, appeals to keep them going."""
    plan = Planner(scenario, state)
    choices.choose(plan, values_escort=True)
    levers.appeal(plan)
    levers.send_aid(plan, AID, max_convoys=8)
    return plan.orders


def shelter_policy(scenario: Scenario, state: State) -> list[Order]:
    """Shelter first: tents where people sleep in the open and lasting places behind them."""
    plan = Planner(scenario, state)
    choices.choose(plan)
    levers.appeal(plan)
    levers.send_aid(plan, (Cargo.SHELTER,), max_convoys=8)
    levers.build_shelter(plan, reserve=0, max_orders=2)
    return plan.orders


def diplomacy_policy(scenario: Scenario, state: State) -> list[Order]:
    """Negotiation first: pauses and corridors for the most threatened towns, evacuations
    through every corridor agreed, appeals to pay for them; no convoys."""
    plan = Planner(scenario, state)
    choices.choose(plan)
    levers.evacuate(plan)
    levers.negotiate(plan, max_talks=2)
    levers.appeal(plan)
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
            plan.add(SendConvoy(hub, place, cargo, convoy_trucks(scenario)))
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
