"""How the built-in policies answer a dilemma, by one stated rule: each option's aid in
person-days of needs met (food and water delivered, tent places and people moved to shelter
for the days left) less what its cost would have bought as food convoys; the escort is worth
it only to a policy that lives by its convoys. The best option wins if it is worth more than
nothing; otherwise the default holds (no order)."""

from __future__ import annotations

from game.engine.aid import cargo_amount
from game.engine.network import network
from game.engine.orders import ChooseOption
from game.engine.policies.levers import SHELTER_HORIZON, food_weight
from game.engine.policies.planner import Planner, convoy_trucks, cost
from game.scenario.model import Cargo, DilemmaOption, Escort, HoldTrucks, Relocate, Stock


def option_value(plan: Planner, option: DilemmaOption, values_escort: bool) -> float:
    """The option's aid less its cost, in person-days (see the module docstring)."""
    p = network(plan.scenario).params
    days = min(plan.days_left, SHELTER_HORIZON)
    trucks = convoy_trucks(plan.scenario)
    convoy_funds = max(1, cost(plan.scenario, "convoy").funds)
    food_per_convoy = cargo_amount(p, Cargo.FOOD, trucks) * food_weight(plan)
    per_truck_day = food_per_convoy / trucks / 3  # a convoy's round trip takes about 3 days
    value = 0.0
    for effect in option.effects:
        if isinstance(effect, Stock):
            value += effect.food * food_weight(plan) + effect.water + effect.tents * days
        elif isinstance(effect, Relocate):
            value += effect.people * days
        elif isinstance(effect, HoldTrucks):
            value -= effect.trucks * effect.days * per_truck_day
        elif isinstance(effect, Escort) and values_escort:
            value += effect.days * food_per_convoy * 0.1  # a tenth of a convoy a day spared
    value -= option.cost.funds / convoy_funds * food_per_convoy
    value -= option.cost.trucks * per_truck_day
    return value


def choose(plan: Planner, values_escort: bool = False) -> None:
    """Answer every open dilemma by the rule; the default holds where nothing is worth more."""
    for event_id, _last in plan.state.open_dilemmas:
        event = next((e for e in plan.scenario.timeline if e.id == event_id), None)
        if event is None:
            continue
        scored = sorted(
            ((option_value(plan, o, values_escort), o.id) for o in event.options),
            key=lambda row: (-row[0], row[1]),
        )
        best_value, best = scored[0]
        if best != event.default and best_value > 0:
            plan.add(ChooseOption(event_id, best))
