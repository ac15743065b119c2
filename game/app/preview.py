"""What an order is expected to do, in words, before the player commits it.

Read-only: it asks the engine (routes, cargo sizes, negotiation odds, parameters) and states
the answer; it never decides anything. Odds and travel times are stated as approximate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.inert import markup_escape as escape
from game.scenario.model import RoadStatus, Scenario
from game.text import format as fmt

if TYPE_CHECKING:
    from game.engine import Order, SendConvoy, State
    from game.engine.network import Params


def _name(scenario: Scenario, loc_id: str) -> str:
    loc = scenario.location_by_id.get(loc_id)
    return loc.name if loc else loc_id


def effect_markup(
    scenario: Scenario, state: State, order: Order, queued: Sequence[Order] = ()
) -> str:
    """A few sentences (Textual markup) on what `order` would do."""
    from game.engine import (
        Evacuate,
        ExpandShelter,
        LaunchAppeal,
        NegotiateCorridor,
        NegotiatePause,
        SendConvoy,
        order_cost,
    )
    from game.engine.network import network

    params = network(scenario).params
    cost = order_cost(scenario, state, order)
    if isinstance(order, SendConvoy):
        return _convoy(scenario, state, order, params)
    if isinstance(order, ExpandShelter):
        ls = state.location(order.location)
        return (
            f"Adds {fmt.people(order.places)} lasting shelter places at "
            f"{escape(_name(scenario, order.location))}, "
            f"ready in about {fmt.count(cost.days, 'day')}. "
            f"Now: {fmt.people(ls.capacity + ls.tents)} places for "
            f"{fmt.people(ls.displaced)} displaced people, "
            f"{fmt.people(ls.unsheltered)} of them without shelter."
        )
    if isinstance(order, NegotiatePause | NegotiateCorridor):
        from game.engine.diplomacy import negotiation_chance

        # Queued orders are paid first; the odds count the leverage held when this one is given.
        held = state.resources.leverage - sum(
            order_cost(scenario, state, q).leverage for q in queued
        )
        odds = negotiation_chance(scenario, state, order.kind, leverage=max(0, held))
        if isinstance(order, NegotiatePause):
            days = int(params.pause_days)
            what = (
                f"a pause of {fmt.count(days, 'day')} at "
                f"{escape(_name(scenario, order.location))}: "
                "bombardment eases and a capture there is postponed, not prevented"
            )
        else:
            road = scenario.road_by_id[order.road]
            days = int(params.corridor_days)
            what = (
                f"a safe corridor for {fmt.count(days, 'day')} between "
                f"{escape(_name(scenario, road.a))} and {escape(_name(scenario, road.b))}; "
                "people can then be evacuated along it (e)"
            )
        when = f" The answer comes in {fmt.count(cost.days, 'day')}." if cost.days else ""
        return (
            f"Chance of agreement: about [b]{fmt.percent(odds)}[/], from the "
            f"{max(0, held)} leverage you bring to the table; it costs {cost.leverage}. "
            f"If agreed: {what}. The leverage is spent even if it is refused.{when}"
        )
    if isinstance(order, Evacuate):
        road = scenario.road_by_id[order.road]
        dest = road.other_end(order.location)
        ds = state.location(dest)
        free = max(0, ds.capacity + ds.tents - ds.sheltered)
        return (
            f"Moves {fmt.count(order.people, 'person', 'people')} from "
            f"{escape(_name(scenario, order.location))} to {escape(_name(scenario, dest))} "
            f"through the corridor this turn; {fmt.people(free)} free shelter places there. "
            "The trucks come back after some days."
        )
    if isinstance(order, LaunchAppeal):
        from game.engine.diplomacy import resources_factor

        amount = int(params.appeal_funds * resources_factor(scenario, state.difficulty))
        return (
            f"Raises about {fmt.money(amount)} from donors, "
            f"available in {fmt.count(cost.days, 'day')}. "
            "It costs some leverage now."
        )
    return ""


def _convoy(scenario: Scenario, state: State, order: SendConvoy, params: Params) -> str:
    from game.engine.aid import cargo_amount
    from game.engine.intensity import road_intensity
    from game.engine.orders import shortest_open_route

    if order.origin == order.destination or order.trucks < 1:
        return ""
    route = shortest_open_route(scenario, state, order.origin, order.destination)
    if route is None:
        return f"No open road leads to {escape(_name(scenario, order.destination))}."
    stops = [order.origin]
    km = 0.0
    contested = 0
    worst = 0.0
    for r in route:
        road = scenario.roads[r]
        rs = state.roads[r]
        stops.append(road.other_end(stops[-1]))
        km += road.km
        if rs.status == RoadStatus.CONTESTED:
            contested += 1
        worst = max(worst, road_intensity(rs))
    days = max(1, math.ceil(km / params.convoy_km_per_day))
    from game.text.names import short_names

    short = short_names(scenario)
    names = " → ".join(escape(short.get(s, s)) for s in stops)
    amount = cargo_amount(params, order.cargo, order.trucks)
    if order.cargo.value == "shelter":
        carries = f"tents for about {fmt.count(amount, 'person', 'people')}"
    else:
        carries = (
            f"{order.cargo.value} for {fmt.people(amount)} person-days (a day's "
            f"{order.cargo.value} for {fmt.count(amount, 'person', 'people')})"
        )
    risk = []
    if contested:
        risk.append(f"{fmt.count(contested, 'contested road')}: it may be held up")
    if worst > 0.05:
        risk.append(f"bombardment on the way (up to {worst:.2f}): it may be struck")
    risk_text = ("; ".join(risk) + ".") if risk else "No road on the way is contested or shelled."
    ds = state.location(order.destination)
    return (
        f"Route: {names}, {km:g} km, about {fmt.count(days, 'day')}. {risk_text} "
        f"Carries {carries}. At {escape(_name(scenario, order.destination))} now: "
        f"{fmt.people(ds.displaced)} displaced, {fmt.people(ds.unsheltered)} without shelter."
    )
