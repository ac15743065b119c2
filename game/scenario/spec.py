"""The scenario format as tables: every section, key, type, unit, default and meaning.

The validator walks these tables, the JSON Schema is generated from them, and so is the
reference section of docs/scenario-format.md (`python -m game.scenario.reference --write`; a
test fails when the page and the tables differ). The timeline's records are in
`spec_timeline.py`, what each word of a choice does in `meanings.py`. Checks that span several
keys of one record are in `rules.py`; checks across records in `crosscheck.py`.
"""

from __future__ import annotations

from typing import Any

from game.scenario import model as m
from game.scenario import rules
from game.scenario.fields import Boolean, Choice, Date, Id, Text
from game.scenario.meanings import DIRECTIONS_NOTE, FACTION_ROLES, LOCATION_KINDS
from game.scenario.numbers import Integer, Number
from game.scenario.rules import FORMAT_VERSIONS
from game.scenario.shapes import Field, ListOf, MapOf, Record
from game.scenario.spec_timeline import (
    APPROACHES,
    EVENT,
    FACTION,
    FRACTION,
    LOCATION,
    MAX_LOCALITIES,
    MAX_TURNS,
    ROAD,
    ROAD_STATUS,
    SOURCE,
    TIMELINE_RECORDS,
)

__all__ = ["FORMAT_VERSIONS", "ORDER_KINDS", "RECORDS", "SCENARIO"]
ORDER_KINDS = ("convoy", "shelter", "pause", "corridor", "evacuate", "appeal")

# Upper bounds on counts. The engine holds people and resources in floats, exact only for whole
# numbers below 2**53 (about 9 * 10**15): with these caps every sum it forms stays far below that
# (100 million people in each of the most places a 5 MiB file can hold is under 10**13).
MAX_PEOPLE = 100_000_000
MAX_FUNDS = 100_000_000  # thousand USD: 100 billion USD
MAX_TRUCKS = 1_000_000
MAX_LEVERAGE = 100
MAX_FIGURE = 1_000_000_000
PEOPLE = Integer(
    0,
    MAX_PEOPLE,
    "no place holds more people; the cap keeps the engine's counts of people exact",
)
FUNDS = Integer(0, MAX_FUNDS, "in thousand USD: 100 billion USD is more than any aid budget")
TRUCKS = Integer(0, MAX_TRUCKS, "more trucks than any aid operation runs")
KIND = Choice.of(m.LocationKind, LOCATION_KINDS)
STANDING = (
    "Standing bombardment intensity 0..1 at the start, until an event changes it: it adds "
    "threat (`bombardment_threat`) and harms people"
)


# --- the records ---------------------------------------------------------------------------------

META = Record(
    "meta",
    "What the scenario is and how long it runs.",
    (
        Field("id", Id("scenario"), "The scenario's id (snake_case)."),
        # saves record it in their header, which holds at most 400 characters of it
        Field(
            "title",
            Text(max_length=200),
            "Its title, shown on the title screen; 200 characters at most.",
        ),
        Field("format_version", Integer(1), "Version of this format: 1."),
        Field("start_date", Date(), "Date of the first turn."),
        Field("turns", Integer(1, MAX_TURNS), "Number of turns."),
        Field(
            "turn_days",
            Integer(1, 31),
            "Days per turn. The campaign runs from `start_date` to the last day of the last "
            "turn, `start_date + turn_days × turns − 1`.",
            required=False,
            default=1,
            unit="days",
        ),
        Field("description", Text(), "A few sober lines on the situation (the title screen)."),
        Field(
            "briefing",
            Text(),
            "Shown before the first turn and from the command palette: who the player is, what "
            "a turn is, what to try first.",
            required=False,
        ),
    ),
    m.Meta,
    (rules.meta_rule,),
)

SOURCE_DOC = Record(
    "source",
    "A document facts can cite by id (`article` is the seed article).",
    (
        Field("id", Id("source"), "Id used in citations (`article`, `ocha_hu_08`)."),
        Field("title", Text(), "The document's title."),
        Field("publisher", Text(), "Who published it.", required=False),
        Field("date", Date(), "Publication date (may be before the campaign).", required=False),
        Field("url", Text(), "Where to read it.", required=False),
        Field(
            "paragraphs",
            Integer(1, 10_000),
            "How many numbered paragraphs it has; citations `<id> ¶N` must have N in "
            "1..paragraphs. Required for `article`.",
            required=False,
        ),
    ),
    m.Source,
    (rules.source_rule,),
)

