"""Who sets out today, from where, by which road.

Three kinds of people leave a place: those who flee its threat (a share of its residents,
sheltered and stopped unsheltered people, rising with threat above `threat_floor`, or
`fall_leave_rate` from a fallen town), displaced people still on their way (`en_route`), who
move on at `onward_rate_en_route` a day in whole households, and unsheltered people who move
on toward free shelter space at `onward_rate_unsheltered`. A place with no open way out keeps
its people: under threat, they count as trapped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from game.engine import events as ev
from game.engine.apportion import apportion
from game.engine.displacement.routes import (
    FirstRoad,
    Outlook,
    flight_weight,
    open_roads,
)
from game.engine.network import Link
from game.engine.work import Work

EVENT_MIN_PEOPLE = 500  # smaller flights are summed up in one log line

Options = dict[int, float]  # a place's first roads toward shelter space, with their values
Draw = Callable[[str | int], float]


@dataclass(frozen=True, slots=True)
class RoadGroup:
    """People on a road, `km_left` from `destination` (indices into the network)."""

    road: int
    origin: int
    destination: int
    km_left: float
    people: int


@dataclass(slots=True)
class Departures:
    """The day's departures: the groups that set out and what they add up to, and the day's
    draws for each place (how many flee, how many households on their way move on)."""

    household: int  # people move on as whole households
    flight_draw: Draw
    en_route_draw: Draw
    groups: list[RoadGroup] = field(default_factory=list)
    newly_displaced: int = 0  # residents who left home
    moved: int = 0  # everyone who set out
    moved_on: int = 0  # people on their way who moved on from where they had stopped
    toward_shelter: int = 0  # unsheltered people who moved on toward free shelter space
    trapped: int = 0
    small_people: int = 0  # people who fled places where fewer than EVENT_MIN_PEOPLE fled
    small_places: int = 0


def set_out(work: Work, seen: Outlook, options: dict[int, Options]) -> Departures:
    """Everyone who sets out today, place by place in network order."""
    out = Departures(
        max(1, int(work.p.household_size)),
        work.rng.draws(work.day, "flight"),
        work.rng.draws(work.day, "en_route"),
    )
    for i in _movers(work, seen, options, out.household):
        _leave(work, seen, i, options.get(i), out)
    return out


def _movers(work: Work, seen: Outlook, options: dict[int, Options], household: int) -> list[int]:
    """The places from which anyone could set out today, in network order: threatened ones,
    and, unless held by attackers, those with people on their way or with enough stopped
    unsheltered people to send a household on toward shelter."""
    p = work.p
    low = min(p.threat_floor, p.trap_threat)
    movers = []
    for i, place in enumerate(work.locations):
        if seen.threat[i] > low:
            movers.append(i)
        elif seen.hostile[i]:
            continue
        elif p.onward_rate_en_route and place.en_route:
            movers.append(i)
        elif i in options:
            stopped = place.unsheltered - place.en_route
            if stopped * p.onward_rate_unsheltered >= household:
                movers.append(i)
    return movers


def _moving_on(work: Work, i: int, fleeing: bool, household: int, draw: Draw) -> tuple[int, int]:
    """(people on their way at `i`, how many of them move on today). Fewer than a household
    on their way stay where they are (they stop being on their way) unless they flee. The
    chance rises from Flee's town move chance to its conflict zone's 1 at threat 1, above
    the floor where anyone leaves; whole households, the number rounded at random."""
    p = work.p
    place = work.locations[i]
    on_their_way = place.en_route if p.onward_rate_en_route else 0
    if 0 < on_their_way < household and not fleeing:
        work.edit(i).en_route = on_their_way = 0
    if not on_their_way:
        return 0, 0
    t = work.threat[i]
    chance = p.onward_rate_en_route
    if t > p.threat_floor:
        chance += (1.0 - p.onward_rate_en_route) * (t - p.threat_floor) / (1.0 - p.threat_floor)
    x = on_their_way * (chance if chance < 1.0 else 1.0) / household
    households = int(x)
    if draw(place.id) < x - households:
        households += 1
    return on_their_way, min(on_their_way, households * household)


def _fleeing(work: Work, i: int, hostile: bool, stopped: int, draw: Draw) -> tuple[int, int, int]:
    """(residents, sheltered, stopped unsheltered) who flee place `i` today."""
    p = work.p
    place = work.locations[i]
    noise = 1.0
    if p.flight_noise:
        noise = 1.0 + p.flight_noise * (2.0 * draw(place.id) - 1.0)
    if hostile:  # a fallen town: those who can, leave across the line in the first days
        share = p.fall_leave_rate * noise
    else:
        t = work.threat[i]
        share = p.leave_rate_max * (t - p.threat_floor) / (1.0 - p.threat_floor) * noise
    share = min(1.0, share)
    return (
        int(place.residents * share + 0.5),
        int(place.sheltered * share + 0.5),
        int(stopped * share + 0.5),
    )


def _toward_shelter(
    work: Work, seen: Outlook, i: int, mine: Options, stopped: int, household: int
) -> tuple[int, list[FirstRoad]]:
    """(how many stopped unsheltered people move on toward shelter, the roads they weigh):
    whole households, by the open roads of `mine`."""
    moving = household * int(stopped * work.p.onward_rate_unsheltered / household)
    if not moving:  # most places send fewer than a household: no road needs weighing
        return 0, []
    place = work.locations[i]
    net = work.net
    roads = [
        FirstRoad(road, net.other_end(road, i), net.road_km[road], seen.road_safety[road] * value)
        for road, value in mine.items()
        if not place.encircled or work.net.road_ids[road] in place.open_exits
    ]
    return (moving, roads) if roads else (0, [])


def _leave(work: Work, seen: Outlook, i: int, mine: Options | None, out: Departures) -> None:
    """The people who set out from place `i` today, and the log line of their flight."""
    p = work.p
    place = work.locations[i]
    t = seen.threat[i]
    hostile = seen.hostile[i]
    if hostile and not place.fall_days:
        return
    fleeing = t > p.threat_floor or hostile
    on_their_way, moving_on = _moving_on(work, i, fleeing, out.household, out.en_route_draw)
    place = work.locations[i]
    walk = fleeing or moving_on or t >= p.trap_threat
    if not (walk or mine):
        return  # nobody sets out from here today
    # people who only move on toward shelter take `mine`'s roads (all open roads out of i)
    roads = open_roads(work.net, seen, i, place) if walk else []
    if walk and not roads:
        _trapped(work, i, t, out)
        return
    stopped = place.unsheltered - on_their_way  # unsheltered people who are not on their way
    residents = sheltered = unsheltered = 0
    if fleeing:
        residents, sheltered, unsheltered = _fleeing(work, i, hostile, stopped, out.flight_draw)
    toward_shelter = 0
    shelter_roads: list[FirstRoad] = []
    if mine and t < 1.0:
        toward_shelter, shelter_roads = _toward_shelter(
            work, seen, i, mine, stopped - unsheltered, out.household
        )
    flee = residents + sheltered + unsheltered
    if flee + moving_on + toward_shelter == 0:
        return
    edited = work.edit(i)
    edited.residents -= residents
    edited.sheltered -= sheltered
    edited.unsheltered -= unsheltered + moving_on + toward_shelter
    edited.en_route -= moving_on
    shares: list[int] = []
    if flee + moving_on:
        shares = _share(flee + moving_on, _flight_weights(work, seen, i, roads, fleeing))
        for link, people in zip(roads, shares, strict=True):
            if people:
                out.groups.append(RoadGroup(link.road, i, link.other, link.km, people))
    if toward_shelter:
        on_shares = _share(toward_shelter, [road.weight for road in shelter_roads])
        for road, people in zip(shelter_roads, on_shares, strict=True):
            if people:
                out.groups.append(RoadGroup(road.road, i, road.toward, road.km, people))
    out.newly_displaced += residents
    out.moved += flee + moving_on + toward_shelter
    out.toward_shelter += toward_shelter
    out.moved_on += moving_on
    if 0 < flee < EVENT_MIN_PEOPLE:
        out.small_people += flee
        out.small_places += 1
    elif flee:
        _log_flight(work, i, flee, residents, roads[shares.index(max(shares))].other)


def _flight_weights(
    work: Work, seen: Outlook, i: int, roads: list[Link], fleeing: bool
) -> list[float]:
    """The weight of each road out for people in flight or on their way. People flee toward
    safer places when there are any (Flee's conflict weight alone would still send some toward
    the front); with no weight anywhere, every road weighs the same."""
    depth = int(work.p.awareness_level)
    offset = work.p.route_offset_km
    weights = [flight_weight(work.net, seen, i, link, depth, offset) for link in roads]
    if fleeing and len(roads) > 1:
        safer = [seen.threat[link.other] <= seen.threat[i] for link in roads]
        if any(safer) and not all(safer):
            weights = [w if ok else 0.0 for w, ok in zip(weights, safer, strict=True)]
    if sum(weights) <= 0.0:
        weights = [1.0] * len(roads)
    return weights


def _share(people: int, weights: list[float]) -> list[int]:
    return [people] if len(weights) == 1 else apportion(people, weights)


def _trapped(work: Work, i: int, t: float, out: Departures) -> None:
    place = work.locations[i]
    people = place.population
    if t >= work.p.trap_threat and people:
        out.trapped += people
        work.log(
            ev.TRAPPED,
            place.id,
            "no open way out",
            f"An estimated {ev.people(people)} are trapped in {work.name(i)}: no road out is open.",
            {"people": people, "threat": round(t, 2)},
            estimate=True,
        )


def _log_flight(work: Work, i: int, flee: int, residents: int, toward: int) -> None:
    cause = "threat of the offensive"
    if work.hostile_at(i):  # the place itself was taken: say so, and when
        taken = work.locations[i].captured_turn
        # days since the first day of the turn it was taken (a state records the turn)
        days = work.day - ((taken - 1) * work.scenario.meta.turn_days + 1)
        cause = f"taken {ev.days_ago(days)}" if taken else "held by the attacking side"
    work.log(
        ev.DISPLACEMENT,
        work.locations[i].id,
        cause,
        f"An estimated {ev.people(flee)} fled {work.name(i)}, most toward {work.name(toward)}.",
        {
            "people": flee,
            "newly_displaced": residents,
            "threat": round(work.threat[i], 2),
            "toward": work.locations[toward].id,
        },
        estimate=True,
    )
