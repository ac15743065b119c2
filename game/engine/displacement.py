"""Displacement in the manner of the Flee model (Suleimenova, Bell & Groen 2017), as flows.

Each place has a daily chance that its people leave, set by threat (front proximity,
bombardment, encirclement, a projected threat). Movers pick an open road out in proportion to
the summed Flee weights of the routes through it, score / (offset + km), times the road's
safety; a place's score is 2 for a camp, times conflict_weight ^ threat, times the
destination's shelter space (Flee's capacity factor). Displaced people who arrive at a place
that is not a camp and find no shelter place stay on their way (`en_route`): like Flee's agents
in a town they move on every few days, and at once from a place under threat, until they reach
a camp or a shelter place. Unsheltered people who have stopped also move on, slowly, toward
free shelter space. People cover `travel_km_per_day` and may spend days in transit. A place with
no open way out keeps its people: they count as trapped. All counts are integers and every
person is conserved.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable

from game.engine import events as ev
from game.engine.apportion import apportion
from game.engine.state import Transit
from game.engine.work import Work
from game.scenario.model import RoadStatus

_CLOSED = RoadStatus.CLOSED
_CONTESTED = RoadStatus.CONTESTED
EVENT_MIN_PEOPLE = 500  # smaller flights are summed up in one log line


def front_distances(work: Work, hostile: list[bool]) -> dict[int, float]:
    """Road km from each place within `front_range_km` to the nearest attacker-held place
    that borders a place not held by attackers (any road status: the front is felt). Cached
    on the network until control changes; callers must not modify the result."""
    net = work.net
    limit = work.p.front_range_km
    cached = getattr(net, "front_cache", None)
    if cached is not None and cached[0] == hostile:
        return cached[1]
    dist: dict[int, float] = {}
    heap: list[tuple[float, int]] = []
    for i, is_hostile in enumerate(hostile):
        if is_hostile and any(not hostile[link.other] for link in net.links[i]):
            dist[i] = 0.0
            heap.append((0.0, i))
    heapq.heapify(heap)
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist[node]:
            continue
        for link in net.links[node]:
            nd = d + link.km
            if nd < limit and nd < dist.get(link.other, limit):
                dist[link.other] = nd
                heapq.heappush(heap, (nd, link.other))
    net.front_cache = (list(hostile), dist)  # control changes rarely: reuse until it does
    return dist


def threats(work: Work, hostile: list[bool]) -> list[float]:
    """Today's threat 0..1 at every place (combined as independent chances). Only places near
    the front, bombarded or with a timer can be threatened (`bombardment.intensities` lists
    them); every other place is at 0."""
    p = work.p
    dist = front_distances(work, hostile)
    limit = p.front_range_km
    out = [0.0] * work.n_locs
    intensity = work.loc_intensity
    candidates = set(dist)
    candidates.update(work.bombarded)
    candidates.update(work.timed)
    candidates.update(work.touched_locs)
    for i in sorted(candidates):
        loc = work.loc(i)
        if hostile[i]:
            if loc.fall_days:
                out[i] = p.fall_threat
            continue
        keep = 1.0
        d = dist.get(i)
        if d is not None:
            front = p.front_threat * (1.0 - d / limit)
            if loc.pause_days:
                front *= p.pause_bombardment_factor
            keep *= 1.0 - front
        if intensity[i]:
            keep *= 1.0 - min(1.0, p.bombardment_threat * intensity[i])
        if loc.encircled:
            keep *= 1.0 - p.encirclement_threat
        if loc.threat_days:
            keep *= 1.0 - loc.threat
        if keep < 1.0:
            out[i] = 1.0 - keep
    return out


def onward_options(
    work: Work,
    hostile: list[bool],
    threat: list[float],
    endpoint: Callable[[int], tuple[float, float]],
) -> dict[int, dict[int, tuple[int, float, float]]]:
    """For moving on toward shelter space: origin -> {road: (next place, km, Flee weight)},
    the best score / (offset + km) over open paths of up to `awareness_level` + 1 roads that
    end at a place with free space and no threat. Built backward from those few places (their
    paths are cached until a place changes hands or a road closes), so the cost does not grow
    with the places that have no space near them."""
    p = work.p
    tf = p.threat_floor
    offset = p.route_offset_km
    attackers = work.net.attackers
    paths = _paths_back(work, hostile)
    best: dict[int, dict[int, tuple[int, float, float]]] = {}
    for k, loc in enumerate(work.locs):
        if (
            loc.capacity + loc.tents > loc.sheltered + loc.unsheltered
            and loc.control not in attackers
            and threat[k] <= tf
        ):
            value = endpoint(k)[1]
            if value <= 0.0:
                continue
            entries = paths.get(k)
            if entries is None:
                entries = paths[k] = _back_from(work, k, hostile)
            for x, road, node, link_km, total in entries:
                weight = value / (offset + total)
                mine = best.get(x)
                if mine is None:
                    best[x] = {road: (node, link_km, weight)}
                    continue
                old = mine.get(road)
                if old is None or weight > old[2]:
                    mine[road] = (node, link_km, weight)
    return best


def _paths_back(work: Work, hostile: list[bool]) -> dict[int, list]:
    """The per-scenario cache of backward paths, reset when control or closed roads change."""
    closed = [road.status is _CLOSED for road in work.roads]
    key = (int(work.p.awareness_level), hostile, closed)
    cached = getattr(work.net, "onward_paths", None)
    if cached is None or cached[0] != key:
        cached = (key, {})
        work.net.onward_paths = cached
    return cached[1]


def _back_from(work: Work, k: int, hostile: list[bool]) -> list[tuple[int, int, int, float, float]]:
    """Open simple paths of up to `awareness_level` + 1 roads ending at k, as
    (origin, its first road, the place that road leads to, that road's km, total km)."""
    links = work.net.links
    roads = work.roads
    out: list[tuple[int, int, int, float, float]] = []

    def back(node: int, km: float, path: tuple[int, ...], left: int) -> None:
        for link in links[node]:
            x = link.other
            if x in path or hostile[x] or roads[link.road].status is _CLOSED:
                continue
            total = km + link.km
            out.append((x, link.road, node, link.km, total))
            if left > 1:
                back(x, total, (*path, x), left - 1)

    back(k, 0.0, (k,), int(work.p.awareness_level) + 1)
    return out


def capacity_factor(work: Work, j: int) -> float:
    """Flee's capacity factor: 1 below `capacity_full_share` occupancy, 0 when full."""
    loc = work.loc(j)
    places = loc.capacity + loc.tents
    if places <= 0:
        return 0.0
    occupancy = (loc.sheltered + loc.unsheltered) / places
    full = work.p.capacity_full_share
    if occupancy <= full:
        return 1.0
    if occupancy >= 1.0 or full >= 1.0:
        return 0.0
    return (1.0 - occupancy) / (1.0 - full)


def run(work: Work) -> None:
    """Departures, travel, harm on the roads, arrivals; sets today's displacement figures."""
    p = work.p
    net = work.net
    rng = work.rng
    attackers = net.attackers
    locs = work.locs
    roads = work.roads
    hostile = [loc.control in attackers for loc in locs]
    threat = threats(work, hostile)
    work.threat = threat
    onward = p.onward_rate_unsheltered
    offset = p.route_offset_km
    camp_weight = p.camp_weight
    conflict_weight = p.conflict_weight
    en_route_rate = p.onward_rate_en_route
    road_weight = p.road_danger_weight
    contested = p.contested_danger
    floor = p.capacity_floor
    tf = p.threat_floor
    road_intensity = work.road_intensity
    small_total = 0
    small_places = 0

    groups: list[list] = []  # [road, origin, destination, km_left, people]
    new_total = 0
    moved_total = 0
    onward_total = 0
    trapped_total = 0

    awareness = int(p.awareness_level)
    end_cache: dict[int, tuple[float, float]] = {}

    def endpoint(k: int) -> tuple[float, float]:
        """Flee's endpoint values of place k: its score (camp weight, conflict weight ^
        threat), for people fleeing or on their way times a camp's capacity factor (never below
        `capacity_floor`; towns take everyone, as in Flee), for people moving on toward
        shelter times any place's capacity factor (0 if k is threatened)."""
        value = end_cache.get(k)
        if value is None:
            cf = capacity_factor(work, k)
            t = threat[k]
            score = camp_weight if net.is_camp[k] else 1.0
            if t > 0.0:
                score *= conflict_weight**t
            # Flee: a camp attracts by its free space (capacity factor); a town has no limit
            fv = score * max(floor, cf) if net.is_camp[k] else score
            value = (fv, score * cf if t <= tf else 0.0)
            end_cache[k] = value
        return value

    def reach(j: int, km: float, seen: tuple[int, ...], depth: int) -> tuple[float, float]:
        """A first road's weights, toward j: for flight, the sum of Flee's route weights
        score / (offset + km) over the routes through j within `awareness_level` more roads
        (Flee draws one route in proportion to its weight, so a road's chance is the sum);
        for moving on toward shelter, the best of them. Never back to a place on the way."""
        flee_v, on_v = endpoint(j)
        total_flee = flee_v / (offset + km)
        best_on = on_v / (offset + km)
        if depth > 0:
            for nxt in net.links[j]:
                k = nxt.other
                if k in seen or hostile[k] or roads[nxt.road].status is _CLOSED:
                    continue
                f2, o2 = reach(k, km + nxt.km, (*seen, j), depth - 1)
                total_flee += f2
                if o2 > best_on:
                    best_on = o2
        return total_flee, best_on

    safety_cache: dict[int, float] = {}

    def safety(r: int) -> float:
        """How far people trust road r: less under bombardment or when contested."""
        value = safety_cache.get(r)
        if value is None:
            danger = road_weight * road_intensity[r]
            if roads[r].status is _CONTESTED:
                danger += contested
            value = max(0.05, 1.0 - danger)
            safety_cache[r] = value
        return value

    household = max(1, int(p.household_size))  # people move on as whole households
    low = min(tf, p.trap_threat)
    movers = {i for i, t in enumerate(threat) if t > low}
    if en_route_rate:
        movers.update(i for i, loc in enumerate(locs) if loc.en_route and not hostile[i])
    options: dict[int, dict[int, tuple[int, float, float]]] = {}
    if onward:
        options = onward_options(work, hostile, threat, endpoint)
        movers.update(
            i
            for i in options
            if (locs[i].unsheltered - locs[i].en_route) * onward >= household and not hostile[i]
        )
    road_ids = net.road_ids
    en_route_total = 0
    for i in sorted(movers):
        t = threat[i]
        loc = locs[i]
        if hostile[i] and not loc.fall_days:
            continue
        fleeing = t > tf or hostile[i]
        en = loc.en_route if en_route_rate else 0
        if not fleeing and not en and i in options:
            # not under threat: only unsheltered people move on, toward free shelter space
            out_on = household * int((loc.unsheltered - loc.en_route) * onward / household)
            choices = [
                (r, other, km, safety(r) * value)
                for r, (other, km, value) in options[i].items()
                if not loc.encircled or road_ids[r] in loc.open_exits
            ]
            if not out_on or not choices:
                continue
            weights = [c[3] for c in choices]
            shares = [out_on] if len(choices) == 1 else apportion(out_on, weights)
            work.bump(i, unsheltered=-out_on)
            for (r, other, km, _w), people in zip(choices, shares, strict=True):
                if people:
                    groups.append([r, i, other, km, people])
            moved_total += out_on
            onward_total += out_on
            continue
        links = []
        for link in net.links[i]:
            if hostile[link.other]:
                continue
            road = roads[link.road]
            if road.status is _CLOSED:
                continue
            if loc.encircled and road.id not in loc.open_exits:
                continue
            links.append(link)
        if not links:
            if t >= p.trap_threat and loc.population:
                trapped_total += loc.population
                work.log(
                    ev.TRAPPED,
                    loc.id,
                    "no open way out",
                    f"An estimated {ev.people(loc.population)} are trapped in {work.name(i)}: "
                    "no road out is open.",
                    {"people": loc.population, "threat": round(t, 2)},
                    estimate=True,
                )
            continue
        w_flee: list[float] = []
        w_on: list[float] = []
        for link in links:
            flee_w, on_w = reach(link.other, link.km, (i,), awareness)
            w_flee.append(safety(link.road) * flee_w)
            w_on.append(safety(link.road) * on_w)
        if fleeing:
            # people flee toward safer places when there are any (Flee's conflict weight alone
            # would still send some toward the front)
            safer = [threat[link.other] <= t for link in links]
            if any(safer) and not all(safer):
                w_flee = [w if ok else 0.0 for w, ok in zip(w_flee, safer, strict=True)]
        if sum(w_flee) <= 0.0:
            w_flee = [1.0] * len(links)
        if hostile[i]:
            # a fallen town: those who can, leave across the line in the first days
            f = p.fall_leave_rate * rng.spread(work.turn, "flight", loc.id, p.flight_noise)
        elif t > tf:
            noise = rng.spread(work.turn, "flight", loc.id, p.flight_noise)
            f = min(1.0, p.leave_rate_max * (t - tf) / (1.0 - tf) * noise)
        else:
            f = 0.0
        f = min(1.0, f)
        stopped = loc.unsheltered - en  # unsheltered people who are not on their way
        out_r = int(loc.residents * f + 0.5)
        out_s = int(loc.sheltered * f + 0.5)
        out_u = int(stopped * f + 0.5)
        out_m = 0
        if en:
            # people on their way move on at Flee's town move chance, rising to its conflict
            # zone's 1 at threat 1 above the floor where anyone leaves
            g = en_route_rate
            if t > tf:
                g += (1.0 - en_route_rate) * (t - tf) / (1.0 - tf)
            out_m = int(en * min(1.0, g) + 0.5)
        flee = out_r + out_s + out_u
        out_on = 0
        if onward and sum(w_on) > 0.0 and t < 1.0:
            out_on = household * int((stopped - out_u) * onward / household)
        if flee + out_m + out_on == 0:
            continue
        work.bump(i, -out_r, -out_s, -(out_u + out_m + out_on), -out_m)
        shares = [0] * len(links)
        if flee + out_m:
            shares = apportion(flee + out_m, w_flee)
        if out_on:
            for k, extra in enumerate(apportion(out_on, w_on)):
                shares[k] += extra
        for link, people in zip(links, shares, strict=True):
            if people:
                groups.append([link.road, i, link.other, link.km, people])
        new_total += out_r
        moved_total += flee + out_m + out_on
        onward_total += out_on
        en_route_total += out_m
        if 0 < flee < EVENT_MIN_PEOPLE:
            small_total += flee
            small_places += 1
        elif flee:
            top = max(range(len(links)), key=lambda k: (shares[k], -k))
            cause = "the town has fallen" if hostile[i] else "threat of the offensive"
            work.log(
                ev.DISPLACEMENT,
                loc.id,
                cause,
                f"An estimated {ev.people(flee)} fled {work.name(i)}, most toward "
                f"{work.name(links[top].other)}.",
                {"people": flee, "newly_displaced": out_r, "threat": round(t, 2)},
                estimate=True,
            )

    for t_ in work.transit:
        groups.append(
            [
                net.road_index[t_.road],
                net.loc_index[t_.origin],
                net.loc_index[t_.destination],
                t_.km_left,
                t_.people,
            ]
        )
    _road_harm(work, groups)
    _travel(work, groups, hostile)

    if small_total:
        work.log(
            ev.DISPLACEMENT,
            None,
            "threat of the offensive",
            f"An estimated {ev.people(small_total)} fled {small_places} other places in "
            "smaller numbers.",
            {"people": small_total, "places": small_places},
            estimate=True,
        )
    if en_route_total:
        work.log(
            ev.DISPLACEMENT,
            None,
            "still on their way",
            f"An estimated {en_route_total:,} displaced people who had found no shelter moved "
            "on from the places where they had stopped.",
            {"people": en_route_total},
            estimate=True,
        )
    if onward_total:
        work.log(
            ev.DISPLACEMENT,
            None,
            "looking for shelter",
            f"An estimated {onward_total:,} displaced people without shelter moved on toward "
            "places with free shelter space.",
            {"people": onward_total},
            estimate=True,
        )
    work.counters.displaced_since_december += new_total
    work.counters.displaced_in_game += new_total
    work.day["displaced_new"] += new_total
    work.day["moved"] += moved_total
    work.day["trapped"] = trapped_total


def _road_harm(work: Work, groups: list[list]) -> None:
    """People on bombarded roads today: estimated harm, the dead taken from their groups."""
    p = work.p
    if not p.road_harm_rate:
        return
    on_road: dict[int, list[int]] = defaultdict(list)
    for k, g in enumerate(groups):
        if work.road_intensity[g[0]] > 0.0 and g[4] > 0:
            on_road[g[0]].append(k)
    total_harmed = total_killed = 0
    worst: tuple[int, int] | None = None  # (harmed, road)
    for r in sorted(on_road):
        members = on_road[r]
        people = sum(groups[k][4] for k in members)
        rid = work.net.road_ids[r]
        expected = p.road_harm_rate * work.road_intensity[r] * people
        harmed = min(people, work.rng.round(expected, work.turn, "road_harm", rid))
        if not harmed:
            continue
        killed = min(harmed, work.rng.round(harmed * p.fatal_share, work.turn, "road_dead", rid))
        for k, dead in zip(
            members, apportion(killed, [groups[k][4] for k in members]), strict=True
        ):
            groups[k][4] -= dead
        total_harmed += harmed
        total_killed += killed
        if worst is None or harmed > worst[0]:
            worst = (harmed, r)
    if not total_harmed or worst is None:
        return
    work.counters.harmed += total_harmed
    work.counters.killed += total_killed
    work.day["harmed"] += total_harmed
    r = worst[1]
    a = work.name(work.net.road_a[r])
    b = work.name(work.net.road_b[r])
    work.log(
        ev.HARM,
        work.net.road_ids[r],
        "bombardment of exit routes",
        f"Strikes on the roads out: an estimated {ev.people(total_harmed)} on the move harmed, "
        f"{total_killed:,} of them killed; the worst between {a} and {b}.",
        {"harmed": total_harmed, "killed": total_killed},
        estimate=True,
    )


def _travel(work: Work, groups: list[list], hostile: list[bool]) -> None:
    """Everyone on the roads covers a day's distance; arrivals settle, the rest stay in transit."""
    speed = work.p.travel_km_per_day
    net = work.net
    staying: dict[tuple[int, int, int, float], int] = {}
    arrivals: dict[int, int] = defaultdict(int)
    for road, origin, dest, km_left, people in groups:
        if people <= 0:
            continue
        if hostile[dest] and not hostile[origin]:
            # the destination fell while they were on the way: they turn back
            origin, dest = dest, origin
            km_left = max(0.0, net.road_km[road] - km_left)
        km_left = km_left - speed
        if km_left <= 0.0:
            arrivals[dest] += people
        else:
            key = (road, origin, dest, round(km_left, 3))
            staying[key] = staying.get(key, 0) + people
    for j in sorted(arrivals):
        settle(work, j, arrivals[j])
    work.transit = [
        Transit(net.road_ids[r], net.loc_ids[o], net.loc_ids[d], km, people)
        for (r, o, d, km), people in sorted(staying.items())
    ]


def settle(work: Work, j: int, people: int) -> None:
    """`people` displaced arrive at `j`: into free shelter places first, the rest unsheltered;
    unless `j` is a camp, those without a place stay on their way."""
    loc = work.loc(j)
    free = max(0, loc.capacity + loc.tents - loc.sheltered)
    housed = min(free, people)
    rest = people - housed
    work.bump(j, 0, housed, rest, 0 if work.net.is_camp[j] else rest)