FACTION_REC = Record(
    "faction",
    "A side in the conflict, or a humanitarian actor.",
    (
        Field("id", Id("faction"), "Id used by `control`, `approaches` and captures."),
        Field("name", Text(), "Its name."),
        Field(
            "role",
            Choice.of(m.FactionRole, FACTION_ROLES),
            "What it does in the engine: only attackers take places (see the values below).",
        ),
        SOURCE,
    ),
    m.Faction,
)

ENCIRCLEMENT = Record(
    "encirclement",
    "A besieged town at the start: who holds each approach, and which of its roads are still "
    "open exits.",
    (
        Field("approaches", APPROACHES, "Direction (N, E, S, W) → faction id. " + DIRECTIONS_NOTE),
        Field(
            "open_exits",
            ListOf(ROAD),
            "Roads attached to this town that people can still leave by (`[]` if none: everyone "
            "there is trapped once threatened).",
        ),
        SOURCE,
    ),
    m.Encirclement,
)

LOCATION_REC = Record(
    "location",
    "A town, village cluster, camp area, crossing or region.",
    (
        Field("id", Id("location"), "Id used by roads and events."),
        Field("name", Text(), "Its name as players read it."),
        Field("kind", KIND, "What it is; only `camp` and `crossing` change behaviour."),
        Field("lat", Number(-90.0, 90.0), "Latitude (the map).", unit="decimal degrees"),
        Field("lon", Number(-180.0, 180.0), "Longitude (the map).", unit="decimal degrees"),
        Field(
            "population",
            PEOPLE,
            "People present at the start, displaced people included.",
            unit="people",
        ),
        Field(
            "displaced",
            PEOPLE,
            "Of `population`, people already displaced from elsewhere (at most `population`): "
            "they take shelter places first, the rest are without shelter.",
            unit="people",
        ),
        Field(
            "shelter_capacity",
            PEOPLE,
            "Places for displaced people (camps, collective shelters): arrivals fill them first; "
            "at a camp the share still free sets how much it attracts people.",
            unit="people",
        ),
        Field("control", FACTION, "The faction holding it at the start (see `role`)."),
        SOURCE,
        Field(
            "localities",
            Integer(1, MAX_LOCALITIES),
            "Towns and villages this entry stands for: they count as taken when it falls.",
            required=False,
            default=1,
        ),
        Field(
            "hub",
            Boolean(),
            "Convoys can start here (aid warehouses, a border crossing). At least one place "
            "must be a hub.",
            required=False,
            default=False,
        ),
        Field(
            "bombardment",
            FRACTION,
            STANDING + " there (`harm_rate`).",
            required=False,
            default=0,
        ),
        Field(
            "encirclement",
            ENCIRCLEMENT,
            "For a town besieged at the start: approaches and open exits.",
            required=False,
        ),
        Field(
            "notes", Text(), "Free notes for authors; the game does not show them.", required=False
        ),
    ),
    m.Location,
    (rules.location_rule,),
)

ROAD_REC = Record(
    "road",
    "A road segment between two locations, usable both ways.",
    (
        Field("id", Id("road"), "Id used by events and encirclements."),
        Field("from", LOCATION, "One end.", attr="a"),
        Field("to", LOCATION, "The other end (not the same as `from`).", attr="b"),
        Field(
            "km",
            Number(0.0, 2000.0, exclusive_minimum=True),
            "Length: people cover `travel_km_per_day` a day, convoys `convoy_km_per_day`, and "
            "the front is felt within `front_range_km` of road.",
            unit="km",
        ),
        Field("control", FACTION, "Who holds it at the start (shown to players)."),
        Field("status", ROAD_STATUS, "Whether people and convoys can use it (values below)."),
        SOURCE,
        Field("highway", Text(), "Highway name shown to players, e.g. M5.", required=False),
        Field(
            "bombardment",
            FRACTION,
            STANDING + " on it (`road_harm_rate`), deters people and strikes convoys.",
            required=False,
            default=0,
        ),
    ),
    m.Road,
    (rules.road_rule,),
)

COST = Record(
    "cost",
    "What one order of a kind costs: a convoy's funds are for `trucks` trucks (scaled to the "
    "trucks sent), shelter and evacuation costs are per `shelter_block` places or "
    "`evacuation_block` people.",
    (
        Field("funds", FUNDS, "Funds spent.", required=False, default=0, unit="thousand USD"),
        Field("trucks", TRUCKS, "Trucks committed.", required=False, default=0, unit="trucks"),
        Field(
            "leverage",
            Integer(0, MAX_LEVERAGE, "leverage never exceeds 100"),
            "Leverage spent.",
            required=False,
            default=0,
            unit="points",
        ),
        Field(
            "days",
            Integer(0, MAX_TURNS, "366 days is a year"),
            "Days before its outcome comes: it is due on the first turn that starts at least "
            "this many days later.",
            required=False,
            default=0,
            unit="days",
        ),
    ),
    m.OrderCost,
)

