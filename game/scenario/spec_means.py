"""The format's tables for effects that bring or take the player's means during the campaign
(issue 19): money over days, supplies, trucks taken up, a camp moved, an armed escort; and the
cost of a dilemma's option. The engine's rule for them is `game/engine/supplies.py`."""

from __future__ import annotations

from game.scenario import model as m
from game.scenario import rules
from game.scenario.fields import IdRef
from game.scenario.numbers import Integer, Number
from game.scenario.shapes import Field, Record

MAX_DAYS = 366
DAYS = Integer(1, MAX_DAYS)
FRACTION = Number(0.0, 1.0)
LOCATION = IdRef(("location",))
FUNDS = Integer(0, 100_000_000, "in thousand USD: 100 billion USD is more than any aid budget")
TRUCKS = Integer(0, 1_000_000, "more trucks than any aid operation runs")
PEOPLE = Integer(0, 100_000_000, "no place holds more people")
PERSON_DAYS = Integer(0, 1_000_000_000, "ten days of the most people a place can hold")

FUNDS_EFFECT = Record(
    "funds",
    "Money for the coordinator's flexible budget (an allocation, a pledge), arriving over days.",
    (
        Field("amount", FUNDS, "How much in all.", unit="thousand USD"),
        Field(
            "days",
            DAYS,
            "Over how many days it arrives, in equal parts from the day of the event.",
            required=False,
            default=1,
            unit="days",
        ),
    ),
    m.Funds,
)

STOCK = Record(
    "stock",
    "Supplies reach a place outside the player's convoys (give at least one kind): they are "
    "handed out as the player's own stocks are, to the displaced people there.",
    (
        Field("location", LOCATION, "Where they arrive (lost if attackers hold it)."),
        Field("food", PERSON_DAYS, "Food.", required=False, default=0, unit="person-days"),
        Field("water", PERSON_DAYS, "Water.", required=False, default=0, unit="person-days"),
        Field("tents", PEOPLE, "Tent places.", required=False, default=0, unit="people"),
    ),
    m.Stock,
    (rules.stock_rule,),
)

HOLD_TRUCKS = Record(
    "hold_trucks",
    "Trucks taken out of the player's fleet for some days; only free trucks are taken.",
    (
        Field("trucks", TRUCKS, "How many.", unit="trucks"),
        Field("days", DAYS, "When they come back.", unit="days"),
    ),
    m.HoldTrucks,
)

RELOCATE = Record(
    "relocate",
    "Displaced people are moved from one place to another (those without shelter first), with "
    "lasting shelter places built for them there.",
    (
        Field("from", LOCATION, "Where they leave (fewer move if fewer are there).", attr="origin"),
        Field("to", LOCATION, "Where they go.", attr="destination"),
        Field("people", PEOPLE, "How many displaced people move.", unit="people"),
        Field(
            "places",
            PEOPLE,
            "Lasting shelter places built at the destination.",
            required=False,
            default=0,
            unit="places",
        ),
    ),
    m.Relocate,
)

ESCORT = Record(
    "escort",
    "Convoys travel under armed escort for some days: never held up on contested roads and "
    "struck less often, while negotiations opened meanwhile lose some of their chance.",
    (
        Field("days", DAYS, "How long it lasts.", unit="days"),
        Field(
            "strike_factor",
            FRACTION,
            "Multiplies the chance a convoy is struck on a bombarded road.",
            required=False,
            default=1,
        ),
        Field(
            "odds_penalty",
            FRACTION,
            "Taken from the chance of every negotiation opened while it lasts.",
            required=False,
            default=0,
        ),
    ),
    m.Escort,
)

OPTION_COST = Record(
    "option_cost",
    "What choosing a dilemma's option costs the player, paid when it is chosen.",
    (
        Field("funds", FUNDS, "Funds.", required=False, default=0, unit="thousand USD"),
        Field("trucks", TRUCKS, "Trucks committed.", required=False, default=0, unit="trucks"),
        Field(
            "leverage",
            Integer(0, 100, "leverage never exceeds 100"),
            "Leverage spent.",
            required=False,
            default=0,
        ),
    ),
    m.OrderCost,
)

MEANS_EFFECTS = {
    "funds": FUNDS_EFFECT,
    "stock": STOCK,
    "hold_trucks": HOLD_TRUCKS,
    "relocate": RELOCATE,
    "escort": ESCORT,
}
MEANS_RECORDS: tuple[Record, ...] = (
    FUNDS_EFFECT,
    STOCK,
    HOLD_TRUCKS,
    RELOCATE,
    ESCORT,
    OPTION_COST,
)
