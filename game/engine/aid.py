"""Aid: convoys travel open roads from hubs, may be held up, blocked or struck, and deliver;
delivered food and water cover the day's needs of displaced people against Sphere minimums,
tents and built places shelter them."""

from __future__ import annotations

import math
from dataclasses import replace

from game.engine import events as ev
from game.engine import needs_harm
from game.engine.network import Params, network, shortest_route
from game.engine.state import Convoy, LocationState, State
from game.engine.sums import plain_sum
from game.engine.work import Work
from game.scenario.model import Cargo, RoadStatus, Scenario


def cargo_amount(p: Params, cargo: Cargo, trucks: int) -> int:
    """What `trucks` carry, in person-days (food, water) or shelter places (tents)."""
    if cargo is Cargo.FOOD:
        per = p.truck_food_kcal / p.sphere_food_kcal
    elif cargo is Cargo.WATER:
        per = p.truck_water_litres / p.sphere_water_lpd
    else:
        per = p.truck_shelter_m2 / p.sphere_shelter_m2
    return int(trucks * per)


def _cargo_words(convoy: Convoy) -> str:
    if convoy.cargo is Cargo.SHELTER:
        return f"tents for {convoy.amount:,} people"
    return f"{convoy.cargo.value} for {convoy.amount:,} person-days"


def _return_days(work: Work, position: int, origin: int) -> int:
    net = work.net
    everything = [True] * len(net.road_ids)
    allowed = [True] * len(net.loc_ids)
    route = shortest_route(net, position, origin, everything, allowed)
    km = plain_sum(net.road_km[r] for r in route) if route else 0.0
    return max(1, math.ceil(km / work.p.convoy_km_per_day))


def _turn_back(work: Work, convoy: Convoy, why: str, blocked: bool = True) -> Convoy:
    net = work.net
    pos = net.loc_index[convoy.position]
    days = _return_days(work, pos, net.loc_index[convoy.origin])
    if blocked:
        work.counters["convoys_blocked"] += 1
        work.log(
            ev.CONVOY,
            convoy.position,
            why,
            f"Convoy {convoy.id} to {work.name(net.loc_index[convoy.destination])} cannot get "
            f"through ({why}); its trucks head back.",
            {"convoy": convoy.id, "trucks": convoy.trucks},
        )
    return replace(convoy, route=(), km_left=0.0, returning=True, days_left=days, amount=0)


def _usable(work: Work) -> tuple[list[bool], list[bool]]:
    """Roads convoys can take (not closed) and places they can pass (not held by attackers)."""
    roads = [not closed for closed in work.closed_now()]
    friendly = [not hostile for hostile in work.hostile_now()]
    return roads, friendly


def move_convoy(work: Work, convoy: Convoy, usable: tuple[list[bool], list[bool]]) -> Convoy | None:
    """One day of a convoy; None once its trucks are back at the hub (or all lost)."""
    net = work.net
    p = work.p
    if convoy.returning:
        if convoy.days_left <= 1:
            work.resources["trucks"] += convoy.trucks
            work.log(
                ev.CONVOY,
                convoy.origin,
                "return",
                f"Convoy {convoy.id}'s {ev.count(convoy.trucks, 'truck')} "
                f"{ev.verb(convoy.trucks, 'is', 'are')} back at "
                f"{work.name(net.loc_index[convoy.origin])}.",
                {"convoy": convoy.id, "trucks": convoy.trucks},
            )
            return None
        return replace(convoy, days_left=convoy.days_left - 1)
    dest = net.loc_index[convoy.destination]
    if work.hostile_at(dest):
        return _turn_back(work, convoy, "its destination is now held by the attacking side")
    roads_ok, friendly = usable
    budget = p.convoy_km_per_day
    first = True
    while True:
        if not convoy.route:
            return _deliver(work, convoy)
        r = net.road_index[convoy.route[0]]
        pos = net.loc_index[convoy.position]
        nxt = net.road_b[r] if net.road_a[r] == pos else net.road_a[r]
        if not roads_ok[r] or (not friendly[nxt] and nxt != dest):
            route = shortest_route(net, pos, dest, roads_ok, friendly)
            if route is None:
                return _turn_back(work, convoy, "no open road")
            convoy = replace(
                convoy,
                route=tuple(net.road_ids[x] for x in route),
                km_left=net.road_km[route[0]] if route else 0.0,
            )
            continue
        road = work.roads[r]
        if first:
            first = False
            intensity = work.road_intensity[r]
            escorted = work.escort_days > 0  # an armed escort: struck less, never held up
            strike = p.convoy_strike_rate * intensity * (work.escort_strike if escorted else 1.0)
            if strike and work.rng.chance(strike, work.day, "convoy_strike", convoy.id):
                return _struck(work, convoy)
            if (
                road.status is RoadStatus.CONTESTED
                and not road.corridor_days
                and not escorted
                and work.rng.chance(p.convoy_delay_rate, work.day, "convoy_delay", convoy.id)
            ):
                work.log(
                    ev.CONVOY,
                    road.id,
                    "contested road",
                    f"Convoy {convoy.id} is held up for the day on a contested road.",
                    {"convoy": convoy.id},
                )
                return convoy
        left = convoy.km_left - budget
        if left > 0.0:
            return replace(convoy, km_left=round(left, 3))
        budget = -left
        rest = convoy.route[1:]
        convoy = replace(
            convoy,
            position=net.loc_ids[nxt],
            route=rest,
            km_left=net.road_km[net.road_index[rest[0]]] if rest else 0.0,
        )


