"""What every part of the generator shares: the calendar, the sides, how a fact is sourced."""

from __future__ import annotations

import datetime as dt

START_DATE = dt.date(2020, 1, 24)
TURNS = 30
ATTACKER = "attacker"
DEFENDER = "defender"
OTHER = "third_party"
AID = "aid"


def source(note: str) -> str:
    """The source of a generated fact: always a synthetic assumption."""
    return f"assumption: synthetic {note}"
