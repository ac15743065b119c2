"""Displacement in the manner of the Flee model (Suleimenova, Bell & Groen 2017), as flows.

Each place has a daily chance that its people leave, set by threat (front proximity,
bombardment, encirclement, a projected threat). Movers pick an open road out in proportion to
the summed Flee weights of the routes through it, score / (offset + km), times the road's
safety; a place's score is 2 for a camp, times conflict_weight ^ threat, times a camp's free
space (Flee's capacity factor; a town takes everyone). Displaced people who arrive at a place
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
from itertools import compress, repeat
from operator import add, gt, lt, mul, ne, not_
from typing import Any

from game.engine import events as ev
from game.engine.apportion import apportion
from game.engine.state import Transit
from game.engine.work import Work
from game.scenario.model import RoadStatus

_CLOSED = RoadStatus.CLOSED
_CONTESTED = RoadStatus.CONTESTED
EVENT_MIN_PEOPLE = 500  # smaller flights are summed up in one log line

# A first road out of a place: (road, the place it leads to, its km, the end places of the
# routes through it (the road's own end first), and offset + route km of each).
Route = tuple[int, int, float, tuple[int, ...], tuple[float, ...]]


def front_distances(work: Work, hostile: list[bool]) -> dict[int, float]:
    """Road km from each place within `front_range_km` to the nearest attacker-held place
    that borders a place not held by attackers (any road status: the front is felt). Cached
    per situation; callers must not modify the result."""
    net = work.net
    limit = work.p.front_range_km
    cache = _cache(work, "front_cache", (limit, tuple(hostile)))
    dist = cache.get("dist")
    if dist is not None:
        return dist
    dist = cache["dist"] = {}
    heap: list[tuple[float, int]] = []
    for i in compress(range(len(hostile)), hostile):
        if any(not hostile[link.other] for link in net.links[i]):
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


def capacity_factor(places: int, occupied: int, full: float) -> float:
    """Flee's capacity factor: 1 below `full` occupancy of the shelter places, 0 when full."""
    if places <= 0:
        return 0.0
    occupancy = occupied / places
    if occupancy <= full:
        return 1.0
    if occupancy >= 1.0 or full >= 1.0:
        return 0.0
    return (1.0 - occupancy) / (1.0 - full)


# graph situations (who holds what, which roads are closed) cached per scenario: a few dozen
# for a province, fewer for a country (each holds routes for every place that moved)
_KEEP_PLACES = 20000


