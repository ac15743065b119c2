"""A turn's mutable working copy of a state.

The population pools of every place live in flat lists for the turn (`res`, `shel`, `uns`,
`enr`: residents, sheltered, unsheltered, en route), the hot data of the displacement, harm and
aid rules; `bump` adds to them. The other fields of a place are copied on first write: rules
read `work.loc(i)` (the frozen state or its working copy, same attribute names, but never its
pools: read the lists) and write through `work.mloc(i)`. Untouched places keep their frozen
objects, so a turn costs time only where something happens. `freeze()` gives the next `State`,
building one new frozen object per changed place.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import fields
from typing import Any

from game.engine.columns import LocColumns, RoadColumns, loc_columns, road_columns
from game.engine.events import Event
from game.engine.network import Network, network
from game.engine.rng import Rng
from game.engine.state import (
    Convoy,
    Counters,
    Day,
    LocationState,
    Pending,
    Resources,
    RoadState,
    State,
    Transit,
)
from game.scenario.model import RoadStatus, Scenario

_NAMES: dict[type, tuple[tuple[str, ...], Any]] = {}


def _names(cls: type) -> tuple[tuple[str, ...], Any]:
    """Field names of a dataclass and a getter of all of them at once."""
    names = _NAMES.get(cls)
    if names is None:
        fieldnames = tuple(f.name for f in fields(cls))
        names = (fieldnames, operator.attrgetter(*fieldnames))
        _NAMES[cls] = names
    return names


_POOLS = ("residents", "sheltered", "unsheltered", "en_route")
_LOC_NAMES = tuple(f.name for f in fields(LocationState))
_LOC_VALUES = operator.attrgetter(*_LOC_NAMES)
_R, _S, _U, _E = (_LOC_NAMES.index(name) for name in _POOLS)
_H = _LOC_NAMES.index("harmed")
_CLOSED = RoadStatus.CLOSED


class Mut:
    """A mutable copy of a frozen dataclass, with the same attribute names."""

    def __init__(self, frozen: Any) -> None:
        cls = type(frozen)
        names, getter = _names(cls)
        d = self.__dict__
        d.update(zip(names, getter(frozen), strict=True))
        d["_cls"] = cls

    def freeze(self) -> Any:
        cls = self.__dict__["_cls"]
        d = self.__dict__
        return cls(*[d[name] for name in _names(cls)[0]])


class LocMut:
    """A mutable copy of a `LocationState`: its field values in a list, read and written by
    name. Its pools are not kept here but in the turn's lists (reading one is an error)."""

    __slots__ = ("values",)

    def __init__(self, frozen: LocationState) -> None:
        self.values = list(_LOC_VALUES(frozen))

    @property
    def shelter_places(self) -> int:
        return self.capacity + self.tents  # type: ignore[attr-defined]


def _field(k: int) -> property:
    def get(self: LocMut) -> Any:
        return self.values[k]

    def put(self: LocMut, value: Any) -> None:
        self.values[k] = value

    return property(get, put)


def _pool(name: str) -> property:
    def get(self: LocMut) -> Any:
        raise AttributeError(f"a place's {name} are in the turn's lists (Work.res/shel/uns/enr)")

    return property(get)


for _k, _name in enumerate(_LOC_NAMES):
    setattr(LocMut, _name, _pool(_name) if _name in _POOLS else _field(_k))


def _patched(column: list, values: Any) -> list:
    """`column` with the (index, value) pairs of `values` put in: a copy if any differs, else
    `column` itself."""
    out = column
    for i, value in values:
        if out[i] != value:
            if out is column:
                out = column[:]
            out[i] = value
    return out