def _struck(work: Work, convoy: Convoy) -> Convoy | None:
    p = work.p
    lost = max(1, min(convoy.trucks, round(convoy.trucks * p.convoy_strike_loss)))
    work.counters["trucks_lost"] += lost
    work.counters["convoys_struck"] += 1
    work.log(
        ev.CONVOY,
        convoy.position,
        "strike on the road",
        f"Convoy {convoy.id} is hit on the road: {lost:,} of its "
        f"{ev.count(convoy.trucks, 'truck')} lost; the rest turn back.",
        {"convoy": convoy.id, "trucks_lost": lost},
    )
    left = convoy.trucks - lost
    if left <= 0:
        work.counters["convoys_blocked"] += 1
        return None
    return _turn_back(work, replace(convoy, trucks=left), "struck", blocked=True)


def _deliver(work: Work, convoy: Convoy) -> Convoy:
    net = work.net
    j = net.loc_index[convoy.destination]
    loc = work.edit(j)
    if convoy.cargo is Cargo.FOOD:
        loc.food += convoy.amount
    elif convoy.cargo is Cargo.WATER:
        loc.water += convoy.amount
    else:
        loc.tents += convoy.amount
    work.counters["convoys_delivered"] += 1
    work.log(
        ev.CONVOY,
        convoy.destination,
        "delivery",
        f"Convoy {convoy.id} delivered {_cargo_words(convoy)} to {work.name(j)}.",
        {"convoy": convoy.id, "trucks": convoy.trucks, "amount": convoy.amount},
    )
    days = _return_days(work, j, net.loc_index[convoy.origin])
    return replace(
        convoy,
        position=convoy.destination,
        route=(),
        km_left=0.0,
        returning=True,
        days_left=days,
        amount=0,
    )


def convoys(work: Work) -> None:
    """Move every convoy one day, in id order."""
    if not work.convoys:
        return
    usable = _usable(work)
    moved: list[Convoy] = []
    for convoy in work.convoys:
        after = move_convoy(work, convoy, usable)
        if after is not None:
            moved.append(after)
    work.convoys = moved


