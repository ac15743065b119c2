"""What the player should know about a turn: one `Event` per change, with cause and source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the log. `figures` are the numbers the line gives and the ids of the other
    places it names (e.g. `toward`: where most people of a flight headed), so that no reader
    parses the prose; `estimate` marks model estimates (harm, displacement flows); `citation`
    is e.g. `article ¶7` when the article reported it."""

    turn: int
    date: dt.date
    kind: str
    place: str | None
    cause: str
    message: str
    figures: Mapping[str, int | float | str] = field(default_factory=dict)
    citation: str | None = None
    estimate: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (dates as ISO strings)."""
        return {
            "turn": self.turn,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "place": self.place,
            "cause": self.cause,
            "message": self.message,
            "figures": dict(self.figures),
            "citation": self.citation,
            "estimate": self.estimate,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            turn=int(data["turn"]),
            date=dt.date.fromisoformat(data["date"]),
            kind=str(data["kind"]),
            place=data.get("place"),
            cause=str(data["cause"]),
            message=str(data["message"]),
            figures=dict(data.get("figures") or {}),
            citation=data.get("citation"),
            estimate=bool(data.get("estimate", False)),
        )


# Event kinds the engine emits (timeline events use their own kind: capture, advance, ...).
ORDER = "order"  # an order accepted, with what it cost
REFUSED = "refused"  # an order refused, with the reason
NEGOTIATION = "negotiation"  # a pause or corridor agreed or refused
APPEAL = "appeal"  # funds raised
SHELTER = "shelter"  # shelter places built or worn out
CONVOY = "convoy"  # a convoy delivered, delayed, blocked, struck, back
DISPLACEMENT = "displacement"  # people fled a place
ARRIVAL = "arrival"  # people reached a place
TRAPPED = "trapped"  # people under threat with no way out
HARM = "harm"  # people harmed (always an estimate)
EVACUATION = "evacuation"
FALL = "fall"  # a town changed hands and its people flee
NEEDS = "needs"  # the day's coverage of needs
DILEMMA = "dilemma"  # a choice put to the player (and how it was settled)


def people(n: int) -> str:
    """`1 person`, `2,500 people`."""
    return "1 person" if n == 1 else f"{n:,} people"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """A number and its noun in agreement: `1 truck`, `0 trucks`, `1,200 places`."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb agreeing with a count: `is` for 1, `are` otherwise."""
    return singular if n == 1 else plural


def days_ago(days: int) -> str:
    """`today`, `yesterday`, `3 days ago`."""
    return {0: "today", 1: "yesterday"}.get(days, f"{days:,} days ago")
