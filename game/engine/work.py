"""A turn's working copy of a state: what the rules read and change until `freeze()`.

Places and roads are read from `work.locations[i]` / `work.roads[r]`: the frozen record of
the state the turn started from, or its mutable working copy once a rule changed it. A rule
changes a place through `work.edit(i)` (a road through `work.edit_road(r)`), which makes that
copy on first write, so a turn costs time only where something happens; `freeze()` builds one
new frozen record per changed place. Counters, resources and the day's figures are plain
dicts keyed by field name while the turn runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from operator import attrgetter

from game.engine.events import Event
from game.engine.network import Network, Params, network
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
from game.turns import turn_date


@dataclass(slots=True)
class MutableLocation:
    """A place's working copy during a turn: the fields of `LocationState`, in its order."""

    id: str
    control: str
    residents: int
    sheltered: int
    unsheltered: int
    capacity: int
    tents: int
    en_route: int
    bombardment: float
    strike: float
    strike_days: int
    threat: float
    threat_days: int
    encircled: bool
    approaches: tuple[tuple[str, str], ...]
    open_exits: tuple[str, ...]
    pause_days: int
    fall_days: int
    food: int
    water: int
    harmed: int
    captured_turn: int
    food_gap: float

    @property
    def displaced(self) -> int:
        """Displaced people present (sheltered or not)."""
        return self.sheltered + self.unsheltered

    @property
    def population(self) -> int:
        """Everyone present."""
        return self.residents + self.sheltered + self.unsheltered

    @property
    def shelter_places(self) -> int:
        """All shelter places: lasting capacity plus tents."""
        return self.capacity + self.tents


@dataclass(slots=True)
class MutableRoad:
    """A road's working copy during a turn: the fields of `RoadState`, in its order."""

    id: str
    status: RoadStatus
    control: str
    bombardment: float
    strike: float
    strike_days: int
    corridor_days: int


# Both copies take and give their record's values positionally, all fields at once.
_LOCATION_FIELDS = tuple(f.name for f in fields(LocationState))
_ROAD_FIELDS = tuple(f.name for f in fields(RoadState))
assert tuple(f.name for f in fields(MutableLocation)) == _LOCATION_FIELDS
assert tuple(f.name for f in fields(MutableRoad)) == _ROAD_FIELDS
_location_values = attrgetter(*_LOCATION_FIELDS)
_road_values = attrgetter(*_ROAD_FIELDS)

_DAY_COUNTS = tuple(f.name for f in fields(Day) if f.name != "needs_covered_pct")

Place = LocationState | MutableLocation
Road = RoadState | MutableRoad


def _as_dict(record: Counters | Resources) -> dict[str, int]:
    return {f.name: getattr(record, f.name) for f in fields(record)}


