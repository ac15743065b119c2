"""A turn's mutable working copy of a state, copy-on-write per location and road.

Rules read `work.loc(i)` (the frozen state or its working copy, same attribute names) and
write through `work.mloc(i)`; untouched locations keep their frozen objects, so a turn costs
time only where something happens. `freeze()` gives the next frozen `State`.
"""

from __future__ import annotations

import datetime as dt
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

_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in fields(cls))
        _NAMES[cls] = names
    return names


class Mut:
    """A mutable copy of a frozen dataclass, with the same attribute names."""

    def __init__(self, frozen: Any) -> None:
        self.__dict__["_cls"] = type(frozen)
        for name in _names(type(frozen)):
            self.__dict__[name] = getattr(frozen, name)

    def freeze(self) -> Any:
        cls = self.__dict__["_cls"]
        return cls(**{name: self.__dict__[name] for name in _names(cls)})

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
        self._locs: list[Any] = list(state.locations)
        self._roads: list[Any] = list(state.roads)
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
        self.day: dict[str, Any] = {name: 0 for name in _names(Day)}
        self.day["needs_covered_pct"] = 0.0
        # per-turn derived values the rules share (set by bombardment and displacement)
        self.loc_intensity: list[float] = []
        self.road_intensity: list[float] = []
        self.threat: list[float] = []

    # --- locations and roads ---------------------------------------------------------------

    def loc(self, i: int) -> Any:
        """Location `i` for reading (frozen or working copy)."""
        return self._locs[i]

    def mloc(self, i: int) -> Any:
        """Location `i` for writing (copied on first write)."""
        if i not in self.touched_locs:
            self._locs[i] = Mut(self._locs[i])
            self.touched_locs.add(i)
        return self._locs[i]

    def road(self, r: int) -> Any:
        return self._roads[r]

    def mroad(self, r: int) -> Any:
        if r not in self.touched_roads:
            self._roads[r] = Mut(self._roads[r])
            self.touched_roads.add(r)
        return self._roads[r]

    @property
    def n_locs(self) -> int:
        return len(self._locs)

    def hostile_at(self, i: int) -> bool:
        return self._locs[i].control in self.net.attackers

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
            self._locs[i] = self._locs[i].freeze()
        for r in self.touched_roads:
            self._roads[r] = self._roads[r].freeze()
        self.touched_locs.clear()
        self.touched_roads.clear()
        game_over = self.turn >= self.scenario.meta.turns
        return State(
            turn=self.turn,
            date=self.date,
            seed=self.seed,
            difficulty=self.difficulty,
            event_odds=self.event_odds,
            locations=tuple(self._locs),
            roads=tuple(self._roads),
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
