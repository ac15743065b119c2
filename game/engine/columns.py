"""Per-place and per-road columns of a state (pools, who holds a place, shelter places, which
places and roads have anything that bombardment or aid must look at), kept from one turn to
the next so that a turn does not read every field of thousands of places again.

A pure memo: the columns of a locations (roads) tuple are computed from its records; those of
the last tuple are kept on the network, and a new tuple is compared with it record by record
(`is`): records are immutable, so only the records that are not the same objects are read
again. A turn publishes the columns of the state it builds (`Work.freeze`), which the next
turn then finds without any comparison.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter, is_not
from typing import Any

_CONTROL = attrgetter("control")
_POOLS = tuple(attrgetter(name) for name in ("residents", "sheltered", "unsheltered", "en_route"))


def loc_special(loc: Any) -> bool:
    """True if `bombardment.intensities` must look at the place: bombarded, or a timer runs,
    or encircled. A place without any of these has intensity 0 and no timer."""
    return bool(
        loc.bombardment
        or loc.strike_days
        or loc.encircled
        or loc.threat_days
        or loc.pause_days
        or loc.fall_days
    )


def loc_stocked(loc: Any) -> bool:
    """True if aid must look at the place's tents or stocks."""
    return bool(loc.tents or loc.food or loc.water)


def road_special(road: Any) -> bool:
    """True if the road has a standing bombardment, a strike or a corridor timer."""
    return bool(road.bombardment or road.strike_days or road.corridor_days)


class LocColumns:
    """Columns of one locations tuple. Read only, and shared with the columns of the next
    tuple where they are the same: a turn copies the pools before changing them."""

    __slots__ = (
        "enr",
        "hostile",
        "locations",
        "places",
        "res",
        "shel",
        "special",
        "stocked",
        "uns",
    )

    def __init__(self, locations: tuple, attackers: frozenset[str]) -> None:
        self.locations = locations
        self.res, self.shel, self.uns, self.enr = (list(map(g, locations)) for g in _POOLS)
        self.hostile = list(map(attackers.__contains__, map(_CONTROL, locations)))
        self.places = [loc.capacity + loc.tents for loc in locations]
        self.special = {i for i, loc in enumerate(locations) if loc_special(loc)}
        self.stocked = {i for i, loc in enumerate(locations) if loc_stocked(loc)}

    def patched(
        self,
        locations: tuple | list,
        changed: Any,
        attackers: frozenset[str],
        pools: tuple[list[int], list[int], list[int], list[int]] | None = None,
    ) -> LocColumns:
        """The columns of `locations`, which differ from this tuple's records at most at the
        indices `changed` (read again). `pools`, if given, are that tuple's pools already
        (taken over, not copied)."""
        new = LocColumns.__new__(LocColumns)
        new.locations = locations
        if pools is None:
            res, shel, uns, enr = self.res[:], self.shel[:], self.uns[:], self.enr[:]
        else:
            res, shel, uns, enr = pools
        # unchanged columns are shared (read only), changed ones copied once
        hostile, places = self.hostile, self.places
        special, stocked = self.special, self.stocked
        for i in changed:
            loc = locations[i]
            if pools is None:
                res[i] = loc.residents
                shel[i] = loc.sheltered
                uns[i] = loc.unsheltered
                enr[i] = loc.en_route
            h = loc.control in attackers
            if hostile[i] != h:
                if hostile is self.hostile:
                    hostile = hostile[:]
                hostile[i] = h
            n = loc.capacity + loc.tents
            if places[i] != n:
                if places is self.places:
                    places = places[:]
                places[i] = n
            if loc_special(loc) != (i in special):
                if special is self.special:
                    special = set(special)
                special ^= {i}
            if loc_stocked(loc) != (i in stocked):
                if stocked is self.stocked:
                    stocked = set(stocked)
                stocked ^= {i}
        new.res, new.shel, new.uns, new.enr = res, shel, uns, enr
        new.hostile, new.places, new.special, new.stocked = hostile, places, special, stocked
        return new


class RoadColumns:
    """Columns of one roads tuple: which roads are closed, which are special."""

    __slots__ = ("closed", "roads", "special")

    def __init__(self, roads: tuple, closed_status: Any) -> None:
        self.roads = roads
        self.closed = [road.status is closed_status for road in roads]
        self.special = {r for r, road in enumerate(roads) if road_special(road)}

    def patched(self, roads: tuple, changed: Any, closed_status: Any) -> RoadColumns:
        new = RoadColumns.__new__(RoadColumns)
        new.roads = roads
        closed, special = self.closed, self.special  # shared unless changed, as above
        for r in changed:
            road = roads[r]
            c = road.status is closed_status
            if closed[r] is not c:
                if closed is self.closed:
                    closed = closed[:]
                closed[r] = c
            if road_special(road) != (r in special):
                if special is self.special:
                    special = set(special)
                special ^= {r}
        new.closed, new.special = closed, special
        return new


def _changed(new: tuple, old: tuple) -> list[int] | None:
    """Indices where `new` holds another record than `old`; None if too many to patch."""
    if len(new) != len(old):
        return None
    changed = list(compress(range(len(new)), map(is_not, new, old)))
    return changed if len(changed) * 4 <= len(new) else None


def loc_columns(net: Any, locations: tuple) -> LocColumns:
    """The columns of a state's locations tuple (kept on `net` for the next call)."""
    kept: LocColumns | None = getattr(net, "loc_columns", None)
    if kept is not None and kept.locations is locations:
        return kept
    changed = None if kept is None else _changed(locations, kept.locations)
    if changed is None:
        cols = LocColumns(locations, net.attackers)
    else:
        cols = kept.patched(locations, changed, net.attackers)  # type: ignore[union-attr]
    net.loc_columns = cols
    return cols


def road_columns(net: Any, roads: tuple, closed_status: Any) -> RoadColumns:
    """The columns of a state's roads tuple (kept on `net` for the next call)."""
    kept: RoadColumns | None = getattr(net, "road_columns", None)
    if kept is not None and kept.roads is roads:
        return kept
    changed = None if kept is None else _changed(roads, kept.roads)
    if changed is None:
        cols = RoadColumns(roads, closed_status)
    else:
        cols = kept.patched(roads, changed, closed_status)  # type: ignore[union-attr]
    net.road_columns = cols
    return cols