class Work:
    """Everything a turn changes, mutable until `freeze()`. A turn of `turn_days` days plays
    them one by one on the same working copy (`start_day`); the rules' draws are keyed by the
    game day (`day`, counted from 1), so that a day is the same day in turns of any length."""

    def __init__(self, scenario: Scenario, state: State, rng: Rng) -> None:
        self.scenario = scenario
        self.net: Network = network(scenario)
        self.p: Params = self.net.params
        self.rng = rng
        self.turn = state.turn + 1
        self.turn_date = turn_date(scenario.meta.start_date, scenario.meta.turn_days, self.turn)
        self.first_day = state.turn * scenario.meta.turn_days + 1
        self.day = self.first_day  # the game day being played
        self.date: dt.date = self.turn_date  # its date
        self.seed = state.seed
        self.difficulty = state.difficulty
        self.event_odds = state.event_odds
        self._start = state
        self.locations: list[Place] = list(state.locations)
        self.roads: list[Road] = list(state.roads)
        self._edited: list[int] = []  # places with a working copy, in order of first write
        self._edited_roads: list[int] = []
        self.resources: dict[str, int] = _as_dict(state.resources)
        self.counters: dict[str, int] = _as_dict(state.counters)
        self.figures: dict[str, int] = dict.fromkeys(_DAY_COUNTS, 0)  # the turn's `Day`
        self.needs_covered_pct = 0.0
        self.convoys: list[Convoy] = list(state.convoys)
        self.transit: list[Transit] = list(state.transit)
        self.pending: list[Pending] = list(state.pending)
        self.fired: dict[str, int] = dict(state.fired)  # timeline event -> turn it fired
        self.fired_day: dict[str, int] = {}  # the game day, for those fired during this turn
        self.diplomacy_bonus = state.diplomacy_bonus
        self.diplomacy_days = state.diplomacy_days
        self.escort_days = state.escort_days
        self.escort_strike = state.escort_strike
        self.escort_penalty = state.escort_penalty
        self.open_dilemmas: list[tuple[str, int]] = list(state.open_dilemmas)
        self.next_convoy_id = state.next_convoy_id
        self.events: list[Event] = []
        # today's bombardment intensities (set by `bombardment.intensities`) and threat (set by
        # the displacement rule), shared by the rules that follow
        self.loc_intensity: list[float] = []
        self.road_intensity: list[float] = []
        self.threat: list[float] = []

    def start_day(self, day: int) -> None:
        """Play game day `day` next (one of this turn's days)."""
        self.day = day
        self.date = self.scenario.meta.start_date + dt.timedelta(days=day - 1)

    # --- places and roads ----------------------------------------------------------------

    def edit(self, i: int) -> MutableLocation:
        """Place `i` for changing (its working copy, made on first write)."""
        place = self.locations[i]
        if isinstance(place, MutableLocation):
            return place
        copy = MutableLocation(*_location_values(place))
        self.locations[i] = copy
        self._edited.append(i)
        return copy

    def edit_road(self, r: int) -> MutableRoad:
        """Road `r` for changing (its working copy, made on first write)."""
        road = self.roads[r]
        if isinstance(road, MutableRoad):
            return road
        copy = MutableRoad(*_road_values(road))
        self.roads[r] = copy
        self._edited_roads.append(r)
        return copy

    def hostile_at(self, i: int) -> bool:
        """True if place `i` is held by an attacking faction now."""
        return self.locations[i].control in self.net.attackers

    def hostile_now(self) -> list[bool]:
        """Whether each place is held by an attacking faction now."""
        attackers = self.net.attackers
        return [place.control in attackers for place in self.locations]

    def closed_now(self) -> list[bool]:
        """Whether each road is closed now."""
        return [road.status is RoadStatus.CLOSED for road in self.roads]

    def name(self, i: int) -> str:
        return self.scenario.locations[i].name

    # --- log -----------------------------------------------------------------------------

    def log(
        self,
        kind: str,
        place: str | None,
        cause: str,
        message: str,
        figures: Mapping[str, int | float | str] | None = None,
        citation: str | None = None,
        estimate: bool = False,
    ) -> None:
        self.events.append(
            Event(
                self.turn, self.date, kind, place, cause, message, figures or {}, citation, estimate
            )
        )

    # --- the next state ------------------------------------------------------------------

    def _frozen_locations(self) -> tuple[LocationState, ...]:
        frozen: list[LocationState] = list(self._start.locations)
        for i in self._edited:
            frozen[i] = LocationState(*_location_values(self.locations[i]))
        return tuple(frozen)

    def _frozen_roads(self) -> tuple[RoadState, ...]:
        frozen: list[RoadState] = list(self._start.roads)
        for r in self._edited_roads:
            frozen[r] = RoadState(*_road_values(self.roads[r]))
        return tuple(frozen)

    def freeze(self) -> State:
        """The next state (the work is not to be used after this)."""
        return State(
            turn=self.turn,
            date=self.turn_date,
            seed=self.seed,
            difficulty=self.difficulty,
            event_odds=self.event_odds,
            locations=self._frozen_locations(),
            roads=self._frozen_roads(),
            resources=Resources(**self.resources),
            counters=Counters(**self.counters),
            day=Day(**self.figures, needs_covered_pct=self.needs_covered_pct),
            convoys=tuple(self.convoys),
            transit=tuple(self.transit),
            pending=tuple(self.pending),
            fired=tuple(self.fired.items()),
            diplomacy_bonus=round(self.diplomacy_bonus, 6),
            diplomacy_days=self.diplomacy_days,
            escort_days=self.escort_days,
            escort_strike=round(self.escort_strike, 6),
            escort_penalty=round(self.escort_penalty, 6),
            open_dilemmas=tuple(self.open_dilemmas),
            next_convoy_id=self.next_convoy_id,
            game_over=self.turn >= self.scenario.meta.turns,
        )
