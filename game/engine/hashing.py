"""Canonical snapshots of a state: a JSON-able dict for saves and a stable hash of it.

    state_hash(state) = sha256(canonical_json(state_to_dict(state)))

Canonical JSON is sorted keys, no spaces, ASCII only (json's escapes) and floats as Python's
shortest repr, so the hash is the same in any process, on any machine, for any Python >= 3.10.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping
from typing import Any

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
from game.scenario.model import Cargo, RoadStatus

SNAPSHOT_VERSION = 1


def _plain_value(value: Any) -> Any:
    """A field's value as JSON: enums by their value, tuples (of tuples) as lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [list(item) if isinstance(item, tuple) else item for item in value]
    return value


# The field names of each record kind, in declaration order (read once: `fields` builds a tuple
# of `Field` objects on every call).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(field.name for field in dataclasses.fields(cls))
    for cls in (LocationState, RoadState, Resources, Counters, Day, Convoy, Transit, Pending)
}


_JSON_SCALARS = frozenset({int, float, str, bool, type(None)})


def _record_dict(record: Any) -> dict[str, Any]:
    """A state record (a place, a road, the counters...) as a dict of its fields."""
    plain = {name: getattr(record, name) for name in _FIELD_NAMES[type(record)]}
    for name, value in plain.items():
        if type(value) not in _JSON_SCALARS:  # enums and tuples (most fields are numbers)
            plain[name] = _plain_value(value)
    return plain


def state_to_dict(state: State) -> dict[str, Any]:
    """The whole state as plain JSON values (enums as strings, dates ISO, tuples as lists)."""
    return {
        "version": SNAPSHOT_VERSION,
        "turn": state.turn,
        "date": state.date.isoformat(),
        "seed": state.seed,
        "difficulty": state.difficulty,
        "event_odds": state.event_odds,
        "locations": [_record_dict(location) for location in state.locations],
        "roads": [_record_dict(road) for road in state.roads],
        "resources": _record_dict(state.resources),
        "counters": _record_dict(state.counters),
        "day": _record_dict(state.day),
        "convoys": [_record_dict(convoy) for convoy in state.convoys],
        "transit": [_record_dict(group) for group in state.transit],
        "pending": [_record_dict(pending) for pending in state.pending],
        "fired": [[event_id, turn] for event_id, turn in state.fired],
        "diplomacy_bonus": state.diplomacy_bonus,
        "diplomacy_days": state.diplomacy_days,
        "escort_days": state.escort_days,
        "escort_strike": state.escort_strike,
        "escort_penalty": state.escort_penalty,
        "open_dilemmas": [[event_id, turn] for event_id, turn in state.open_dilemmas],
        "next_convoy_id": state.next_convoy_id,
        "game_over": state.game_over,
    }


def canonical_json(data: Any) -> str:
    """Sorted keys, no whitespace, ASCII, no NaN or infinity: the text the hash is taken over."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False)


def state_hash(state: State) -> str:
    """sha256 hex of the canonical snapshot of `state` (ValueError if a number is not finite)."""
    return hashlib.sha256(canonical_json(state_to_dict(state)).encode("ascii")).hexdigest()


def _build(cls: type, data: Mapping[str, Any]) -> Any:
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in data:
            continue  # a field added later keeps its default
        value = data[field.name]
        if field.name == "status":
            value = RoadStatus(value)
        elif field.name == "cargo":
            value = Cargo(value)
        elif field.name == "approaches":
            value = tuple((str(direction), str(faction)) for direction, faction in value)
        elif field.name in ("open_exits", "route"):
            value = tuple(value)
        values[field.name] = value
    return cls(**values)


def state_from_dict(data: Mapping[str, Any]) -> State:
    """The state a `state_to_dict` snapshot describes (KeyError/ValueError if malformed)."""
    version = data.get("version", SNAPSHOT_VERSION)
    if version != SNAPSHOT_VERSION:
        raise ValueError(f"unsupported state snapshot version {version!r}")
    return State(
        turn=int(data["turn"]),
        date=dt.date.fromisoformat(data["date"]),
        seed=int(data["seed"]),
        difficulty=data.get("difficulty"),
        event_odds=float(data.get("event_odds", 1.0)),
        locations=tuple(_build(LocationState, d) for d in data["locations"]),
        roads=tuple(_build(RoadState, d) for d in data["roads"]),
        resources=_build(Resources, data["resources"]),
        counters=_build(Counters, data["counters"]),
        day=_build(Day, data.get("day", {})),
        convoys=tuple(_build(Convoy, d) for d in data.get("convoys", ())),
        transit=tuple(_build(Transit, d) for d in data.get("transit", ())),
        pending=tuple(_build(Pending, d) for d in data.get("pending", ())),
        fired=tuple((str(e), int(t)) for e, t in data.get("fired", ())),
        diplomacy_bonus=float(data.get("diplomacy_bonus", 0.0)),
        diplomacy_days=int(data.get("diplomacy_days", 0)),
        escort_days=int(data.get("escort_days", 0)),
        escort_strike=float(data.get("escort_strike", 1.0)),
        escort_penalty=float(data.get("escort_penalty", 0.0)),
        open_dilemmas=tuple((str(e), int(t)) for e, t in data.get("open_dilemmas", ())),
        next_convoy_id=int(data.get("next_convoy_id", 1)),
        game_over=bool(data.get("game_over", False)),
    )
