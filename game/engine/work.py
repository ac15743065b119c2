"""A turn's mutable working copy of a state, copy-on-write per location and road.

Rules read `work.loc(i)` (the frozen state or its working copy, same attribute names) and
write through `work.mloc(i)`; untouched locations keep their frozen objects, so a turn costs
time only where something happens. `freeze()` gives the next frozen `State`.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import fields
from typing import Any

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
from game.scenario.model import Scenario

_NAMES: dict[type, tuple[tuple[str, ...], Any]] = {}


def _names(cls: type) -> tuple[tuple[str, ...], Any]:
    """Field names of a dataclass and a getter of all of them at once."""
    names = _NAMES.get(cls)
    if names is None:
        fieldnames = tuple(f.name for f in fields(cls))
        names = (fieldnames, operator.attrgetter(*fieldnames))
        _NAMES[cls] = names
    return names


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

    # the derived properties of LocationState, for rules that read either kind
    @property
    def population(self) -> int:
        return self.residents + self.sheltered + self.unsheltered

    @property
    def displaced(self) -> int:
        return self.sheltered + self.unsheltered

    @property
    def shelter_places(self) -> int:
        return self.capacity + self.tents


_LOC_NAMES, _LOC_GETTER = _names(LocationState)
_R = _LOC_NAMES.index("residents")
_S = _LOC_NAMES.index("sheltered")
_U = _LOC_NAMES.index("unsheltered")
_E = _LOC_NAMES.index("en_route")


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
        self.locs: list[Any] = list(state.locations)
        self.roads: list[Any] = list(state.roads)
        self.touched_locs: set[int] = set()
        self.touched_roads: set[int] = set()
        self.resources = Mut(state.resources)
        self.counters = Mut(state.counters)
        self.convoys: list[Convoy] = list(state.convoys)
        self.transit: list[Transit] = list(state.transit)
        self.pending: list[Pending] = list(state.pending)
        self.fired: dict[str, int] = dict(state.fired)
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
        """Location `i` for reading (frozen or working copy)."""
        return self.locs[i]

    def mloc(self, i: int) -> Any:
        """Location `i` for writing (copied on first write)."""
        if i not in self.touched_locs:
            self.locs[i] = Mut(self.locs[i])
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
        their way): the hot path of displacement, cheaper than a working copy (an untouched
        location gets a new frozen state in one call)."""
        loc = self.locs[i]
        if i in self.touched_locs:
            loc.residents += residents
            loc.sheltered += sheltered
            loc.unsheltered += unsheltered
            loc.en_route += en_route
            return
        values = list(_LOC_GETTER(loc))
        values[_R] += residents
        values[_S] += sheltered
        values[_U] += unsheltered
        values[_E] += en_route
        self.locs[i] = LocationState(*values)

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
                turn=self.turn,
                date=self.date,
                kind=kind,
                place=place,
                cause=cause,
                message=message,
                figures=figures or {},
                citation=citation,
                estimate=estimate,
            )
        )

    # --- the next state --------------------------------------------------------------------

    def freeze(self) -> State:
        for i in self.touched_locs:
            self.locs[i] = self.locs[i].freeze()
        for r in self.touched_roads:
            self.roads[r] = self.roads[r].freeze()
        self.touched_locs.clear()
        self.touched_roads.clear()
        game_over = self.turn >= self.scenario.meta.turns
        return State(
            turn=self.turn,
            date=self.date,
            seed=self.seed,
            difficulty=self.difficulty,
            event_odds=self.event_odds,
            locations=tuple(self.locs),
            roads=tuple(self.roads),
            resources=self.resources.freeze(),
            counters=self.counters.freeze(),
            day=Day(**self.day),
            convoys=tuple(self.convoys),
            transit=tuple(self.transit),
            pending=tuple(self.pending),
            fired=tuple(self.fired.items()),
            diplomacy_bonus=round(self.diplomacy_bonus, 6),
            diplomacy_days=self.diplomacy_days,
            next_convoy_id=self.next_convoy_id,
            game_over=game_over,
        )


def new_resources(funds: int, trucks: int, leverage: int) -> Resources:
    return Resources(funds=funds, trucks=trucks, leverage=leverage)


__all__ = ["Counters", "LocationState", "Mut", "RoadState", "Work", "new_resources"]
