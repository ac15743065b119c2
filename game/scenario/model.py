"""Frozen model objects of a scenario: what the loader builds and the engine reads.

Nothing here does I/O or validation; `game.scenario.validate` builds these from checked YAML.
Every fact-bearing object carries `source`, a tuple of provenance strings
(`article ¶7: ...`, `<source id>: ...` or `assumption: ...`), see `game.scenario.provenance`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from types import MappingProxyType
from typing import Any


class LocationKind(str, Enum):
    """What a location is; the engine uses it for flight rates and destination scores."""

    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    CLUSTER = "cluster"  # several villages aggregated; `localities` says how many
    REGION = "region"
    SUBURB = "suburb"
    CAMP = "camp"  # an IDP camp area
    CROSSING = "crossing"  # a border crossing (aid hub; not an exit for people in 2020)


class FactionRole(str, Enum):
    """How a faction takes part: attackers take places, defenders hold them."""

    ATTACKER = "attacker"
    DEFENDER = "defender"
    OTHER = "other"
    HUMANITARIAN = "humanitarian"


class Direction(str, Enum):
    """The four approaches to an encircled town."""

    N = "N"
    E = "E"
    S = "S"
    W = "W"


class RoadStatus(str, Enum):
    """Whether people and convoys can use a road."""

    OPEN = "open"
    CONTESTED = "contested"  # usable, at a risk
    CLOSED = "closed"


class Basis(str, Enum):
    """How the game presents a timeline event: as reported by a source, or as the model's
    projection (`game.scenario.basis.event_basis` is the one rule)."""

    REPORTED = "reported"
    PROJECTED = "projected"


class Cargo(str, Enum):
    """What a convoy carries, each measured against a Sphere minimum."""

    FOOD = "food"
    WATER = "water"
    SHELTER = "shelter"


class EventKind(str, Enum):
    """Kinds of timeline events (the log shows them)."""

    CAPTURE = "capture"
    ADVANCE = "advance"
    ENCIRCLEMENT = "encirclement"
    BOMBARDMENT = "bombardment"
    OFFENSIVE = "offensive"
    STATEMENT = "statement"
    VISIT = "visit"
    REPORT = "report"
    FUNDING = "funding"  # money for the coordinator's budget (a pooled-fund allocation)
    DILEMMA = "dilemma"  # the player chooses one of its options


def _frozen_map(items: Mapping[Any, Any] | None = None) -> Mapping[Any, Any]:
    return MappingProxyType(dict(items or {}))


@dataclass(frozen=True, slots=True)
class Source:
    """A document that facts can cite by its id (`article` is the seed article)."""

    id: str
    title: str
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None
    paragraphs: int | None = None  # for `article`: cited as `article ¶N`, N in 1..paragraphs


@dataclass(frozen=True, slots=True)
class Faction:
    id: str
    name: str
    role: FactionRole
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Encirclement:
    """Who holds each approach of a besieged town, and which of its roads are still open exits."""

    approaches: Mapping[Direction, str]  # direction -> faction id
    open_exits: tuple[str, ...]  # road ids attached to the town
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    name: str
    kind: LocationKind
    lat: float
    lon: float
    population: int  # people present at the start, displaced included
    displaced: int  # of `population`, people already displaced from elsewhere
    shelter_capacity: int  # places for displaced people (camps, collective centres)
    control: str  # faction id
    source: tuple[str, ...]
    localities: int = 1  # towns/villages this entry stands for (clusters > 1)
    hub: bool = False  # convoys can start here
    bombardment: float = 0.0  # daily intensity 0..1 at the start
    encirclement: Encirclement | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Road:
    id: str
    a: str  # location id (`from` in YAML)
    b: str  # location id (`to` in YAML)
    km: float
    control: str  # faction id
    status: RoadStatus
    source: tuple[str, ...]
    highway: str | None = None  # "M5", "M4", ...
    bombardment: float = 0.0  # daily intensity 0..1 at the start

    def other_end(self, location_id: str) -> str:
        """The end of the road that is not `location_id`."""
        return self.b if location_id == self.a else self.a


@dataclass(frozen=True, slots=True)
class OrderCost:
    """What an order costs; `days` is how long it takes to act (appeals, corridors...)."""

    funds: int = 0
    trucks: int = 0
    leverage: int = 0
    days: int = 0


# --- timeline effects: each is one change to the world an event makes ---------------------------


@dataclass(frozen=True, slots=True)
class Capture:
    """A faction takes a location (localities_taken grows by its `localities`)."""

    location: str
    faction: str


@dataclass(frozen=True, slots=True)
class RoadChange:
    """A road changes status, control or bombardment; None leaves that field as it is."""

    road: str
    status: RoadStatus | None = None
    control: str | None = None
    bombardment: float | None = None


@dataclass(frozen=True, slots=True)
class Encircle:
    """A town's approaches and open exits change (approaches not named keep their holder)."""

    location: str
    approaches: Mapping[Direction, str] = field(default_factory=_frozen_map)
    open_exits: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Bombard:
    """Bombardment of a location or road at `intensity` (0..1) for `days` turns."""

    target: str  # location or road id
    intensity: float
    days: int = 1


@dataclass(frozen=True, slots=True)
class Diplomacy:
    """International pressure: adds `leverage` to the player and `bonus` to negotiation odds
    for `days` turns (the US statement ¶13, the envoy's visit ¶15)."""

    leverage: int = 0
    bonus: float = 0.0
    days: int = 1


@dataclass(frozen=True, slots=True)
class Threat:
    """Raises the perceived threat at a location (e.g. the likely next target) for `days`."""

    location: str
    level: float
    days: int = 1


@dataclass(frozen=True, slots=True)
class Funds:
    """Money for the coordinator's flexible budget: `amount` (thousand USD) in all, paid in
    equal parts over `days` turns from the day of the event."""

    amount: int
    days: int = 1