PLAYER = Record(
    "player",
    "The coordinator's resources at the start and what orders cost.",
    (
        Field("funds", FUNDS, "Funds at the start.", unit="thousand USD"),
        Field("trucks", TRUCKS, "Trucks in the fleet.", unit="trucks"),
        Field(
            "leverage",
            Integer(0, MAX_LEVERAGE),
            "Diplomatic leverage: spent on pauses and corridors, it raises their odds "
            "(`leverage_odds`), and comes back at `leverage_per_day`.",
            unit="points",
        ),
        Field(
            "costs",
            MapOf(Choice(ORDER_KINDS), COST, required=ORDER_KINDS),
            "One cost for each order kind: " + ", ".join(f"`{k}`" for k in ORDER_KINDS) + ".",
        ),
        SOURCE,
    ),
    m.Player,
)

PARAMETER = Record(
    "parameter",
    "A model parameter: value, unit and source (the parameters are listed below).",
    (
        Field("value", Number(), "The value, in `unit`, within the parameter's bounds."),
        Field("unit", Text(), "Its unit, exactly as the parameter table gives it."),
        SOURCE,
    ),
    m.Parameter,
    (rules.parameter_rule,),
)

FIGURE = Record(
    "figure",
    "A reported figure. `displaced_since_december` starts the game's count of people "
    "displaced since December; the others are kept for the briefing and reports.",
    (
        Field("id", Id("figure"), "Its id (e.g. `displaced_since_december`)."),
        Field(
            "value",
            Integer(0, MAX_FIGURE, "a reported figure beyond a billion is not one this game uses"),
            "The figure (people, or the unit the label gives).",
        ),
        SOURCE,
        Field(
            "date", Date(), "The date it refers to (may be before the campaign).", required=False
        ),
        Field("label", Text(), "What it counts, for players.", required=False),
    ),
    m.Figure,
)

DIFFICULTY = Record(
    "difficulty",
    "A preset scaling resources and the odds of projected events (`--difficulty ID`).",
    (
        Field("id", Id("difficulty"), "Its id, for `--difficulty ID`."),
        Field("name", Text(), "Its name."),
        Field("description", Text(), "One line on what changes.", required=False),
        Field(
            "resources",
            Number(0.0, 10.0, exclusive_minimum=True),
            "Multiplies starting funds, trucks and leverage.",
            required=False,
            default=1,
            unit="factor",
        ),
        Field(
            "event_odds",
            Number(0.0, 10.0),
            "Multiplies the daily `probability` of events that are not certain.",
            required=False,
            default=1,
            unit="factor",
        ),
    ),
    m.Difficulty,
)


def _build_scenario(**values: Any) -> dict[str, Any]:
    """The top level is built by `validate.py` once the cross-checks pass."""
    return values


SCENARIO = Record(
    "scenario",
    "A Corridor scenario: the top level of the file.",
    (
        Field("meta", META, "What the scenario is and how long it runs."),
        Field("sources", ListOf(SOURCE_DOC), "Documents facts cite by id (may be `[]`)."),
        Field("factions", ListOf(FACTION_REC, min_items=1), "Sides and actors (at least one)."),
        Field(
            "locations",
            ListOf(LOCATION_REC, min_items=1),
            "Places people live in, flee from and to (at least one).",
        ),
        Field("roads", ListOf(ROAD_REC), "Road segments between locations (may be `[]`)."),
        Field("timeline", ListOf(EVENT), "Dated and projected events (may be `[]`)."),
        Field("player", PLAYER, "Starting resources and order costs."),
        Field(
            "model",
            MapOf(None, PARAMETER, pass_name=True),
            "Model parameters by name (may be `{}`): each one left out takes its default.",
        ),
        Field("figures", ListOf(FIGURE), "Reported figures.", required=False, default=()),
        Field(
            "difficulties", ListOf(DIFFICULTY), "Difficulty presets.", required=False, default=()
        ),
    ),
    _build_scenario,
)

RECORDS: tuple[Record, ...] = (
    SCENARIO,
    META,
    SOURCE_DOC,
    FACTION_REC,
    LOCATION_REC,
    ENCIRCLEMENT,
    ROAD_REC,
    *TIMELINE_RECORDS,
    PLAYER,
    COST,
    PARAMETER,
    FIGURE,
    DIFFICULTY,
)
