"""The timeline part of the format's tables: events and the effects they have on the world.

Like `spec.py` (which assembles the whole format), each key says its type, unit, default and
what it does in the engine; the reference in docs/scenario-format.md is generated from here.
"""

from __future__ import annotations

from game.scenario import model as m
from game.scenario import rules
from game.scenario.fields import Choice, Date, Id, IdRef, LocalId, Sources, Text
from game.scenario.meanings import BASES, DIRECTIONS_NOTE, ROAD_STATUSES
from game.scenario.numbers import Integer, Number
from game.scenario.shapes import Field, ListOf, MapOf, OneKey, Record
from game.scenario.spec_means import MEANS_EFFECTS, MEANS_RECORDS, OPTION_COST

MAX_TURNS = 366
MAX_DAYS = 366
MAX_LOCALITIES = 100_000
FRACTION = Number(0.0, 1.0)
SOURCE = Field("source", Sources(), "Where the fact comes from (see Provenance).")
FACTION = IdRef(("faction",))
LOCATION = IdRef(("location",))
ROAD = IdRef(("road",))
DAYS = Integer(1, MAX_DAYS)
ROAD_STATUS = Choice.of(m.RoadStatus, ROAD_STATUSES)

APPROACHES = MapOf(Choice.of(m.Direction), FACTION, min_items=1, key_enum=m.Direction)

CAPTURE = Record(
    "capture",
    "A faction takes a place (see `role` for what a capture by an attacker does).",
    (
        Field("location", LOCATION, "The place taken."),
        Field(
            "faction",
            FACTION,
            "The faction taking it: not a humanitarian one. An attacker's capture makes the place "
            "fall; any other faction's only changes who holds it (a place retaken).",
        ),
    ),
    m.Capture,
)

ROAD_CHANGE = Record(
    "road_change",
    "A road's status, holder or standing bombardment changes (give at least one).",
    (
        Field("road", ROAD, "The road."),
        Field("status", ROAD_STATUS, "Its new status.", required=False),
        Field("control", FACTION, "Who holds it now (shown to players).", required=False),
        Field(
            "bombardment",
            FRACTION,
            "Its new standing bombardment intensity (until changed again).",
            required=False,
        ),
    ),
    m.RoadChange,
    (rules.road_change_rule,),
)

ENCIRCLE = Record(
    "encircle",
    "A town is encircled, or its approaches or open exits change (give at least one).",
    (
        Field("location", LOCATION, "The town; from now on it is encircled."),
        Field(
            "approaches",
            APPROACHES,
            "Approaches that change hands; those not named keep their holder. " + DIRECTIONS_NOTE,
            required=False,
        ),
        Field(
            "open_exits",
            ListOf(ROAD),
            "The roads attached to the town people can leave by from now on.",
            required=False,
        ),
    ),
    m.Encircle,
    (rules.encircle_rule,),
)

BOMBARD = Record(
    "bombard",
    "A strike on a place or road for some days, on top of its standing bombardment (the "
    "heavier of the two applies).",
    (
        Field("target", IdRef(("location", "road")), "Location or road id."),
        Field(
            "intensity",
            FRACTION,
            "Intensity 0..1: it adds threat (`bombardment_threat`), harms people there "
            "(`harm_rate`) or on the road (`road_harm_rate`), and deters people and strikes "
            "convoys on a road.",
        ),
        Field("days", DAYS, "How long it lasts.", required=False, default=1, unit="days"),
    ),
    m.Bombard,
)

DIPLOMACY = Record(
    "diplomacy",
    "International pressure: leverage for the player, better odds for negotiations.",
    (
        Field(
            "leverage",
            Integer(-100, 100),
            "Leverage added to the player's (kept within 0..100).",
            required=False,
            default=0,
            unit="points",
        ),
        Field(
            "bonus",
            FRACTION,
            "Added to the odds of pauses and corridors negotiated while it lasts.",
            required=False,
            default=0,
        ),
        Field("days", DAYS, "How long the bonus lasts.", required=False, default=1, unit="days"),
    ),
    m.Diplomacy,
)

