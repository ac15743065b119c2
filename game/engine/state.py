"""The state of a game between turns: frozen dataclasses, plain values, no behaviour.

One `State` per turn. Per-location and per-road states are tuples aligned with
`scenario.locations` / `scenario.roads` (same order). Populations are integers; every person
of the scenario is in exactly one place: a location pool (residents, sheltered, unsheltered),
a group in transit on a road, or the estimated dead (`Counters.killed`). `en_route` is not a
pool of its own: it marks how many of a place's unsheltered are still moving on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.scenario.model import Cargo, RoadStatus


@dataclass(frozen=True, slots=True)
class LocationState:
    """A place at the end of a turn: who is there, who holds it, what threatens it."""

    id: str
    control: str  # faction id
    residents: int  # people living at home (not displaced)
    sheltered: int  # displaced people in a shelter place
    unsheltered: int  # displaced people without one (in the open, in cars, in crowded homes)
    capacity: int  # lasting shelter places (camps, collective centres)
    tents: int = 0  # tent places delivered by convoys (quick, wear out in winter)
    en_route: int = 0  # of the unsheltered, those still on their way (arrived during the game
    # at a place that is not a camp; Flee's agents in a town): they move on every few days
    bombardment: float = 0.0  # standing daily intensity 0..1
    strike: float = 0.0  # extra intensity from a timeline bombardment ...
    strike_days: int = 0  # ... for this many more turns
    threat: float = 0.0  # extra perceived threat (e.g. the likely next target) ...
    threat_days: int = 0  # ... for this many more turns
    encircled: bool = False  # if True, people can leave only by `open_exits`
    approaches: tuple[tuple[str, str], ...] = ()  # (direction, faction id), sorted
    open_exits: tuple[str, ...] = ()  # road ids still open out of an encircled town
    pause_days: int = 0  # a negotiated humanitarian pause holds for this many more turns
    fall_days: int = 0  # after falling, its people keep fleeing for this many more turns
    food: int = 0  # person-days of food delivered by the player, not yet distributed
    water: int = 0  # person-days of water delivered by the player, not yet distributed
    harmed: int = 0  # cumulative estimate of people harmed here
    captured_turn: int = 0  # turn it changed hands during the game (0: never)
    food_gap: float = 0.0  # running share of food needs unmet here (hunger harms over weeks)

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


@dataclass(frozen=True, slots=True)
class RoadState:
    """A road at the end of a turn."""

    id: str
    status: RoadStatus
    control: str
    bombardment: float = 0.0  # standing daily intensity 0..1
    strike: float = 0.0  # extra intensity from a timeline bombardment ...
    strike_days: int = 0  # ... for this many more turns
    corridor_days: int = 0  # a negotiated humanitarian corridor holds for this many more turns


@dataclass(frozen=True, slots=True)
class Transit:
    """People on the move along a road, `km_left` from `destination`."""

    road: str
    origin: str
    destination: str
    km_left: float
    people: int


@dataclass(frozen=True, slots=True)
class Convoy:
    """A convoy of the player's trucks, on its way out or coming back empty."""

    id: int
    origin: str
    destination: str
    cargo: Cargo
    trucks: int
    amount: int  # person-days (food, water) or shelter places (tents)
    position: str  # the last location it reached
    route: tuple[str, ...]  # road ids still to travel, the first one under way
    km_left: float  # on route[0]
    returning: bool = False
    days_left: int = 0  # when returning: turns until its trucks are back


@dataclass(frozen=True, slots=True)
class Pending:
    """An order that takes time: it resolves on `due_turn`.

    kinds and `amount`: `shelter` (places at target), `pause` (location; the leverage brought),
    `corridor` (road; the leverage brought), `appeal` (funds), `trucks` (trucks coming back).
    A negotiation's `odds` are fixed when it is opened: the answer is rolled at exactly those
    (None only in saves made before odds were kept: then they are reckoned on the day)."""

    kind: str
    target: str | None
    due_turn: int
    amount: int = 0
    odds: float | None = None


@dataclass(frozen=True, slots=True)
class Resources:
    """The player's means: funds in thousand USD, trucks available, leverage 0..100."""

    funds: int
    trucks: int
    leverage: int


@dataclass(frozen=True, slots=True)
class Counters:
    """Cumulative figures since the start of the game (harm figures are model estimates)."""

    displaced_since_december: int = 0  # includes the reported figure at the start
    displaced_in_game: int = 0  # people who left home during the game
    localities_taken: int = 0
    harmed: int = 0
    killed: int = 0  # part of `harmed`; removed from the population
    evacuated: int = 0
    convoys_sent: int = 0
    convoys_delivered: int = 0
    convoys_blocked: int = 0
    convoys_struck: int = 0
    trucks_lost: int = 0
    reached_person_days: int = 0  # people whose daily gap the player's aid filled, summed
    sheltered_person_days: int = 0  # displaced people in shelter, summed over turns
    needs_covered_units: int = 0  # food + water + shelter needs met (person-days each), summed
    appeals: int = 0
    negotiations_won: int = 0
    negotiations_failed: int = 0


@dataclass(frozen=True, slots=True)
class Day:
    """Figures of the last turn only (not cumulative)."""

    displaced_new: int = 0
    moved: int = 0  # everyone who set out this turn (first or onward displacement)
    harmed: int = 0
    reached: int = 0
    trapped: int = 0  # people under threat with no way out
    needs_covered_pct: float = 0.0
    in_need: int = 0


@dataclass(frozen=True, slots=True)
class State:
    """The whole game after `turn` turns (0: before the first). `date` is the date of turn
    `turn` (the start date for turn 0)."""

    turn: int
    date: dt.date
    seed: int
    difficulty: str | None
    event_odds: float
    locations: tuple[LocationState, ...]
    roads: tuple[RoadState, ...]
    resources: Resources
    counters: Counters
    day: Day = Day()
    convoys: tuple[Convoy, ...] = ()
    transit: tuple[Transit, ...] = ()
    pending: tuple[Pending, ...] = ()
    fired: tuple[tuple[str, int], ...] = ()  # timeline event id, turn it happened
    diplomacy_bonus: float = 0.0  # added to negotiation odds ...
    diplomacy_days: int = 0  # ... for this many more turns
    next_convoy_id: int = 1
    game_over: bool = False
    escort_days: int = 0  # convoys go under armed escort for this many more turns ...
    escort_strike: float = 1.0  # ... struck this many times as often ...
    escort_penalty: float = 0.0  # ... while negotiations opened meanwhile lose these odds
    open_dilemmas: tuple[tuple[str, int], ...] = ()  # dilemma event id, last turn to choose

    def location(self, location_id: str) -> LocationState:
        """The state of one location (KeyError if unknown)."""
        for loc in self.locations:
            if loc.id == location_id:
                return loc
        raise KeyError(location_id)

    def road(self, road_id: str) -> RoadState:
        """The state of one road (KeyError if unknown)."""
        for road in self.roads:
            if road.id == road_id:
                return road
        raise KeyError(road_id)

    def fired_turn(self, event_id: str) -> int | None:
        """The turn a timeline event happened, or None."""
        for eid, turn in self.fired:
            if eid == event_id:
                return turn
        return None

    @property
    def in_transit(self) -> int:
        """People on the roads."""
        return sum(t.people for t in self.transit)

    @property
    def population(self) -> int:
        """Everyone alive: in places and on the roads."""
        return sum(loc.population for loc in self.locations) + self.in_transit
