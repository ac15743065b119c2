"""The player's orders take effect: costs are paid, convoys set out, negotiations and appeals
start and later resolve, evacuations move people through a corridor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from game.engine import events as ev
from game.engine.aid import cargo_amount
from game.engine.apportion import split_pools
from game.engine.events import Event
from game.engine.network import Params, network
from game.engine.orders import (
    Evacuate,
    ExpandShelter,
    LaunchAppeal,
    NegotiateCorridor,
    NegotiatePause,
    Order,
    SendConvoy,
    check_order,
    order_cost,
    shortest_open_route,
)
from game.engine.state import Convoy, Pending, State
from game.engine.work import Work
from game.scenario.model import RoadStatus, Scenario
from game.turns import turn_date


def resources_factor(scenario: Scenario, difficulty: str | None) -> float:
    """The difficulty's resources multiplier (1 without a preset)."""
    for preset in scenario.difficulties:
        if preset.id == difficulty:
            return preset.resources
    return 1.0


def _event(
    turn: int,
    date: dt.date,
    kind: str,
    place: str | None,
    cause: str,
    message: str,
    figures: dict[str, int | float] | None = None,
) -> Event:
    return Event(turn, date, kind, place, cause, message, figures or {})


def apply_orders(
    scenario: Scenario, state: State, orders: Sequence[Order]
) -> tuple[State, list[Event]]:
    """Apply orders in sequence to `state` (before the turn's rules run); a refused order costs
    nothing and is logged with its reason."""
    turn = state.turn + 1
    date = turn_date(scenario.meta.start_date, scenario.meta.turn_days, turn)
    log: list[Event] = []
    for order in orders:
        reason = check_order(scenario, state, order)
        if reason is not None:
            log.append(
                _event(
                    turn,
                    date,
                    ev.REFUSED,
                    _place(order),
                    "order refused",
                    f"Order refused: {reason}.",
                    {},
                )
            )
            continue
        cost = order_cost(scenario, state, order)
        res = state.resources
        leverage_before = res.leverage
        state = replace(
            state,
            resources=replace(
                res,
                funds=res.funds - cost.funds,
                trucks=res.trucks - cost.trucks,
                leverage=res.leverage - cost.leverage,
            ),
        )
        state, message = _apply(scenario, state, order, cost.days, turn, leverage_before)
        spent = []
        if cost.funds:
            spent.append(f"{cost.funds} thousand USD")
        if cost.trucks:
            spent.append(ev.count(cost.trucks, "truck"))
        if cost.leverage:
            spent.append(f"{cost.leverage} leverage")
        suffix = f" (cost: {', '.join(spent)})" if spent else ""
        log.append(
            _event(
                turn,
                date,
                ev.ORDER,
                _place(order),
                "player order",
                message + suffix,
                {"funds": cost.funds, "trucks": cost.trucks, "leverage": cost.leverage},
            )
        )
    return state, log


def _place(order: Order) -> str | None:
    for name in ("destination", "location", "road"):
        value = getattr(order, name, None)
        if isinstance(value, str):
            return value
    return None