THREAT = Record(
    "threat",
    "People at a place feel more threatened (e.g. a town named as the next target).",
    (
        Field("location", LOCATION, "The place."),
        Field(
            "level",
            FRACTION,
            "Threat 0..1, combined with the place's other threats (see the threat rule).",
        ),
        Field("days", DAYS, "How long it lasts.", required=False, default=1, unit="days"),
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
        **MEANS_EFFECTS,
    },
)

OPTION = Record(
    "option",
    "One choice a dilemma offers.",
    (
        Field("id", LocalId(), "Its id, unique within the dilemma (the player's order names it)."),
        Field("label", Text(), "One line for the dialog."),
        Field("consequences", Text(), "What follows, in a sentence or two, in your own words."),
        SOURCE,
        Field(
            "cost",
            OPTION_COST,
            "What it costs when chosen (an option the player cannot afford cannot be chosen).",
            required=False,
        ),
        Field(
            "effects",
            ListOf(EFFECT),
            "What changes when it is chosen: one-key mappings, as an event's (see Effects).",
            required=False,
            default=(),
        ),
    ),
    m.DilemmaOption,
)

EVENT = Record(
    "event",
    "A dated or projected event on the timeline. Events due on a day happen in file order, "
    "before people move that day.",
    (
        Field("id", Id("event"), "Id used by `after`."),
        Field(
            "kind",
            Choice.of(m.EventKind),
            "What kind of event it is: the word the log files it under (what happens comes "
            "from `effects`).",
        ),
        Field("title", Text(), "One line for the log, in your own words."),
        SOURCE,
        Field(
            "date",
            Date(),
            "The day it happens if certain, else the first day it can happen. Within the "
            "campaign. An event needs `date`, `after` or both.",
            required=False,
        ),
        Field(
            "probability",
            FRACTION,
            "Chance each day, once it can happen, that it happens that day (1: certain). "
            "Difficulties multiply it (`event_odds`).",
            required=False,
            default=1,
        ),
        Field(
            "after",
            IdRef(("event",)),
            "It can happen only once this event has happened...",
            required=False,
        ),
        Field(
            "delay_days",
            Integer(0, MAX_TURNS),
            "...and this many days after it.",
            required=False,
            default=0,
            unit="days",
        ),
        Field(
            "latest",
            Date(),
            "It happens by this day at the latest, whatever its probability. Within the "
            "campaign, not before `date`.",
            required=False,
        ),
        Field(
            "effects",
            ListOf(EFFECT),
            "What changes: a list of one-key mappings (see Effects).",
            required=False,
            default=(),
        ),
        Field(
            "localities",
            Integer(0, MAX_LOCALITIES),
            "Villages taken that the scenario does not model one by one: added to the count of "
            "localities taken.",
            required=False,
            default=0,
        ),
        Field(
            "basis",
            Choice.of(m.Basis, BASES),
            "How the game presents it (see Reported or projected). Left out: reported if "
            "certain, without `after`, and citing a source that is not an assumption; else "
            "projected.",
            required=False,
        ),
        Field(
            "prompt",
            Text(),
            "For a dilemma (`kind: dilemma`): the question put to the player.",
            required=False,
        ),
        Field(
            "options",
            ListOf(OPTION, min_items=2),
            "For a dilemma: its two or three options. When it happens a dialog puts them to "
            "the player; the choice is an order like any other, saved and replayed.",
            required=False,
        ),
        Field(
            "default",
            LocalId(),
            "For a dilemma: the option that holds if the player has not chosen in time (and in "
            "headless games without a choice); it cannot cost anything.",
            required=False,
        ),
        Field(
            "expires_days",
            DAYS,
            "For a dilemma: for how many days after it happens the choice stays open.",
            required=False,
            default=1,
            unit="days",
        ),
    ),
    m.TimelineEvent,
    (rules.event_rule, rules.dilemma_rule),
)

TIMELINE_RECORDS: tuple[Record, ...] = (
    EVENT,
    CAPTURE,
    ROAD_CHANGE,
    ENCIRCLE,
    BOMBARD,
    DIPLOMACY,
    THREAT,
    *MEANS_RECORDS,
    OPTION,
)
