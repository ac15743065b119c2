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
        return _negotiation(scenario, state, order, queued)
    if isinstance(order, Evacuate):
        road = scenario.road_by_id[order.road]
        dest = road.other_end(order.location)
        ds = state.location(dest)
        free = max(0, ds.capacity + ds.tents - ds.sheltered)
        onward = (
            f" Beyond it, buses take them on to places with free shelter and little threat "
            f"within {params.evacuation_range_km:g} km."
            if params.evacuation_range_km > 0
            else ""
        )
        return (
            f"Moves {fmt.count(order.people, 'person', 'people')} from "
            f"{escape(_name(scenario, order.location))} to {escape(_name(scenario, dest))} "
            f"through the corridor this turn; {fmt.people(free)} free shelter places there."
            f"{onward} The trucks come back after some days."
        )
    if isinstance(order, LaunchAppeal):
        from game.engine.diplomacy import resources_factor
        from game.engine.supplies import tranches

        amount = int(params.appeal_funds * resources_factor(scenario, state.difficulty))
        parts = tranches(amount, int(params.appeal_days))
        over = (
            f", the first {fmt.money(parts[0])} in {fmt.count(cost.days, 'day')}, the rest over "
            f"{fmt.count(len(parts) - 1, 'more day')}"
            if len(parts) > 1
            else f", available in {fmt.count(cost.days, 'day')}"
        )
        last = state.turn + 1 + cost.days + len(parts) - 1
        late = " Part of it would arrive after the last day." if last > scenario.meta.turns else ""
        return (
            f"Raises about {fmt.money(amount)} from donors{over}. It costs some leverage now.{late}"
        )
    return ""


def _negotiation(scenario: Scenario, state: State, order: Order, queued: Sequence[Order]) -> str:
    """The odds as the engine fixes and rolls them, where they come from, and what can void
    the talks before the answer (with the timeline's chance of it)."""
    from game.engine import NegotiateCorridor, NegotiatePause, order_cost
    from game.engine.diplomacy import negotiation_chance
    from game.engine.forecast import place_outlook, road_outlook
    from game.engine.network import network

    params = network(scenario).params
    cost = order_cost(scenario, state, order)
    # Queued orders are paid first; the odds count the leverage held when this one is given.
    held = max(
        0, state.resources.leverage - sum(order_cost(scenario, state, q).leverage for q in queued)
    )
    odds = negotiation_chance(scenario, state, order.kind, leverage=held)
    base = (
        params.pause_base_odds if isinstance(order, NegotiatePause) else params.corridor_base_odds
    )
    parts = [
        f"{fmt.percent(base)} to begin with",
        f"{fmt.percent(params.leverage_odds * held / 100)} for the {held} leverage you bring",
    ]
    if state.diplomacy_days and state.diplomacy_bonus:
        parts.append(f"{fmt.percent(state.diplomacy_bonus)} for international pressure")
    if state.escort_days and state.escort_penalty:
        parts.append(f"minus {fmt.percent(state.escort_penalty)} for the armed escort")
    answer = max(1, cost.days)
    if isinstance(order, NegotiatePause):
        days = int(params.pause_days)
        what = (
            f"a pause of {fmt.count(days, 'day')} at {escape(_name(scenario, order.location))}: "
            "bombardment eases, the response reaches the town as in calm, and a capture there is "
            "postponed, not prevented"
        )
        fall = place_outlook(scenario, state, answer).get(order.location)
        void = (
            f" Void if {escape(_name(scenario, order.location))} falls first: the timeline gives "
            f"that {fmt.percent(fall.chance)} by the answer ({escape(fall.event.title)})."
            if fall is not None
            else ""
        )
    else:
        assert isinstance(order, NegotiateCorridor)
        road = scenario.road_by_id[order.road]
        days = int(params.corridor_days)
        what = (
            f"a safe corridor for {fmt.count(days, 'day')} between "
            f"{escape(_name(scenario, road.a))} and {escape(_name(scenario, road.b))}; "
            "people can then be evacuated along it (e)"
        )
        closing = road_outlook(scenario, state, answer).get(order.road)
        void = (
            f" Void if the road closes first: the timeline gives that "
            f"{fmt.percent(closing.chance)} by the answer ({escape(closing.event.title)})."
            if closing is not None and closing.status is RoadStatus.CLOSED
            else ""
        )
    when = (
        f"The answer comes in {fmt.count(cost.days, 'day')}"
        if cost.days
        else "The answer comes today"
    )
    return (
        f"Chance of agreement: [b]{fmt.percent(odds)}[/] ({', '.join(parts)}), fixed now: "
        f"{when.lower()[0] + when[1:]} and is drawn at exactly this chance.{void} "
        f"If agreed: {what}. It costs {cost.leverage} leverage, spent even if refused."
    )


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
    escorted = bool(state.escort_days)
    if contested and not escorted:
        risk.append(
            f"{fmt.count(contested, 'contested road')}: held up one day in "
            f"{round(1 / params.convoy_delay_rate) if params.convoy_delay_rate else 0} there"
        )
    strike = params.convoy_strike_rate * worst * (state.escort_strike if escorted else 1.0)
    if strike > 0.005:
        risk.append(f"struck with a chance of up to {fmt.percent(strike)} a day on the worst road")
    risk_text = ("; ".join(risk) + ".") if risk else "No road on the way is contested or shelled."
    ds = state.location(order.destination)
    if state.turn + days > scenario.meta.turns:
        risk_text += " It would arrive after the last day: its load would not be handed out."
    return (
        f"Route: {names}, {km:g} km, about {fmt.count(days, 'day')}. {risk_text} "
        f"Carries {carries}. At {escape(_name(scenario, order.destination))} now: "
        f"{fmt.people(ds.displaced)} displaced, {fmt.people(ds.unsheltered)} without shelter."
    )