def _cache(work: Work, name: str, key: tuple) -> dict:
    """A per-scenario cache of road graph walks for one situation: `key` holds who holds
    which place, which roads are closed and the walk's parameters. The last few situations
    are kept (a game passes through a handful; batch runs replay them game after game)."""
    caches = getattr(work.net, name, None)
    if caches is None:
        caches = {}
        setattr(work.net, name, caches)
    cache = caches.get(key)
    if cache is None:
        if len(caches) >= max(2, min(64, _KEEP_PLACES // max(1, work.n_locs))):
            caches.clear()
        cache = caches[key] = {}
    return cache


class _Walks:
    """Route walks of one scenario, kept while the road graph stays as it was: forward routes
    out of each place and backward paths into each place with shelter space. When places
    change hands or roads close, only the walks of places within reach of a change are
    dropped, so a moving front costs a little each turn rather than every walk."""

    def __init__(self) -> None:
        self.params: tuple = ()
        self.hostile: list[bool] = []
        self.closed: list[bool] = []
        self.forward: dict[int, list[Route]] = {}
        self.back: dict[int, list[tuple[int, int, int, float, float]]] = {}

    def update(self, work: Work, hostile: list[bool], closed: list[bool]) -> None:
        params = (int(work.p.awareness_level), work.p.route_offset_km)
        if params != self.params or len(hostile) != len(self.hostile):
            self.forward.clear()
            self.back.clear()
        elif hostile != self.hostile or closed != self.closed:
            for i in self._stale(work.net, hostile, closed, params[0]):
                self.forward.pop(i, None)
                self.back.pop(i, None)
        self.params = params
        # kept, not copied: the turn's lists are read only (`Work.hostile_now`, `closed_now`)
        self.hostile = hostile
        self.closed = closed

    def _stale(self, net: Any, hostile: list[bool], closed: list[bool], depth: int) -> set[int]:
        """The places whose walks read a place that changed hands or a road that opened or
        closed. A walk from v (forward or backward) looks at every road of the places it
        expands: v itself, then places not held by attackers reached by open roads, up to
        `depth` roads from v. A walk that read none of the changes would be walked again the
        same way; the others are the places from which such a reader is within that reach
        (all as the walks were made, i.e. before the change)."""
        was, was_closed, links = self.hostile, self.closed, net.links
        readers: set[int] = set()  # places whose expansion reads a change
        for c in compress(range(len(hostile)), map(ne, hostile, was)):
            readers.update(link.other for link in links[c])
        for r in compress(range(len(closed)), map(ne, closed, was_closed)):
            readers.add(net.road_a[r])
            readers.add(net.road_b[r])
        stale = set(readers)
        frontier = readers
        for _ in range(depth):  # walks that expand a reader: back along open roads
            frontier = {
                link.other
                for y in frontier
                if not was[y]
                for link in links[y]
                if not was_closed[link.road]
            } - stale
            stale |= frontier
        return stale


def _walks(work: Work, hostile: list[bool], closed: list[bool]) -> _Walks:
    walks = getattr(work.net, "walks", None)
    if walks is None:
        walks = work.net.walks = _Walks()
    walks.update(work, hostile, closed)
    return walks


def _forward(work: Work, i: int, hostile: list[bool], closed: list[bool]) -> list[Route]:
    """The open first roads out of i and the routes of up to `awareness_level` + 1 roads
    through each, never back to a place on the way and never into attacker-held places."""
    links = work.net.links
    offset = work.p.route_offset_km
    depth = int(work.p.awareness_level)
    out: list[Route] = []
    for link in links[i]:
        j = link.other
        if hostile[j] or closed[link.road]:
            continue
        km = link.km
        ends = [(j, offset + km)]
        if depth == 1:  # the usual awareness: one road beyond, without the recursion
            for second in links[j]:
                k = second.other
                if k != i and k != j and not hostile[k] and not closed[second.road]:
                    ends.append((k, offset + km + second.km))
        elif depth > 1:
            _extend(links, hostile, closed, offset, j, km, (i, j), depth, ends)
        out.append((link.road, j, km, tuple(ends)))
    return out


def _extend(
    links: Any,
    hostile: list[bool],
    closed: list[bool],
    offset: float,
    node: int,
    km: float,
    path: tuple[int, ...],
    left: int,
    ends: list[int],
    dens: list[float],
) -> None:
    """`_forward`'s routes beyond `node` (reached by `path`, `km` so far), up to `left` roads."""
    for link in links[node]:
        k = link.other
        if k in path or hostile[k] or closed[link.road]:
            continue
        total = km + link.km
        ends.append((k, offset + total))
        if left > 1:
            _extend(links, hostile, closed, offset, k, total, (*path, k), left - 1, ends)


def onward_options(
    work: Work,
    hostile: list[bool],
    closed: list[bool],
    value: Callable[[int], float],
    spaces: list[int],
    people: list[int] | None = None,
    least: int = 0,
) -> dict[int, dict[int, tuple[int, float, float]]]:
    """For moving on toward shelter space: origin -> {road: (next place, km, Flee weight)},
    the best value / (offset + km) over open paths of up to `awareness_level` + 1 roads that
    end at one of `spaces` (places with free shelter space). Built backward from those places
    (their paths are kept until a place near them changes hands or a road closes), so the cost
    does not grow with the places that have no space near them. With `people`, origins x
    with people[x] < `least` are left out."""
    offset = work.p.route_offset_km
    paths = _walks(work, hostile, closed).back
    best: dict[int, dict[int, tuple[int, float, float]]] = {}
    for k in spaces:
        v = value(k)
        if v <= 0.0:
            continue
        entries = paths.get(k)
        if entries is None:
            entries = paths[k] = _back_from(work, k, hostile, closed)
        for x, road, node, link_km, total in entries:
            if people is not None and people[x] < least:
                continue
            weight = v / (offset + total)
            mine = best.get(x)
            if mine is None:
                best[x] = {road: (node, link_km, weight)}
                continue
            old = mine.get(road)
            if old is None or weight > old[2]:
                mine[road] = (node, link_km, weight)
    return best


def _fewest_sending(p: Any, onward: float, household: int) -> int:
    """The fewest unsheltered people x at a place for which x * onward / household >= 1:
    below that (the test is monotone in x), no household moves on toward shelter from there,
    as `run` counts them (never more than the place's unsheltered less those who flee). 0
    (no one left out) unless the rates are in their valid ranges, which that bound needs."""
    if not (onward > 0.0 and 0.0 <= p.flight_noise <= 1.0):
        return 0
    if p.leave_rate_max < 0.0 or p.fall_leave_rate < 0.0:
        return 0
    x = max(0, int(household / onward) - 2)
    while x > 0 and (x - 1) * onward / household >= 1.0:
        x -= 1
    while not x * onward / household >= 1.0:
        x += 1
    return x


def _back_from(
    work: Work, k: int, hostile: list[bool], closed: list[bool]
) -> list[tuple[int, int, int, float, float]]:
    """Open simple paths of up to `awareness_level` + 1 roads ending at k, as
    (origin, its first road, the place that road leads to, that road's km, total km)."""
    out: list[tuple[int, int, int, float, float]] = []
    _back(work.net.links, hostile, closed, out, k, 0.0, (k,), int(work.p.awareness_level) + 1)
    return out


def _back(
    links: Any,
    hostile: list[bool],
    closed: list[bool],
    out: list,
    node: int,
    km: float,
    path: tuple[int, ...],
    left: int,
) -> None:
    """`_back_from`'s paths into `node` (reached by `path`, `km` from the end), up to `left`
    roads."""
    for link in links[node]:
        x = link.other
        if x in path or hostile[x] or closed[link.road]:
            continue
        total = km + link.km
        out.append((x, link.road, node, link.km, total))
        if left > 1:
            _back(links, hostile, closed, out, x, total, (*path, x), left - 1)


def run(work: Work) -> None:
    """Departures, travel, harm on the roads, arrivals; sets today's displacement figures."""
    p = work.p
    net = work.net
    rng = work.rng
    locs = work.locs
    n = len(locs)
    res, shel, uns, enr = work.res, work.shel, work.uns, work.enr
    dirty = work.dirty
    hostile = work.hostile_now()
    threat = threats(work, hostile)
    work.threat = threat
    closed = work.closed_now()
    is_camp = net.is_camp
    onward = p.onward_rate_unsheltered
    camp_weight = p.camp_weight
    conflict_weight = p.conflict_weight
    en_route_rate = p.onward_rate_en_route
    floor = p.capacity_floor
    full = p.capacity_full_share
    tf = p.threat_floor
    trap = p.trap_threat
    road_weight = p.road_danger_weight
    contested = p.contested_danger
    road_intensity = work.road_intensity
    roads = work.roads
    road_ids = net.road_ids
    # shelter places and occupancy as the day starts: what people know when they decide
    places = work.places_now()
    occupied = list(map(add, shel, uns))

    def score(k: int) -> float:
        """Flee's score of place k as a destination: camp weight, conflict weight ^ threat."""
        s = camp_weight if is_camp[k] else 1.0
        t = threat[k]
        return s * conflict_weight**t if t > 0.0 else s

    flee_value: list[float | None] = [None] * n

    def fvalue(k: int) -> float:
        """Endpoint value for people fleeing or on their way: a camp by its free space (never
        below `capacity_floor`), a town takes everyone (Flee's towns have no capacity)."""
        v = score(k)
        if is_camp[k]:
            v *= max(floor, capacity_factor(places[k], occupied[k], full))
        flee_value[k] = v
        return v

    def on_value(k: int) -> float:
        """Endpoint value for unsheltered people moving on toward shelter space: 0 if k is
        threatened, else its score times its capacity factor."""
        if threat[k] > tf:
            return 0.0
        return score(k) * capacity_factor(places[k], occupied[k], full)

    safety_of: list[float | None] = [None] * len(roads)

    def safety(r: int) -> float:
        """How far people trust road r: less under bombardment or when contested."""
        danger = road_weight * road_intensity[r]
        if roads[r].status is _CONTESTED:
            danger += contested
        value = safety_of[r] = max(0.05, 1.0 - danger)
        return value

    forward = _walks(work, hostile, closed).forward
    household = max(1, int(p.household_size))  # people move on as whole households
    low = min(tf, trap)
    every = range(n)
    movers = set(compress(every, map(lt, repeat(low, n), threat)))  # threat > low
    held = list(map(not_, hostile))
    if en_route_rate:
        movers.update(compress(every, map(mul, enr, held)))  # on their way, not held
    options: dict[int, dict[int, tuple[int, float, float]]] = {}
    if onward:
        spaces = [
            k
            for k in compress(every, map(gt, places, occupied))
            if not hostile[k] and threat[k] <= tf
        ]
        # origins with too few unsheltered people to send a household are left out
        least = _fewest_sending(p, onward, household)
        options = onward_options(work, hostile, closed, on_value, spaces, uns, least)
        movers.update(
            i for i in options if (uns[i] - enr[i]) * onward >= household and not hostile[i]
        )

    flight_draw = rng.draws(work.turn, "flight")
    en_draw = rng.draws(work.turn, "en_route")
    noise_width = p.flight_noise
    # people on the roads, five entries a group (road, origin, destination, km_left, people)
    # in one flat list: no object per group for the cyclic collector to track
    groups: list = []
    new_total = moved_total = onward_total = en_route_total = trapped_total = 0
    small_total = small_places = 0
    for i in sorted(movers):
        loc = locs[i]
        t = threat[i]
        if hostile[i] and not loc.fall_days:
            continue
        fleeing = t > tf or hostile[i]
        en = enr[i] if en_route_rate else 0
        if 0 < en < household and not fleeing:
            enr[i] = en = 0  # fewer than a household on their way: they stay where they are
            dirty.add(i)
        out_m = 0
        if en:
            # people on their way move on at Flee's town move chance, rising to its conflict
            # zone's 1 at threat 1 above the floor where anyone leaves; in whole households
            # (the last one perhaps smaller), their number rounded at random
            g = en_route_rate
            if t > tf:
                g += (1.0 - en_route_rate) * (t - tf) / (1.0 - tf)
            x = en * (g if g < 1.0 else 1.0) / household
            n_households = int(x)
            if en_draw(loc.id) < x - n_households:
                n_households += 1
            out_m = min(en, n_households * household)
        mine = options.get(i)
        walk = fleeing or out_m or t >= trap
        if not (walk or mine):
            continue  # nobody sets out from here today
        routes: list[Route] = []
        # people who only move on toward shelter take `mine`'s roads, all of them open roads
        # out of i (they have none if i has no open way out): no walk of i is needed for them
        if walk:
            routes = forward.get(i)  # type: ignore[assignment]
            if routes is None:
                routes = forward[i] = _forward(work, i, hostile, closed)
            if loc.encircled:
                exits = loc.open_exits
                routes = [route for route in routes if road_ids[route[0]] in exits]
        if walk and not routes:
            people = res[i] + shel[i] + uns[i]
            if t >= trap and people:
                trapped_total += people
                work.log(
                    ev.TRAPPED,
                    loc.id,
                    "no open way out",
                    f"An estimated {ev.people(people)} are trapped in {work.name(i)}: "
                    "no road out is open.",
                    {"people": people, "threat": round(t, 2)},
                    estimate=True,
                )
            continue
        stopped = uns[i] - en  # unsheltered people who are not on their way
        out_r = out_s = out_u = 0
        if fleeing:
            noise = 1.0 + noise_width * (2.0 * flight_draw(loc.id) - 1.0) if noise_width else 1.0
            if hostile[i]:
                # a fallen town: those who can, leave across the line in the first days
                f = p.fall_leave_rate * noise
            else:
                f = p.leave_rate_max * (t - tf) / (1.0 - tf) * noise
            f = min(1.0, f)
            out_r = int(res[i] * f + 0.5)
            out_s = int(shel[i] * f + 0.5)
            out_u = int(stopped * f + 0.5)
        choices: list[tuple[int, int, float, float]] = []
        out_on = 0
        if mine and t < 1.0:
            # how many move on first: most places send fewer than a household, and no road
            # needs weighing for them
            n_on = household * int((stopped - out_u) * onward / household)
            if n_on:
                encircled = loc.encircled
                exits = loc.open_exits
                choices = [
                    (r, other, km, (safety_of[r] or safety(r)) * value)
                    for r, (other, km, value) in mine.items()
                    if not encircled or road_ids[r] in exits
                ]
                if choices:
                    out_on = n_on
        flee = out_r + out_s + out_u
        if flee + out_m + out_on == 0:
            continue
        res[i] -= out_r
        shel[i] -= out_s
        uns[i] -= out_u + out_m + out_on
        enr[i] -= out_m
        dirty.add(i)
        shares: list[int] = []
        if flee + out_m:
            weights = []
            for road, _j, _km, ends in routes:
                w = 0.0
                for k, den in ends:
                    v = flee_value[k]
                    w += (fvalue(k) if v is None else v) / den
                sr = safety_of[road]
                weights.append(w * (safety(road) if sr is None else sr))
            if fleeing and len(routes) > 1:
                # people flee toward safer places when there are any (Flee's conflict weight
                # alone would still send some toward the front)
                safer = [threat[route[1]] <= t for route in routes]
                if any(safer) and not all(safer):
                    weights = [w if ok else 0.0 for w, ok in zip(weights, safer, strict=True)]
            if sum(weights) <= 0.0:
                weights = [1.0] * len(routes)
            shares = [flee + out_m] if len(routes) == 1 else apportion(flee + out_m, weights)
            for (road, j, km, _ends), people in zip(routes, shares, strict=True):
                if people:
                    groups += (road, i, j, km, people)
        if out_on:
            on_shares = (
                [out_on] if len(choices) == 1 else apportion(out_on, [c[3] for c in choices])
            )
            for (road, other, km, _w), people in zip(choices, on_shares, strict=True):
                if people:
                    groups += (road, i, other, km, people)
        new_total += out_r
        moved_total += flee + out_m + out_on
        onward_total += out_on
        en_route_total += out_m
        if 0 < flee < EVENT_MIN_PEOPLE:
            small_total += flee
            small_places += 1
        elif flee:
            top = shares.index(max(shares))  # the first of the largest
            cause = "the town has fallen" if hostile[i] else "threat of the offensive"
            work.log(
                ev.DISPLACEMENT,
                loc.id,
                cause,
                f"An estimated {ev.people(flee)} fled {work.name(i)}, most toward "
                f"{work.name(routes[top][1])}.",
                {"people": flee, "newly_displaced": out_r, "threat": round(t, 2)},
                estimate=True,
            )

    loc_index = net.loc_index
    road_index = net.road_index
    for t_ in work.transit:
        groups += (
            road_index[t_.road],
            loc_index[t_.origin],
            loc_index[t_.destination],
            t_.km_left,
            t_.people,
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
    counters = work.counters
    counters.displaced_since_december += new_total
    counters.displaced_in_game += new_total
    work.day["displaced_new"] += new_total
    work.day["moved"] += moved_total
    work.day["trapped"] = trapped_total


def _road_harm(work: Work, groups: list) -> None:
    """People on bombarded roads today: estimated harm, the dead taken from their groups
    (`groups` as `run` lays them out: five entries a group, people last)."""
    p = work.p
    rate = p.road_harm_rate
    if not rate:
        return
    intensity = work.road_intensity
    on_road: dict[int, int] = {}
    entry = iter(groups)
    for r, _o, _d, _k, people in zip(entry, entry, entry, entry, entry, strict=True):
        if people > 0 and intensity[r] > 0.0:
            on_road[r] = on_road.get(r, 0) + people
    if not on_road:
        return
    total_harmed = total_killed = 0
    worst: tuple[int, int] | None = None  # (harmed, road)
    harm_draws = work.rng.pairs(work.turn, "road_harm")
    road_ids = work.net.road_ids
    members_of: dict[int, list[int]] | None = None  # road -> where its groups' people are
    for r in sorted(on_road):
        people = on_road[r]
        rid = road_ids[r]
        u_harmed, u_killed = harm_draws(rid)
        harmed = min(people, _round(u_harmed, rate * intensity[r] * people))
        if not harmed:
            continue
        killed = min(harmed, _round(u_killed, harmed * p.fatal_share))
        if killed:
            if members_of is None:
                members_of = defaultdict(list)
                for g in range(0, len(groups), 5):
                    if groups[g + 4] > 0 and intensity[groups[g]] > 0.0:
                        members_of[groups[g]].append(g + 4)
            members = members_of[r]
            shares = apportion(killed, [groups[m] for m in members])
            for m, dead in zip(members, shares, strict=True):
                groups[m] -= dead
        total_harmed += harmed
        total_killed += killed
        if worst is None or harmed > worst[0]:
            worst = (harmed, r)
    if worst is None:
        return
    work.counters.harmed += total_harmed
    work.counters.killed += total_killed
    work.day["harmed"] += total_harmed
    r = worst[1]
    a = work.name(work.net.road_a[r])
    b = work.name(work.net.road_b[r])
    work.log(
        ev.HARM,
        road_ids[r],
        "bombardment of exit routes",
        f"Strikes on the roads out: an estimated {ev.people(total_harmed)} on the move harmed, "
        f"{total_killed:,} of them killed; the worst between {a} and {b}.",
        {"harmed": total_harmed, "killed": total_killed},
        estimate=True,
    )


def _round(draw: float, x: float) -> int:
    """`x` rounded up or down by a uniform draw, in proportion to its fraction."""
    low = int(x)
    return low + 1 if draw < x - low else low


def _travel(work: Work, groups: list, hostile: list[bool]) -> None:
    """Everyone on the roads covers a day's distance; arrivals settle, the rest stay in transit."""
    speed = work.p.travel_km_per_day
    net = work.net
    staying: dict[tuple[int, int, int, float], int] = {}
    arrivals: dict[int, int] = defaultdict(int)
    entry = iter(groups)
    for road, origin, dest, km_left, people in zip(entry, entry, entry, entry, entry, strict=True):
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
    # arrivals settle (as `settle` does, inline: a busy day has thousands)
    locs, shel, uns, enr, dirty = work.locs, work.shel, work.uns, work.enr, work.dirty
    is_camp = net.is_camp
    for j in sorted(arrivals):
        people = arrivals[j]
        loc = locs[j]
        free = loc.capacity + loc.tents - shel[j]
        housed = people if free >= people else max(0, free)
        rest = people - housed
        shel[j] += housed
        uns[j] += rest
        if not is_camp[j]:
            enr[j] += rest
        dirty.add(j)
    work.transit = [
        Transit(net.road_ids[r], net.loc_ids[o], net.loc_ids[d], km, people)
        for (r, o, d, km), people in sorted(staying.items())
    ]


def settle(work: Work, j: int, people: int) -> None:
    """`people` displaced arrive at `j`: into free shelter places first, the rest unsheltered;
    unless `j` is a camp, those without a place stay on their way."""
    loc = work.locs[j]
    free = loc.capacity + loc.tents - work.shel[j]
    housed = people if free >= people else max(0, free)
    rest = people - housed
    work.shel[j] += housed
    work.uns[j] += rest
    if not work.net.is_camp[j]:
        work.enr[j] += rest
    work.dirty.add(j)
