"""Bombardment: today's intensity at every place and road, and the harm it does to the people
still there (more to the unsheltered). Harm figures are model estimates."""

from __future__ import annotations

from itertools import compress
from operator import mul, not_

from game.engine import events as ev
from game.engine.apportion import apportion, split_pools
from game.engine.work import Work

HARM_EVENT_MIN = 10  # places with less harm are summed up in one log line


def intensities(work: Work) -> None:
    """Set `work.loc_intensity` and `work.road_intensity` for today (0..1), and the lists of
    bombarded places and of places and roads with a running timer. Only the places and roads
    that can have either are looked at (`columns`: those of the turn's start, and any changed).

    A pause scales a town's bombardment down; a corridor shields its road."""
    factor = work.p.pause_bombardment_factor
    out = [0.0] * work.n_locs
    bombarded: list[int] = []
    timed: list[int] = []
    locs = work.locs
    # only places bombarded, timed or encircled as the turn started, or changed since, can be
    # either (`columns.loc_special`); every other place is at 0 without a timer
    for i in sorted(work.cols.special.union(work.touched_locs)):
        loc = locs[i]
        value = loc.bombardment
        strike_days = loc.strike_days
        if strike_days and loc.strike > value:
            value = loc.strike
        if value:
            if loc.pause_days:
                value *= factor
            out[i] = min(1.0, value)
            bombarded.append(i)
        if strike_days or loc.encircled or loc.threat_days or loc.pause_days or loc.fall_days:
            timed.append(i)
    work.loc_intensity = out
    work.bombarded = bombarded
    work.timed = timed
    roads = [0.0] * len(work.roads)
    timed_roads: list[int] = []
    all_roads = work.roads
    for r in sorted(work.road_cols.special.union(work.touched_roads)):
        road = all_roads[r]
        value = road.bombardment
        if road.strike_days:
            if road.strike > value:
                value = road.strike
            timed_roads.append(r)
        if road.corridor_days:
            value = 0.0
            timed_roads.append(r)
        if value:
            roads[r] = min(1.0, value)
    work.road_intensity = roads
    work.timed_roads = timed_roads


def remove_dead(work: Work, i: int, killed: int) -> None:
    """Take `killed` people out of location `i`'s pools, in proportion."""
    if killed <= 0:
        return
    pools = (work.res[i], work.shel[i], work.uns[i])
    if killed == 1:  # the largest pool loses one (split_pools' answer, without the arithmetic)
        largest = pools.index(max(pools))
        r, s, u = int(largest == 0), int(largest == 1), int(largest == 2)
    else:
        r, s, u = split_pools(killed, pools)
    work.bump(i, -r, -s, -u)
    if work.enr[i] > work.uns[i]:
        work.enr[i] = work.uns[i]


def _round(draw: float, x: float) -> int:
    """`x` (>= 0) rounded up or down by a uniform draw, in proportion to its fraction."""
    low = int(x)
    return low + 1 if draw < x - low else low


def harm(work: Work) -> None:
    """Estimated harm from bombardment and, for the unsheltered, winter exposure."""
    p = work.p
    rng = work.rng
    res, shel, uns = work.res, work.shel, work.uns
    exposure_total = 0
    exposure_killed = 0
    small = [0, 0, 0]  # harmed, killed, places below HARM_EVENT_MIN
    harm_draws = rng.pairs(work.turn, "harm")
    rate = p.harm_rate
    factor = p.unsheltered_harm_factor
    intensities = work.loc_intensity
    for i in work.bombarded:
        pop = res[i] + shel[i] + uns[i]
        intensity = intensities[i]
        if pop <= 0 or intensity <= 0.0:
            continue
        lid = work.net.loc_ids[i]
        expected = rate * intensity * (res[i] + shel[i] + uns[i] * factor)
        u_harmed, u_killed = harm_draws(lid)
        harmed = min(pop, _round(u_harmed, expected))
        if not harmed:
            continue
        killed = min(harmed, _round(u_killed, harmed * p.fatal_share))
        remove_dead(work, i, killed)
        work.add_harm(i, harmed)
        work.counters.harmed += harmed
        work.counters.killed += killed
        work.day["harmed"] += harmed
        if harmed >= HARM_EVENT_MIN:
            work.log(
                ev.HARM,
                lid,
                "bombardment",
                f"Bombardment of {work.name(i)}: an estimated "
                f"{ev.people(harmed)} harmed, {killed:,} of them killed.",
                {"harmed": harmed, "killed": killed, "intensity": round(intensity, 2)},
                estimate=True,
            )
        else:
            small[0] += harmed
            small[1] += killed
            small[2] += 1
    if small[0]:
        work.log(
            ev.HARM,
            None,
            "bombardment",
            f"Bombardment elsewhere: an estimated {ev.people(small[0])} harmed in {small[2]} "
            f"places, {small[1]:,} of them killed.",
            {"harmed": small[0], "killed": small[1], "places": small[2]},
            estimate=True,
        )
    # winter exposure: one draw for the day, shared out in proportion to the unsheltered
    if p.exposure_harm_rate:
        held = list(map(not_, work.hostile_now()))
        # u * held is u where not held by attackers, else 0
        where = list(compress(range(len(uns)), map(mul, uns, held)))
        pools = list(map(uns.__getitem__, where))
        people = sum(pools)
        expected = p.exposure_harm_rate * people
        exposure_total = min(people, rng.round(expected, work.turn, "exposure"))
        if exposure_total:
            exposure_killed = rng.round(exposure_total * p.fatal_share, work.turn, "cold")
            harmed_at = apportion(exposure_total, pools)
            hit_at = list(compress(where, harmed_at))  # the places with harm, in order
            hit = list(compress(harmed_at, harmed_at))
            killed_at = apportion(exposure_killed, hit)
            enr = work.enr
            for i, h, k in zip(hit_at, hit, killed_at, strict=True):
                work.add_harm(i, h)
                if k:
                    work.bump(i, unsheltered=-k)
                    if enr[i] > uns[i]:
                        enr[i] = uns[i]
    if exposure_total:
        work.counters.harmed += exposure_total
        work.counters.killed += exposure_killed
        work.day["harmed"] += exposure_total
        work.log(
            ev.HARM,
            None,
            "exposure",
            f"Winter cold: an estimated {ev.people(exposure_total)} without shelter harmed, "
            f"{exposure_killed:,} of them killed.",
            {"harmed": exposure_total, "killed": exposure_killed},
            estimate=True,
        )