@dataclass(frozen=True, slots=True)
class Stock:
    """Supplies delivered to a place outside the player's convoys: food and water in
    person-days, tents in shelter places."""

    location: str
    food: int = 0
    water: int = 0
    tents: int = 0


@dataclass(frozen=True, slots=True)
class HoldTrucks:
    """Trucks taken out of the player's fleet for `days` turns (they come back after)."""

    trucks: int
    days: int


@dataclass(frozen=True, slots=True)
class Relocate:
    """Displaced people moved from one place to another (a camp moved), with the lasting
    shelter places built for them at the destination."""

    origin: str  # `from` in YAML
    destination: str  # `to` in YAML
    people: int
    places: int = 0


@dataclass(frozen=True, slots=True)
class Escort:
    """Convoys travel under armed escort for `days` turns: never held up on contested roads
    and struck less often (`strike_factor`), while negotiations lose `odds_penalty` for as long
    (the parties read the escort as taking sides)."""

    days: int
    strike_factor: float = 1.0
    odds_penalty: float = 0.0


Effect = (
    Capture
    | RoadChange
    | Encircle
    | Bombard
    | Diplomacy
    | Threat
    | Funds
    | Stock
    | HoldTrucks
    | Relocate
    | Escort
)


@dataclass(frozen=True, slots=True)
class DilemmaOption:
    """One choice a dilemma offers: what it costs, what it does, and where that comes from."""

    id: str
    label: str  # a line for the dialog
    consequences: str  # what follows, in a sentence or two
    source: tuple[str, ...]
    cost: OrderCost = OrderCost()
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated or projected event. Scheduled: `probability` 1 on `date`. Projected: from `date`
    (or `after` another event plus `delay_days`), fires with `probability` per day, and surely by
    `latest` if set. Negotiated pauses at any `effects` location postpone a capture."""

    id: str
    kind: EventKind
    title: str  # a short paraphrase for the log, never the article's words
    source: tuple[str, ...]
    date: dt.date | None = None
    probability: float = 1.0
    after: str | None = None  # another event's id
    delay_days: int = 0
    latest: dt.date | None = None
    effects: tuple[Effect, ...] = ()
    localities: int = 0  # villages seized that the scenario does not model one by one
    basis: Basis | None = None  # set by the author; None: the rule of game.scenario.basis
    # a dilemma (`kind: dilemma`): the question, two or three options, the one that holds if
    # the player does not choose within `expires_days` turns of the event
    prompt: str | None = None
    options: tuple[DilemmaOption, ...] = ()
    default: str | None = None
    expires_days: int = 1

    def option(self, option_id: str) -> DilemmaOption | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True, slots=True)
class Player:
    funds: int  # thousand USD
    trucks: int
    leverage: int  # 0..100
    costs: Mapping[str, OrderCost]  # order kind -> cost (see game.engine.orders)
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Parameter:
    """A model parameter with its unit and provenance."""

    name: str
    value: float
    unit: str
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported figure (e.g. displaced since December at the start), with its date."""

    id: str
    value: int
    source: tuple[str, ...]
    date: dt.date | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Difficulty:
    """A preset that scales the player's resources and the odds of projected events."""

    id: str
    name: str
    description: str = ""
    resources: float = 1.0
    event_odds: float = 1.0


@dataclass(frozen=True, slots=True)
class Meta:
    id: str
    title: str
    start_date: dt.date
    turns: int
    format_version: int
    description: str
    briefing: str = ""
    turn_days: int = 1

    @property
    def end_date(self) -> dt.date:
        """The date of the last turn (its first day)."""
        return self.start_date + dt.timedelta(days=self.turn_days * (self.turns - 1))

    @property
    def last_day(self) -> dt.date:
        """The last day of the campaign: the last turn covers all of its days."""
        return self.start_date + dt.timedelta(days=self.turn_days * self.turns - 1)


@dataclass(frozen=True, eq=False)
class Scenario:
    """A whole validated scenario. Collections are tuples in file order; `*_by_id` index them
    (computed once per scenario). Equality is identity: compare `text_hash` for content."""

    meta: Meta
    sources: tuple[Source, ...]
    factions: tuple[Faction, ...]
    locations: tuple[Location, ...]
    roads: tuple[Road, ...]
    timeline: tuple[TimelineEvent, ...]
    player: Player
    model: Mapping[str, Parameter]
    figures: Mapping[str, Figure] = field(default_factory=_frozen_map)
    difficulties: tuple[Difficulty, ...] = ()
    path: str | None = None  # where it was loaded from, for messages
    text_hash: str | None = None  # sha256 of the file's bytes

    @cached_property
    def location_by_id(self) -> Mapping[str, Location]:
        return {loc.id: loc for loc in self.locations}

    @cached_property
    def road_by_id(self) -> Mapping[str, Road]:
        return {road.id: road for road in self.roads}

    @cached_property
    def faction_by_id(self) -> Mapping[str, Faction]:
        return {f.id: f for f in self.factions}

    @cached_property
    def roads_by_location(self) -> Mapping[str, tuple[Road, ...]]:
        """Roads attached to each location, in file order."""
        attached: dict[str, list[Road]] = {loc.id: [] for loc in self.locations}
        for road in self.roads:
            for end in (road.a, road.b):
                attached.setdefault(end, []).append(road)
        return {k: tuple(v) for k, v in attached.items()}

    def roads_at(self, location_id: str) -> tuple[Road, ...]:
        """Roads with one end at `location_id`, in file order."""
        return self.roads_by_location.get(location_id, ())

    def param(self, name: str) -> float:
        """The value of model parameter `name` (KeyError if the scenario lacks it)."""
        return self.model[name].value
