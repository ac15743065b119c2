"""The player's orders take effect: costs are paid, convoys set out, negotiations and appeals
start and later resolve, evacuations move people through a corridor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from game.engine import events as ev
from game.engine.aid import cargo_amount
from game.engine.apportion import split_pools
from game.engine.dilemmas import apply_choice, choice_key, expire
from game.engine.events import Event
from game.engine.network import Params, distances_from, network
from game.engine.orders import (
    ChooseOption,
    Evacuate,
    ExpandShelter,
    LaunchAppeal,
    NegotiateCorridor,
    NegotiatePause,
    Order,
    SendConvoy,
    check_order,
    order_cost,
    scenario_option,
    shortest_open_route,
)
from game.engine.state import Convoy, Pending, State
from game.engine.supplies import tranches
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
        odds = negotiation_chance(scenario, state, "pause", leverage)
        item = Pending("pause", order.location, turn + later, leverage, round(odds, 4))
        state = replace(state, pending=(*state.pending, item))
        return state, (
            f"Negotiation opens for a humanitarian pause at {names[order.location].name}, "
            f"at a chance of {_percent(odds)}"
        )
    if isinstance(order, NegotiateCorridor):
        odds = negotiation_chance(scenario, state, "corridor", leverage)
        item = Pending("corridor", order.road, turn + later, leverage, round(odds, 4))
        state = replace(state, pending=(*state.pending, item))
        return state, (
            f"Negotiation opens for a safe corridor along the road, at a chance of {_percent(odds)}"
        )
    if isinstance(order, Evacuate):
        return _evacuate(scenario, state, order, turn)
    if isinstance(order, LaunchAppeal):
        factor = resources_factor(scenario, state.difficulty)
        amount = int(net.params.appeal_funds * factor)
        # the money comes in parts over `appeal_days` days: one part a turn
        spread = -(-int(net.params.appeal_days) // scenario.meta.turn_days)
        parts = tranches(amount, spread)
        counters = replace(state.counters, appeals=state.counters.appeals + 1)
        first = Pending("appeal", None, turn + later, parts[0])
        rest = [
            Pending("funds", None, turn + later + k, part)
            for k, part in enumerate(parts[1:], start=1)
            if part
        ]
        state = replace(state, counters=counters, pending=(*state.pending, first, *rest))
        over = f", the rest over {ev.count(len(parts) - 1, 'more turn')}" if len(parts) > 1 else ""
        return state, (
            f"An appeal to donors is launched for {amount:,} thousand USD; the first "
            f"{parts[0]:,} are expected in {ev.count(days, 'day')}{over}"
        )
    if isinstance(order, ChooseOption):
        key = choice_key(order.dilemma, order.option)
        state = replace(
            state,
            pending=(*state.pending, Pending("choice", key, turn)),
            open_dilemmas=tuple(d for d in state.open_dilemmas if d[0] != order.dilemma),
        )
        option = scenario_option(scenario, order)
        return state, f"Your decision: {option.label if option else order.option}"
    raise AssertionError(f"unhandled order {order!r}")


def _evacuate(scenario: Scenario, state: State, order: Evacuate, turn: int) -> tuple[State, str]:
    """People leave through the corridor; beyond it, buses take them on to the nearest places
    with free shelter and little threat within `evacuation_range_km` (the rest stay at the
    corridor's far end)."""
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
    left = order.people
    reached: list[str] = []
    for k in _reception(scenario, state, i, j):
        dst = locs[k]
        housed = min(left, max(0, dst.capacity + dst.tents - dst.sheltered))
        if housed:
            locs[k] = replace(dst, sheltered=dst.sheltered + housed)
            left -= housed
            reached.append(scenario.locations[k].name)
        if not left:
            break
    if left:
        dst = locs[j]
        locs[j] = replace(dst, unsheltered=dst.unsheltered + left)
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
    where = ", ".join(reached[:3]) + (" and beyond" if len(reached) > 3 else "")
    onward = f"; {order.people - left:,} of them find shelter in {where}" if reached else ""
    without = f"; {left:,} stay without shelter at {scenario.locations[j].name}" if left else ""
    return state, (
        f"{order.people:,} people are evacuated from {scenario.locations[i].name} through the "
        f"corridor to {scenario.locations[j].name}{onward}{without}"
    )


def _reception(scenario: Scenario, state: State, origin: int, far_end: int) -> list[int]:
    """Places evacuees can be taken to from the corridor's far end, nearest first: the far end
    itself, then places with little threat within `evacuation_range_km` by open roads."""
    from game.engine.orders import friendly_locations, usable_roads
    from game.engine.threat import location_threats

    net = network(scenario)
    reach = net.params.evacuation_range_km
    if reach <= 0:
        return [far_end]
    threat = location_threats(scenario, state)
    km = distances_from(
        net, far_end, usable_roads(scenario, state), friendly_locations(scenario, state)
    )
    calm = [
        (dist, k)
        for k, dist in km.items()
        if k != origin and dist <= reach and (k == far_end or threat[k] <= net.params.threat_floor)
    ]
    return [k for _, k in sorted(calm)]


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
                f"The appeal's first pledges arrive: {item.amount:,} thousand USD.",
                {"funds": item.amount},
            )
        elif item.kind == "funds":
            work.resources["funds"] += item.amount
            work.log(
                ev.APPEAL,
                None,
                "funds",
                f"{item.amount:,} thousand USD of pledged funds arrive.",
                {"funds": item.amount},
            )
        elif item.kind == "choice":
            apply_choice(work, _target(item))
        elif item.kind == "trucks":
            work.resources["trucks"] += item.amount
        elif item.kind == "pause":
            _pause_answer(work, item)
        elif item.kind == "corridor":
            _corridor_answer(work, item)
    work.pending = keep
    expire(work)
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