class Work:
    """Everything a turn changes, mutable until `freeze()`."""

    def __init__(self, scenario: Scenario, state: State, rng: Rng) -> None:
        self.scenario = scenario
        self.net: Network = network(scenario)
        self.p = self.net.params
        self.rng = rng
        self.turn = state.turn + 1
        self.date: dt.date = scenario.meta.start_date + dt.timedelta(
            days=scenario.meta.turn_days * state.turn
        )
        self.seed = state.seed
        self.difficulty = state.difficulty
        self.event_odds = state.event_odds
        locations = state.locations
        self.before = locations
        self.locs: list[Any] = list(locations)
        # columns of the state's places and roads as the turn starts (read only)
        self.cols: LocColumns = loc_columns(self.net, locations)
        self.road_cols: RoadColumns = road_columns(self.net, state.roads, _CLOSED)
        self.res: list[int] = self.cols.res[:]
        self.shel: list[int] = self.cols.shel[:]
        self.uns: list[int] = self.cols.uns[:]
        self.enr: list[int] = self.cols.enr[:]
        self.dirty: set[int] = set()  # places whose pools changed
        self.harm_add: dict[int, int] = {}  # harm estimated at places today (`harmed` grows)
        self.roads: list[Any] = list(state.roads)
        self.touched_locs: set[int] = set()
        self.touched_roads: set[int] = set()
        self.resources = Mut(state.resources)
        self.counters = Mut(state.counters)
        self.convoys: list[Convoy] = list(state.convoys)
        self.transit: list[Transit] = list(state.transit)
        self.pending: list[Pending] = list(state.pending)
        self.fired: dict[str, int] = dict(state.fired)
        self.fired_before = state.fired
        self.diplomacy_bonus = state.diplomacy_bonus
        self.diplomacy_days = state.diplomacy_days
        self.next_convoy_id = state.next_convoy_id
        self.events: list[Event] = []
        self.day: dict[str, Any] = dict.fromkeys(_names(Day)[0], 0)
        self.day["needs_covered_pct"] = 0.0
        # per-turn derived values the rules share (set by bombardment and displacement)
        self.loc_intensity: list[float] = []
        self.road_intensity: list[float] = []
        self.threat: list[float] = []
        self.bombarded: list[int] = []  # locations with intensity > 0 today
        self.timed: list[int] = []  # locations with a timer, encirclement or threat today
        self.timed_roads: list[int] = []  # roads with a timer today

    # --- locations and roads ---------------------------------------------------------------

    def loc(self, i: int) -> Any:
        """Location `i` for reading (frozen or working copy); its pools are in the lists."""
        return self.locs[i]

    def mloc(self, i: int) -> Any:
        """Location `i` for writing (copied on first write), pools excepted."""
        if i not in self.touched_locs:
            self.locs[i] = LocMut(self.locs[i])
            self.touched_locs.add(i)
        return self.locs[i]

    def bump(
        self,
        i: int,
        residents: int = 0,
        sheltered: int = 0,
        unsheltered: int = 0,
        en_route: int = 0,
    ) -> None:
        """Add to location `i`'s population pools (and its count of unsheltered people still on
        their way)."""
        self.res[i] += residents
        self.shel[i] += sheltered
        self.uns[i] += unsheltered
        self.enr[i] += en_route
        self.dirty.add(i)

    def add_harm(self, i: int, harmed: int) -> None:
        """Count `harmed` more people harmed at location `i` (its `harmed` field)."""
        self.harm_add[i] = self.harm_add.get(i, 0) + harmed

    def population(self, i: int) -> int:
        return self.res[i] + self.shel[i] + self.uns[i]

    def road(self, r: int) -> Any:
        return self.roads[r]

    def mroad(self, r: int) -> Any:
        if r not in self.touched_roads:
            self.roads[r] = Mut(self.roads[r])
            self.touched_roads.add(r)
        return self.roads[r]

    @property
    def n_locs(self) -> int:
        return len(self.locs)

    def hostile_now(self) -> list[bool]:
        """Whether each place is held by an attacker, as it stands now. Read only: it is the
        turn's column itself while no place changed hands (a large list made for nothing
        costs the cyclic collector too)."""
        attackers = self.net.attackers
        locs = self.locs
        return _patched(
            self.cols.hostile, ((i, locs[i].control in attackers) for i in self.touched_locs)
        )

    def places_now(self) -> list[int]:
        """Shelter places (capacity + tents) at each place, as it stands now. Read only."""
        locs = self.locs
        return _patched(
            self.cols.places,
            ((i, locs[i].capacity + locs[i].tents) for i in self.touched_locs),
        )

    def closed_now(self) -> list[bool]:
        """Whether each road is closed, as it stands now. Read only."""
        roads = self.roads
        return _patched(
            self.road_cols.closed, ((r, roads[r].status is _CLOSED) for r in self.touched_roads)
        )

    def hostile_at(self, i: int) -> bool:
        return self.locs[i].control in self.net.attackers

    def name(self, i: int) -> str:
        return self.scenario.locations[i].name

    # --- log -------------------------------------------------------------------------------

    def log(
        self,
        kind: str,
        place: str | None,
        cause: str,
        message: str,
        figures: dict[str, int | float] | None = None,
        citation: str | None = None,
        estimate: bool = False,
    ) -> None:
        self.events.append(
            Event(
                self.turn, self.date, kind, place, cause, message, figures or {}, citation, estimate
            )
        )

    # --- the next state --------------------------------------------------------------------

    def _freeze_locations(self) -> tuple[LocationState, ...]:
        locs = self.locs
        res, shel, uns, enr = self.res, self.shel, self.uns, self.enr
        before = self.before
        touched = self.touched_locs
        harm_add = self.harm_add
        for i in touched.union(self.dirty, harm_add):
            cur = locs[i]
            if i in touched:
                values = cur.values
            else:
                old = before[i]
                if (
                    i not in harm_add
                    and old.residents == res[i]
                    and old.sheltered == shel[i]
                    and old.unsheltered == uns[i]
                    and old.en_route == enr[i]
                ):
                    continue  # back where it started: keep the frozen object
                values = list(_LOC_VALUES(cur))
            values[_R] = res[i]
            values[_S] = shel[i]
            values[_U] = uns[i]
            values[_E] = enr[i]
            if i in harm_add:
                values[_H] += harm_add[i]
            locs[i] = LocationState(*values)
        touched.clear()
        self.dirty.clear()
        harm_add.clear()
        return tuple(locs)

    def freeze(self) -> State:
        """The next state. The turn's pools become the columns of its places (the work is
        not to be used after this)."""
        touched = list(self.touched_locs)
        locations = self._freeze_locations()
        self.net.loc_columns = self.cols.patched(
            locations, touched, self.net.attackers, (self.res, self.shel, self.uns, self.enr)
        )
        touched_roads = list(self.touched_roads)
        for r in touched_roads:
            self.roads[r] = self.roads[r].freeze()
        self.touched_roads.clear()
        roads = tuple(self.roads)
        self.net.road_columns = self.road_cols.patched(roads, touched_roads, _CLOSED)
        game_over = self.turn >= self.scenario.meta.turns
        return State(
            turn=self.turn,
            date=self.date,
            seed=self.seed,
            difficulty=self.difficulty,
            event_odds=self.event_odds,
            locations=locations,
            roads=roads,
            resources=self.resources.freeze(),
            counters=self.counters.freeze(),
            day=Day(**self.day),
            convoys=tuple(self.convoys),
            transit=tuple(self.transit),
            pending=tuple(self.pending),
            fired=(
                self.fired_before
                if len(self.fired) == len(self.fired_before)
                else tuple(self.fired.items())
            ),
            diplomacy_bonus=round(self.diplomacy_bonus, 6),
            diplomacy_days=self.diplomacy_days,
            next_convoy_id=self.next_convoy_id,
            game_over=game_over,
        )


def new_resources(funds: int, trucks: int, leverage: int) -> Resources:
    return Resources(funds=funds, trucks=trucks, leverage=leverage)


__all__ = ["Counters", "LocationState", "Mut", "RoadState", "Work", "new_resources"]
