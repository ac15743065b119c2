"""People on the roads: strikes on the roads harm some of them, then everyone covers a day's
distance (`travel_km_per_day`); a group whose destination fell turns back. Those who arrive
are returned by place; the rest stay in transit."""

from __future__ import annotations

from game.engine import events as ev
from game.engine.apportion import apportion
from game.engine.displacement.departures import RoadGroup
from game.engine.rng import round_with
from game.engine.state import Transit
from game.engine.work import Work


def on_the_roads(work: Work) -> list[RoadGroup]:
    """The groups in transit as the turn started, as road groups."""
    net = work.net
    return [
        RoadGroup(
            net.road_index[group.road],
            net.loc_index[group.origin],
            net.loc_index[group.destination],
            group.km_left,
            group.people,
        )
        for group in work.transit
    ]


def road_harm(work: Work, groups: list[RoadGroup]) -> list[RoadGroup]:
    """People on bombarded roads today: estimated harm per road, the dead taken from its
    groups in proportion. Returns the groups with the dead removed."""
    rate = work.p.road_harm_rate
    if not rate:
        return groups
    intensity = work.road_intensity
    on_road: dict[int, list[int]] = {}  # bombarded road -> its groups (by position)
    for g, group in enumerate(groups):
        if group.people > 0 and intensity[group.road] > 0.0:
            on_road.setdefault(group.road, []).append(g)
    if not on_road:
        return groups
    groups = list(groups)
    draws = work.rng.pairs(work.day, "road_harm")
    total_harmed = total_killed = 0
    worst: tuple[int, int] | None = None  # (harmed, road)
    for r in sorted(on_road):
        members = on_road[r]
        people = sum(groups[g].people for g in members)
        draw_harmed, draw_killed = draws(work.net.road_ids[r])
        harmed = min(people, round_with(draw_harmed, rate * intensity[r] * people))
        if not harmed:
            continue
        killed = min(harmed, round_with(draw_killed, harmed * work.p.fatal_share))
        if killed:  # taken from the road's groups in proportion to their size
            shares = apportion(killed, [groups[g].people for g in members])
            for g, dead in zip(members, shares, strict=True):
                group = groups[g]
                groups[g] = RoadGroup(
                    group.road, group.origin, group.destination, group.km_left, group.people - dead
                )
        total_harmed += harmed
        total_killed += killed
        if worst is None or harmed > worst[0]:
            worst = (harmed, r)
    if worst is not None:
        _log_road_harm(work, total_harmed, total_killed, worst[1])
    return groups


def _log_road_harm(work: Work, harmed: int, killed: int, worst: int) -> None:
    work.counters["harmed"] += harmed
    work.counters["killed"] += killed
    work.figures["harmed"] += harmed
    net = work.net
    work.log(
        ev.HARM,
        net.road_ids[worst],
        "bombardment of exit routes",
        f"Strikes on the roads out: an estimated {ev.people(harmed)} on the move harmed, "
        f"{killed:,} of them killed; the worst between {work.name(net.road_a[worst])} and "
        f"{work.name(net.road_b[worst])}.",
        {"harmed": harmed, "killed": killed},
        estimate=True,
    )


def travel(work: Work, groups: list[RoadGroup], hostile: list[bool]) -> dict[int, int]:
    """Everyone on the roads covers a day's distance. Sets `work.transit` to those still on
    their way (groups on the same road and stretch merged) and returns the people who arrive,
    by place."""
    speed = work.p.travel_km_per_day
    net = work.net
    staying: dict[tuple[int, int, int, float], int] = {}
    arrivals: dict[int, int] = {}
    for group in groups:
        if group.people <= 0:
            continue
        origin, destination, km_left = group.origin, group.destination, group.km_left
        if hostile[destination] and not hostile[origin]:
            # the destination fell while they were on the way: they turn back
            origin, destination = destination, origin
            km_left = max(0.0, net.road_km[group.road] - km_left)
        km_left = km_left - speed
        if km_left <= 0.0:
            arrivals[destination] = arrivals.get(destination, 0) + group.people
        else:
            key = (group.road, origin, destination, round(km_left, 3))
            staying[key] = staying.get(key, 0) + group.people
    work.transit = [
        Transit(net.road_ids[road], net.loc_ids[origin], net.loc_ids[destination], km, people)
        for (road, origin, destination, km), people in sorted(staying.items())
    ]
    return arrivals