def shelter_and_needs(work: Work) -> None:
    """Tents wear; stocks fill today's food and water gap above the existing response (which
    reaches fewer people where the front is near); free places take in the unsheltered; then
    unmet needs harm (`needs_harm`)."""
    wear_draw = work.rng.draws(work.day, "tent_wear") if work.p.tent_wear else None
    needs_draws = work.rng.pairs(work.day, "needs_harm")
    needs = needs_harm.params_of(work.p)
    hostile = work.hostile_now()
    threat = work.threat or [0.0] * len(work.locations)
    totals = needs_harm.DayTotals()
    reached = aid_covered = response_total = 0
    for i, place in enumerate(work.locations):
        if place.tents and wear_draw is not None:
            _wear_tents(work, i, wear_draw(place.id))
        if hostile[i]:
            continue
        displaced = place.sheltered + place.unsheltered
        # while a humanitarian pause holds, the response reaches the place as in calm
        access_threat = 0.0 if place.pause_days else threat[i]
        response = needs_harm.covered_by_response(
            needs, place.sheltered, place.unsheltered, access_threat
        )
        response_total += response
        used_food = used_water = 0
        if place.food or place.water:
            used_food, used_water = _distribute(work, i, displaced - response)
            aid_covered += used_food + used_water
            reached += max(used_food, used_water)
        place = work.locations[i]
        if place.unsheltered and place.sheltered < place.shelter_places:
            housed = min(place.unsheltered, place.shelter_places - place.sheltered)
            place = work.edit(i)
            place.sheltered += housed
            place.unsheltered -= housed
            place.en_route = min(place.en_route, place.unsheltered)  # those on their way last
        if displaced:
            covered = (response + used_water, response + used_food)
            needs_harm.apply(work, i, covered, needs_draws(place.id), totals)
    needs_harm.log(work, totals)
    _needs_covered(work, response_total, aid_covered, reached)


def _wear_tents(work: Work, i: int, draw: float) -> None:
    """Tents wear out (`tent_wear` a day, rounded by `draw`); their people lose shelter."""
    place = work.locations[i]
    x = place.tents * work.p.tent_wear
    low = int(x)
    worn = low + 1 if draw < x - low else low
    if not worn:
        return
    place = work.edit(i)
    place.tents -= worn
    over = place.sheltered - place.shelter_places
    if over > 0:
        place.sheltered -= over
        place.unsheltered += over


def _distribute(work: Work, i: int, gap: int) -> tuple[int, int]:
    """Delivered food and water fill today's `gap` above the existing response at place `i`;
    (food, water) used, in person-days."""
    place = work.locations[i]
    used_food = min(place.food, gap)
    used_water = min(place.water, gap)
    if used_food or used_water:
        place = work.edit(i)
        place.food -= used_food
        place.water -= used_water
    return used_food, used_water


def _needs_covered(work: Work, response: int, aid_covered: int, reached: int) -> None:
    """Today's share of needs met (food, water, shelter) for the displaced people in places
    not held by attackers: the existing response covers `response` person-days of food and
    as many of water, shelter places cover shelter, the player's stocks add the rest."""
    hostile = work.hostile_now()
    in_need = sheltered = 0
    for i, place in enumerate(work.locations):
        displaced = place.sheltered + place.unsheltered
        if displaced and not hostile[i]:
            in_need += displaced
            sheltered += place.sheltered
    covered = response + response + sheltered + aid_covered
    pct = 100.0 * covered / (3 * in_need) if in_need else 100.0
    work.needs_covered_pct = round(min(100.0, pct), 1)
    work.figures["in_need"] = in_need
    work.figures["reached"] = reached
    work.counters["reached_person_days"] += reached
    work.counters["sheltered_person_days"] += sheltered
    work.counters["needs_covered_units"] += covered


def coverage(scenario: Scenario, state: State) -> tuple[float, int]:
    """(needs covered %, people in need) of a state as it stands, before anyone eats today's
    stocks: for the figures of turn 0."""
    from game.engine.threat import location_threats

    net = network(scenario)
    needs = needs_harm.params_of(net.params)
    threat = location_threats(scenario, state)
    in_need = covered = 0
    for i, loc in enumerate(state.locations):
        displaced = loc.sheltered + loc.unsheltered
        if not displaced or loc.control in net.attackers:
            continue
        in_need += displaced
        response = needs_harm.covered_by_response(needs, loc.sheltered, loc.unsheltered, threat[i])
        covered += sum(needs_met(loc, response))
    pct = 100.0 * covered / (3 * in_need) if in_need else 100.0
    return round(min(100.0, pct), 1), in_need


def needs_met(loc: LocationState, response: int) -> tuple[int, int, int]:
    """Of a place's displaced people, how many have today's food, water and shelter, before
    its stocks are used: the existing response's `response` person-days
    (`needs_harm.covered_by_response`) plus the stocks the player delivered, and the shelter
    places taken. The rule `coverage` sums."""
    gap = loc.sheltered + loc.unsheltered - response
    return response + min(loc.food, gap), response + min(loc.water, gap), loc.sheltered