def _percent(odds: float) -> str:
    return f"{round(100 * odds)}%"


def _fixed_odds(work: Work, item: Pending, base: float) -> float:
    """The odds a negotiation was opened at (reckoned today for saves that did not keep them)."""
    return item.odds if item.odds is not None else negotiation_odds(work, base, item.amount)


def _answer(work: Work, target: str, outcome: str, odds: float, won: bool) -> None:
    work.counters["negotiations_won" if won else "negotiations_failed"] += 1
    work.log(ev.NEGOTIATION, target, "negotiation", outcome, {"odds": round(odds, 2)})


def _pause_answer(work: Work, item: Pending) -> None:
    p = work.p
    target = _target(item)
    i = work.net.loc_index[target]
    odds = _fixed_odds(work, item, p.pause_base_odds)
    name = work.name(i)
    if work.hostile_at(i):
        why = (
            f"The talks on a pause for {name} are void: the attacking side took it before an "
            "answer came."
        )
        _answer(work, target, why, odds, won=False)
    elif work.rng.chance(odds, work.day, "pause", target):
        work.edit(i).pause_days = int(p.pause_days)
        _answer(
            work,
            target,
            f"A humanitarian pause is agreed for {name}, for {ev.count(int(p.pause_days), 'day')} "
            f"(the chance was {_percent(odds)}).",
            odds,
            won=True,
        )
    else:
        _answer(
            work,
            target,
            f"No pause is agreed for {name}: the parties declined (the chance was "
            f"{_percent(odds)}, fixed when the talks opened).",
            odds,
            won=False,
        )


def _corridor_answer(work: Work, item: Pending) -> None:
    p = work.p
    net = work.net
    target = _target(item)
    r = net.road_index[target]
    odds = _fixed_odds(work, item, p.corridor_base_odds)
    a, b = work.name(net.road_a[r]), work.name(net.road_b[r])
    if work.roads[r].status is RoadStatus.CLOSED:
        why = f"The talks on a corridor between {a} and {b} are void: the road closed first."
        _answer(work, target, why, odds, won=False)
    elif work.rng.chance(odds, work.day, "corridor", target):
        work.edit_road(r).corridor_days = int(p.corridor_days)
        _answer(
            work,
            target,
            f"A safe corridor is agreed between {a} and {b}, "
            f"for {ev.count(int(p.corridor_days), 'day')} "
            f"(the chance was {_percent(odds)}).",
            odds,
            won=True,
        )
    else:
        _answer(
            work,
            target,
            f"No corridor is agreed between {a} and {b}: the parties declined (the chance was "
            f"{_percent(odds)}, fixed when the talks opened).",
            odds,
            won=False,
        )


def negotiation_chance(
    scenario: Scenario, state: State, kind: str, leverage: int | None = None
) -> float:
    """The chance a `pause` or `corridor` negotiation opened now would succeed: the odds the
    engine fixes when it opens and rolls on the day of the answer. They count the leverage the
    player brings to the table, held before paying the order's cost (`leverage`; default: all
    held now, i.e. no other order queued before it), today's international pressure, and an
    armed escort's cost to them."""
    p = network(scenario).params
    base = p.pause_base_odds if kind == "pause" else p.corridor_base_odds
    held = state.resources.leverage if leverage is None else leverage
    bonus = state.diplomacy_bonus if state.diplomacy_days else 0.0
    penalty = state.escort_penalty if state.escort_days else 0.0
    return odds_for(p, base, held, bonus - penalty)
