"""The scenario format as tables: every section, key, type and meaning, in one place.

The validator walks these tables, the JSON Schema is generated from them, and a test checks that
docs/scenario-format.md names every key, so the three cannot drift apart. Checks that span
several keys of one record are in `rules.py`; checks across records in `crosscheck.py`.
"""

from __future__ import annotations

from typing import Any

from game.scenario import model as m
from game.scenario import rules
from game.scenario.fields import Boolean, Choice, Date, Id, IdRef, Integer, Number, Sources, Text
from game.scenario.rules import FORMAT_VERSIONS
from game.scenario.shapes import Field, ListOf, MapOf, OneKey, Record

__all__ = ["FORMAT_VERSIONS", "ORDER_KINDS", "RECORDS", "SCENARIO"]
ORDER_KINDS = ("convoy", "shelter", "pause", "corridor", "evacuate", "appeal")
MAX_TURNS = 366

FRACTION = Number(0.0, 1.0)

# Upper bounds on counts. The engine holds people and resources in floats, exact only for whole
# numbers below 2**53 (about 9 * 10**15): with these caps every sum it forms stays far below that
# (100 million people in each of the most places a 5 MiB file can hold is under 10**13).
MAX_PEOPLE = 100_000_000
MAX_LOCALITIES = 100_000
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
SOURCE = Field("source", Sources(), "Where the fact comes from (see Provenance).")
FACTION = IdRef(("faction",))
LOCATION = IdRef(("location",))
ROAD = IdRef(("road",))


# --- the records ---------------------------------------------------------------------------------