def _apply(
    scenario: Scenario, state: State, order: Order, days: int, turn: int, leverage: int
) -> tuple[State, str]:
    """Carry out an accepted order (costs already paid). Negotiations remember the leverage the
    player brought to the table (before paying), which sets their odds. An outcome `days` days
    away is due on the first turn that starts at least that many days later (with one-day
    turns, `days` turns on)."""
    later = -(-days // scenario.meta.turn_days)  # turns, rounded up
    net = network(scenario)
    names = scenario.location_by_id
    if isinstance(order, SendConvoy):
        route = shortest_open_route(scenario, state, order.origin, order.destination)
        assert route is not None  # checked
        amount = cargo_amount(net.params, order.cargo, order.trucks)
        convoy = Convoy(
            id=state.next_convoy_id,
            origin=order.origin,
            destination=order.destination,
            cargo=order.cargo,
            trucks=order.trucks,
            amount=amount,
            position=order.origin,
            route=tuple(net.road_ids[r] for r in route),
            km_left=net.road_km[route[0]],
        )
        counters = replace(state.counters, convoys_sent=state.counters.convoys_sent + 1)
        state = replace(
            state,
            convoys=(*state.convoys, convoy),
            counters=counters,
            next_convoy_id=state.next_convoy_id + 1,
        )
        return state, (
            f"Convoy {convoy.id} sets out from {names[order.origin].name} to "
            f"{names[order.destination].name} with {ev.count(order.trucks, 'truck')} of "
            f"{order.cargo.value}"
        )
    if isinstance(order, ExpandShelter):
        pend = [Pending("shelter", order.location, turn + later, order.places)]
        trucks = order_cost(scenario, state, order).trucks
        if trucks:
            pend.append(Pending("trucks", None, turn + max(1, later), trucks))
        state = replace(state, pending=(*state.pending, *pend))
        return state, (
            f"Work starts on {ev.count(order.places, 'shelter place')} at "
            f"{names[order.location].name}, ready in {ev.count(days, 'day')}"
        )
    if isinstance(order, NegotiatePause):
        pause = Pending("pause", order.location, turn + later, leverage)
        state = replace(state, pending=(*state.pending, pause))
        return state, f"Negotiation opens for a humanitarian pause at {names[order.location].name}"
    if isinstance(order, NegotiateCorridor):
        state = replace(
            state, pending=(*state.pending, Pending("corridor", order.road, turn + later, leverage))
        )
        return state, "Negotiation opens for a safe corridor along the road"
    if isinstance(order, Evacuate):
        return _evacuate(scenario, state, order, turn)
    if isinstance(order, LaunchAppeal):
        factor = resources_factor(scenario, state.difficulty)
        amount = int(net.params.appeal_funds * factor)
        counters = replace(state.counters, appeals=state.counters.appeals + 1)
        state = replace(
            state,
            counters=counters,
            pending=(*state.pending, Pending("appeal", None, turn + later, amount)),
        )
        return state, (
            f"An appeal to donors is launched; funds are expected in {ev.count(days, 'day')}"
        )
    raise AssertionError(f"unhandled order {order!r}")


def _evacuate(scenario: Scenario, state: State, order: Evacuate, turn: int) -> tuple[State, str]:
    net = network(scenario)
    road = scenario.road_by_id[order.road]
    i = net.loc_index[order.location]
    j = net.loc_index[road.other_end(order.location)]
    src = state.locations[i]
    r, s, u = split_pools(order.people, (src.residents, src.sheltered, src.unsheltered))
    locs = list(state.locations)
    locs[i] = replace(
        src,
        residents=src.residents - r,
        sheltered=src.sheltered - s,
        unsheltered=src.unsheltered - u,
        en_route=min(src.en_route, src.unsheltered - u),
    )
    dst = locs[j]
    free = max(0, dst.capacity + dst.tents - dst.sheltered)
    housed = min(free, order.people)
    locs[j] = replace(
        dst, sheltered=dst.sheltered + housed, unsheltered=dst.unsheltered + order.people - housed
    )
    pend = state.pending
    trucks = order_cost(scenario, state, order).trucks
    if trucks:
        pend = (*pend, Pending("trucks", None, turn + 1, trucks))
    c = state.counters
    counters = replace(
        c,
        evacuated=c.evacuated + order.people,
        displaced_since_december=c.displaced_since_december + r,
        displaced_in_game=c.displaced_in_game + r,
    )
    state = replace(state, locations=tuple(locs), pending=pend, counters=counters)
    return state, (
        f"{order.people:,} people are evacuated from {scenario.locations[i].name} "
        f"to {scenario.locations[j].name} through the corridor"
    )


def odds_for(p: Params, base: float, leverage: int, pressure_bonus: float) -> float:
    """Chance a negotiation succeeds: base + the leverage brought to it + international
    pressure (the statement ¶13, the envoy's visit ¶15) while it lasts."""
    odds = base + p.leverage_odds * leverage / 100.0 + pressure_bonus
    return max(0.0, min(1.0, odds))


def negotiation_odds(work: Work, base: float, leverage: int) -> float:
    """The odds of a negotiation resolved today, with the leverage spent on it."""
    return odds_for(work.p, base, leverage, work.diplomacy_bonus if work.diplomacy_days else 0.0)


def resolve_pending(work: Work) -> None:
    """Negotiations, shelter works, appeals and returning trucks due today; leverage grows
    by `leverage_per_day`."""
    keep: list[Pending] = []
    for item in work.pending:
        if item.due_turn > work.turn:
            keep.append(item)
        elif item.kind == "shelter":
            _shelter_ready(work, item)
        elif item.kind == "appeal":
            work.resources["funds"] += item.amount
            work.log(
                ev.APPEAL,
                None,
                "appeal",
                f"The appeal raises {item.amount} thousand USD.",
                {"funds": item.amount},
            )
        elif item.kind == "trucks":
            work.resources["trucks"] += item.amount
        elif item.kind == "pause":
            _pause_answer(work, item)
        elif item.kind == "corridor":
            _corridor_answer(work, item)
    work.pending = keep
    lev = int(work.p.leverage_per_day)
    if lev:
        work.resources["leverage"] = min(100, work.resources["leverage"] + lev)


def _target(item: Pending) -> str:
    assert item.target is not None  # shelter, pause and corridor items name their target
    return item.target


def _shelter_ready(work: Work, item: Pending) -> None:
    target = _target(item)
    i = work.net.loc_index[target]
    if work.hostile_at(i):
        work.log(
            ev.SHELTER,
            target,
            "capture",
            f"Shelter works at {work.name(i)} are lost: the attacking side now holds the place.",
        )
        return
    work.edit(i).capacity += item.amount
    work.log(
        ev.SHELTER,
        target,
        "player order",
        f"{item.amount:,} new shelter places are ready at {work.name(i)}.",
        {"places": item.amount},
    )


def _pause_answer(work: Work, item: Pending) -> None:
    p = work.p
    target = _target(item)
    i = work.net.loc_index[target]
    odds = negotiation_odds(work, p.pause_base_odds, item.amount)
    if not work.hostile_at(i) and work.rng.chance(odds, work.day, "pause", target):
        work.edit(i).pause_days = int(p.pause_days)
        work.counters["negotiations_won"] += 1
        message = (
            f"A humanitarian pause is agreed for {work.name(i)}, "
            f"for {ev.count(int(p.pause_days), 'day')}."
        )
    else:
        work.counters["negotiations_failed"] += 1
        message = f"No pause is agreed for {work.name(i)}."
    work.log(ev.NEGOTIATION, target, "negotiation", message, {"odds": round(odds, 2)})


def _corridor_answer(work: Work, item: Pending) -> None:
    p = work.p
    net = work.net
    target = _target(item)
    r = net.road_index[target]
    odds = negotiation_odds(work, p.corridor_base_odds, item.amount)
    a, b = work.name(net.road_a[r]), work.name(net.road_b[r])
    if work.roads[r].status is not RoadStatus.CLOSED and work.rng.chance(
        odds, work.day, "corridor", target
    ):
        work.edit_road(r).corridor_days = int(p.corridor_days)
        work.counters["negotiations_won"] += 1
        days = ev.count(int(p.corridor_days), "day")
        message = f"A safe corridor is agreed between {a} and {b}, for {days}."
    else:
        work.counters["negotiations_failed"] += 1
        message = f"No corridor is agreed between {a} and {b}."
    work.log(ev.NEGOTIATION, target, "negotiation", message, {"odds": round(odds, 2)})


def negotiation_chance(
    scenario: Scenario, state: State, kind: str, leverage: int | None = None
) -> float:
    """The chance a `pause` or `corridor` negotiation opened now would succeed. As in the
    engine, the odds count the leverage the player brings to the table, held before paying the
    order's cost (`leverage`; default: all held now, i.e. no other order queued before it),
    and today's international pressure (which may have faded by the day the answer comes)."""
    p = network(scenario).params
    base = p.pause_base_odds if kind == "pause" else p.corridor_base_odds
    held = state.resources.leverage if leverage is None else leverage
    bonus = state.diplomacy_bonus if state.diplomacy_days else 0.0
    return odds_for(p, base, held, bonus)
