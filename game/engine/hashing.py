"""Canonical snapshots of a state: a JSON-able dict for saves and a stable hash of it.

The hash is sha256 over canonical JSON (sorted keys, no spaces, floats as Python's shortest
repr), so it is the same in any process, on any machine, for any Python >= 3.10.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import fields
from operator import attrgetter
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


_ENUMS = (RoadStatus, Cargo)
_PLAIN_TYPES = frozenset({int, float, str, bool, type(None)})  # kept as they are
# dataclass -> (its field names, a getter of all their values at once); fields() is slow
_FIELD_SPECS: dict[type, tuple[tuple[str, ...], Any]] = {}


def _field_spec(cls: type) -> tuple[tuple[str, ...], Any]:
    names = tuple(f.name for f in fields(cls))
    if len(names) == 1:
        getter = attrgetter(names[0])
        spec = (names, lambda obj: (getter(obj),))
    else:
        spec = (names, attrgetter(*names))
    _FIELD_SPECS[cls] = spec
    return spec


def _value(value: Any) -> Any:
    if isinstance(value, _ENUMS):
        return value.value
    if isinstance(value, tuple):
        return [list(v) if isinstance(v, tuple) else v for v in value]
    return value


def _plain(obj: Any) -> dict[str, Any]:
    names, get = _FIELD_SPECS.get(type(obj)) or _field_spec(type(obj))
    plain = _PLAIN_TYPES
    return {
        name: value if type(value) in plain else _value(value)
        for name, value in zip(names, get(obj), strict=True)
    }


def state_to_dict(state: State, shallow: bool = False) -> dict[str, Any]:
    """The whole state as plain JSON values (enums as strings, dates ISO, tuples as lists).
    `shallow` (for `state_hash`) leaves placeholders for the locations and roads."""
    if shallow:
        locations: Any = _SENTINEL.format("locations")
        roads: Any = _SENTINEL.format("roads")
    else:
        locations = [_plain(loc) for loc in state.locations]
        roads = [_plain(road) for road in state.roads]
    return {
        "version": SNAPSHOT_VERSION,
        "turn": state.turn,
        "date": state.date.isoformat(),
        "seed": state.seed,
        "difficulty": state.difficulty,
        "event_odds": state.event_odds,
        "locations": locations,
        "roads": roads,
        "resources": _plain(state.resources),
        "counters": _plain(state.counters),
        "day": _plain(state.day),
        "convoys": [_plain(c) for c in state.convoys],
        "transit": [_plain(t) for t in state.transit],
        "pending": [_plain(p) for p in state.pending],
        "fired": [[eid, turn] for eid, turn in state.fired],
        "diplomacy_bonus": state.diplomacy_bonus,
        "diplomacy_days": state.diplomacy_days,
        "next_convoy_id": state.next_convoy_id,
        "game_over": state.game_over,
    }


def _build(cls: type, data: Mapping[str, Any]) -> Any:
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue  # a field added later keeps its default
        value = data[f.name]
        if f.name == "status":
            value = RoadStatus(value)
        elif f.name == "cargo":
            value = Cargo(value)
        elif f.name == "approaches":
            value = tuple((str(d), str(fac)) for d, fac in value)
        elif f.name in ("open_exits", "route"):
            value = tuple(value)
        values[f.name] = value
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
        next_convoy_id=int(data.get("next_convoy_id", 1)),
        game_over=bool(data.get("game_over", False)),
    )


def canonical_json(data: Any) -> str:
    """Sorted keys, no whitespace, no NaN: the bytes the hash is taken over."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False)


# The fragments of the last state hashed, by identity: untouched places keep their object from
# turn to turn, so a big map is encoded once, not every turn. Only the last state's are kept, so
# that memory does not grow with the number of turns hashed (replay --verify streams long games).
# Each entry holds its object, so its id cannot be reused while cached.
_FRAGMENTS: dict[int, tuple[object, str]] = {}
_SENTINEL = "\x00{}\x00"


def _fragment(obj: object, previous: dict, current: dict) -> str:
    """Canonical JSON of one frozen location or road state, from `previous` if it was there."""
    key = id(obj)
    hit = previous.get(key)
    if hit is None or hit[0] is not obj:
        hit = (obj, canonical_json(_plain(obj)))
    current[key] = hit
    return hit[1]


def state_hash(state: State) -> str:
    """sha256 hex of the canonical snapshot of `state`: exactly
    `sha256(canonical_json(state_to_dict(state)))`, assembled from memoised pieces."""
    global _FRAGMENTS
    previous: dict[int, tuple[object, str]] = _FRAGMENTS
    current: dict[int, tuple[object, str]] = {}
    data = state_to_dict(state, shallow=True)
    text = canonical_json(data)
    for key, items in (("locations", state.locations), ("roads", state.roads)):
        quoted = json.dumps(_SENTINEL.format(key))
        fragments = ",".join(_fragment(x, previous, current) for x in items)
        text = text.replace(quoted, "[" + fragments + "]", 1)
    _FRAGMENTS = current
    return hashlib.sha256(text.encode()).hexdigest()