META = Record(
    "meta",
    "What the scenario is and how long it runs.",
    (
        Field("id", Id("scenario"), "The scenario's id (snake_case)."),
        Field("title", Text(), "Its title, shown on the title screen."),
        Field("format_version", Integer(1), "Version of this format: 1."),
        Field("start_date", Date(), "Date of the first turn."),
        Field("turns", Integer(1, MAX_TURNS), "Number of turns."),
        Field("turn_days", Integer(1, 31), "Days per turn.", required=False),
        Field("description", Text(), "A few sober lines on the situation."),
        Field(
            "briefing",
            Text(),
            "Shown before the first turn: who you are, what a turn is, what to try first.",
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
        Field("date", Date(), "Publication date.", required=False),
        Field("url", Text(), "Where to read it.", required=False),
        Field(
            "paragraphs",
            Integer(1, 10_000),
            "How many numbered paragraphs it has; citations "
            "`<id> ¶N` must have N in 1..paragraphs. Required for `article`.",
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
        Field("id", Id("faction"), "Id used by `control` and `approaches`."),
        Field("name", Text(), "Its name."),
        Field("role", Choice.of(m.FactionRole), "attacker, defender, other or humanitarian."),
        SOURCE,
    ),
    m.Faction,
)

APPROACHES = MapOf(Choice.of(m.Direction), FACTION, min_items=1, key_enum=m.Direction)

ENCIRCLEMENT = Record(
    "encirclement",
    "Who holds each approach of a besieged town, and which of its roads are still open exits.",
    (
        Field("approaches", APPROACHES, "Direction (N, E, S, W) -> faction id holding it."),
        Field(
            "open_exits",
            ListOf(ROAD),
            "Ids of roads attached to this town still usable to leave ([] if none).",
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
        Field("kind", Choice.of(m.LocationKind), "What it is."),
        Field("lat", Number(-90.0, 90.0), "Latitude, decimal degrees."),
        Field("lon", Number(-180.0, 180.0), "Longitude, decimal degrees."),
        Field("population", PEOPLE, "People present at the start, displaced people included."),
        Field("displaced", PEOPLE, "Of `population`, people already displaced from elsewhere."),
        Field(
            "shelter_capacity", PEOPLE, "Places for displaced people (camps, collective shelters)."
        ),
        Field("control", FACTION, "Id of the faction holding it at the start."),
        SOURCE,
        Field(
            "localities",
            Integer(1, MAX_LOCALITIES),
            "Towns and villages this entry stands for (default 1).",
            required=False,
        ),
        Field("hub", Boolean(), "Convoys can start here (default false).", required=False),
        Field(
            "bombardment",
            FRACTION,
            "Daily bombardment intensity at the start, 0..1 (default 0).",
            required=False,
        ),
        Field(
            "encirclement",
            ENCIRCLEMENT,
            "For a besieged town: approaches and open exits.",
            required=False,
        ),
        Field("notes", Text(), "Free notes for authors.", required=False),
    ),
    m.Location,
    (rules.location_rule,),
)

ROAD_REC = Record(
    "road",
    "A road segment between two locations.",
    (
        Field("id", Id("road"), "Id used by events and encirclements."),
        Field("from", LOCATION, "Location id of one end.", attr="a"),
        Field("to", LOCATION, "Location id of the other end.", attr="b"),
        Field("km", Number(0.0, 2000.0, exclusive_minimum=True), "Length in kilometres."),
        Field("control", FACTION, "Id of the faction holding it at the start."),
        Field("status", Choice.of(m.RoadStatus), "open, contested (usable at a risk) or closed."),
        SOURCE,
        Field("highway", Text(), "Highway name, e.g. M5.", required=False),
        Field(
            "bombardment",
            FRACTION,
            "Daily bombardment intensity at the start, 0..1 (default 0).",
            required=False,
        ),
    ),
    m.Road,
    (rules.road_rule,),
)

CAPTURE = Record(
    "capture",
    "A faction takes a location.",
    (
        Field("location", LOCATION, "The location taken."),
        Field("faction", FACTION, "The faction taking it."),
    ),
    m.Capture,
)

ROAD_CHANGE = Record(
    "road_change",
    "A road's status, control or bombardment changes.",
    (
        Field("road", ROAD, "The road."),
        Field("status", Choice.of(m.RoadStatus), "New status.", required=False),
        Field("control", FACTION, "New controlling faction.", required=False),
        Field("bombardment", FRACTION, "New bombardment intensity, 0..1.", required=False),
    ),
    m.RoadChange,
    (rules.road_change_rule,),
)

ENCIRCLE = Record(
    "encircle",
    "A town's approaches or open exits change.",
    (
        Field("location", LOCATION, "The town."),
        Field(
            "approaches",
            APPROACHES,
            "Approaches that change hands (others keep their holder).",
            required=False,
        ),
        Field(
            "open_exits",
            ListOf(ROAD),
            "The open exits from now on (roads attached to the town).",
            required=False,
        ),
    ),
    m.Encircle,
    (rules.encircle_rule,),
)

BOMBARD = Record(
    "bombard",
    "Bombardment of a location or road for some days.",
    (
        Field("target", IdRef(("location", "road")), "Location or road id."),
        Field("intensity", FRACTION, "Daily intensity, 0..1."),
        Field(
            "days", Integer(1, MAX_TURNS), "How many turns it lasts (default 1).", required=False
        ),
    ),
    m.Bombard,
)

DIPLOMACY = Record(
    "diplomacy",
    "International pressure that helps negotiations for a while.",
    (
        Field(
            "leverage",
            Integer(-100, 100),
            "Leverage added to the player (default 0).",
            required=False,
        ),
        Field("bonus", FRACTION, "Added to negotiation odds, 0..1 (default 0).", required=False),
        Field(
            "days",
            Integer(1, MAX_TURNS),
            "How many turns the bonus lasts (default 1).",
            required=False,
        ),
    ),
    m.Diplomacy,
)

THREAT = Record(
    "threat",
    "Raises the perceived threat at a location (people leave sooner).",
    (
        Field("location", LOCATION, "The location."),
        Field("level", FRACTION, "Threat level, 0..1."),
        Field(
            "days", Integer(1, MAX_TURNS), "How many turns it lasts (default 1).", required=False
        ),
    ),
    m.Threat,
)

EFFECT = OneKey(
    "effect",
    {
        "capture": CAPTURE,
        "road": ROAD_CHANGE,
        "encircle": ENCIRCLE,
        "bombard": BOMBARD,
        "diplomacy": DIPLOMACY,
        "threat": THREAT,
    },
)

EVENT = Record(
    "event",
    "A dated or projected event on the timeline.",
    (
        Field("id", Id("event"), "Id used by `after`."),
        Field("kind", Choice.of(m.EventKind), "What kind of event it is (for the log)."),
        Field("title", Text(), "One line for the log, in your own words."),
        SOURCE,
        Field(
            "date",
            Date(),
            "Scheduled date, or the earliest date of a projected event. Within the campaign.",
            required=False,
        ),
        Field(
            "probability",
            FRACTION,
            "Chance per day once possible, 0..1 (default 1: certain).",
            required=False,
        ),
        Field("after", IdRef(("event",)), "Only after this event has happened...", required=False),
        Field(
            "delay_days",
            Integer(0, MAX_TURNS),
            "...plus this many days (default 0).",
            required=False,
        ),
        Field(
            "latest",
            Date(),
            "Happens by this date at the latest. Within the campaign.",
            required=False,
        ),
        Field(
            "effects", ListOf(EFFECT), "What changes: a list of one-key mappings.", required=False
        ),
        Field(
            "localities",
            Integer(0, MAX_LOCALITIES),
            "Villages seized that the scenario does not model one by one.",
            required=False,
        ),
        Field(
            "basis",
            Choice.of(m.Basis),
            "How the game presents the event: `reported` (a source reports it) or "
            "`projected` (the model's projection). Default: reported if certain, without "
            "`after`, and citing a source that is not an assumption; else projected.",
            required=False,
        ),
    ),
    m.TimelineEvent,
    (rules.event_rule,),
)

COST = Record(
    "cost",
    "What one order of a kind costs.",
    (
        Field("funds", FUNDS, "Thousand USD (default 0).", required=False),
        Field("trucks", TRUCKS, "Trucks committed (default 0).", required=False),
        Field(
            "leverage",
            Integer(0, MAX_LEVERAGE, "leverage never exceeds 100"),
            "Leverage spent (default 0).",
            required=False,
        ),
        Field(
            "days",
            Integer(0, MAX_TURNS, "a scenario lasts at most 366 turns"),
            "Turns before it takes effect (default 0).",
            required=False,
        ),
    ),
    m.OrderCost,
)

PLAYER = Record(
    "player",
    "The coordinator's resources at the start and what orders cost.",
    (
        Field("funds", FUNDS, "Funds, thousand USD."),
        Field("trucks", TRUCKS, "Trucks in the fleet."),
        Field("leverage", Integer(0, MAX_LEVERAGE), "Diplomatic leverage, 0..100."),
        Field(
            "costs",
            MapOf(Choice(ORDER_KINDS), COST, required=ORDER_KINDS),
            "Order kind (convoy, shelter, pause, corridor, evacuate, appeal) -> cost.",
        ),
        SOURCE,
    ),
    m.Player,
)

PARAMETER = Record(
    "parameter",
    "A model parameter: value, unit and source.",
    (
        Field("value", Number(), "The value, in `unit`."),
        Field("unit", Text(), "Its unit, as `game/scenario/parameters.py` names it."),
        SOURCE,
    ),
    m.Parameter,
    (rules.parameter_rule,),
)

FIGURE = Record(
    "figure",
    "A reported figure the engine or briefing uses.",
    (
        Field("id", Id("figure"), "Its id (e.g. displaced_since_december)."),
        Field(
            "value",
            Integer(0, MAX_FIGURE, "a reported figure beyond a billion is not one this game uses"),
            "The figure (people, or the unit the label gives).",
        ),
        SOURCE,
        Field("date", Date(), "Date the figure refers to.", required=False),
        Field("label", Text(), "What it counts, for players.", required=False),
    ),
    m.Figure,
)

DIFFICULTY = Record(
    "difficulty",
    "A preset scaling resources and the odds of projected events.",
    (
        Field("id", Id("difficulty"), "Its id (`--difficulty ID`)."),
        Field("name", Text(), "Its name."),
        Field("description", Text(), "One line on what changes.", required=False),
        Field(
            "resources",
            Number(0.0, 10.0, exclusive_minimum=True),
            "Multiplies starting funds, trucks and leverage (default 1).",
            required=False,
        ),
        Field(
            "event_odds",
            Number(0.0, 10.0),
            "Multiplies the daily odds of projected events (default 1).",
            required=False,
        ),
    ),
    m.Difficulty,
)


def _build_scenario(**values: Any) -> dict[str, Any]:
    """The top level is built by `validate.py` once the cross-checks pass."""
    return values


SCENARIO = Record(
    "scenario",
    "A Corridor scenario.",
    (
        Field("meta", META, "What the scenario is and how long it runs."),
        Field("sources", ListOf(SOURCE_DOC), "Documents facts cite by id."),
        Field("factions", ListOf(FACTION_REC, min_items=1), "Sides and actors."),
        Field(
            "locations", ListOf(LOCATION_REC, min_items=1), "Places people live, flee from and to."
        ),
        Field("roads", ListOf(ROAD_REC), "Road segments between locations."),
        Field("timeline", ListOf(EVENT), "Dated and projected events."),
        Field("player", PLAYER, "Starting resources and order costs."),
        Field(
            "model",
            MapOf(None, PARAMETER, pass_name=True),
            "Model parameters by name (names and units: game/scenario/parameters.py).",
        ),
        Field("figures", ListOf(FIGURE), "Reported figures.", required=False),
        Field("difficulties", ListOf(DIFFICULTY), "Difficulty presets.", required=False),
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
    EVENT,
    CAPTURE,
    ROAD_CHANGE,
    ENCIRCLE,
    BOMBARD,
    DIPLOMACY,
    THREAT,
    PLAYER,
    COST,
    PARAMETER,
    FIGURE,
    DIFFICULTY,
)
