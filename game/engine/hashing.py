"""Canonical snapshots of a state: a JSON-able dict for saves and a stable hash of it.

The hash is sha256 over canonical JSON (sorted keys, no spaces, floats as Python's shortest
repr), so it is the same in any process, on any machine, for any Python >= 3.10.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import fields
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from operator import attrgetter, itemgetter
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


_ENCODERS: dict[type, Any] = {}


def _json_default(value: Any) -> Any:
    if isinstance(value, _ENUMS):
        return value.value
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# json's own C encoder, set up as canonical_json sets it (no spaces, no NaN), with keys taken
# in the order given: records are encoded with their keys already sorted.
_C_ENCODE = c_make_encoder(
    None, _json_default, encode_basestring_ascii, None, ":", ",", False, False, False
)


def _encoder(cls: type) -> Any:
    """A function giving exactly `canonical_json(_plain(obj))` for records of `cls`: the field
    values read in sorted key order into a dict that json's C encoder writes as it is."""
    enc = _ENCODERS.get(cls)
    if enc is None:
        names, _get = _FIELD_SPECS.get(cls) or _field_spec(cls)
        keys = sorted(names)
        if issubclass(cls, tuple):
            get = itemgetter(*sorted(range(len(names)), key=names.__getitem__))
        else:
            get = attrgetter(*keys)
        c_encode = _C_ENCODE

        def enc(obj: Any) -> str:
            return "".join(c_encode(dict(zip(keys, get(obj), strict=True)), 0))

        if cls is LocationState:
            enc = _location_encoder(enc)
        _ENCODERS[cls] = enc
    return enc


def _location_encoder(general: Any) -> Any:
    """The hot case of `_encoder`: a place whose fields hold the types they are declared with
    is written through one %-format template (ints with %d, floats with repr, as json does);
    anything else (a float where an int belongs, NaN, ...) goes to the general encoder, so
    the text is always exactly json's."""
    fields_ = LocationState._fields
    order = sorted(range(len(fields_)), key=fields_.__getitem__)
    sample = LocationState("", "", 0, 0, 0, 0)
    types = tuple(type(value) for value in sample)
    pieces, kinds = [], []
    for k in order:
        kind = types[k]
        kinds.append(kind)
        pieces.append(f"{encode_basestring_ascii(fields_[k])}:" + ("%d" if kind is int else "%s"))
    template = "{" + ",".join(pieces) + "}"
    pick = itemgetter(*order)
    str_at = [n for n, kind in enumerate(kinds) if kind is str]
    float_at = [n for n, kind in enumerate(kinds) if kind is float]
    bool_at = [n for n, kind in enumerate(kinds) if kind is bool]
    tuple_at = [n for n, kind in enumerate(kinds) if kind is tuple]
    isfinite = math.isfinite
    float_repr = float.__repr__
    strings: dict[str, str] = {}

    def enc(loc: Any) -> str:
        if tuple(map(type, loc)) != types:
            return general(loc)
        values = list(pick(loc))
        for n in str_at:
            text = values[n]
            quoted = strings.get(text)
            if quoted is None:
                if len(strings) > 100_000:
                    strings.clear()
                quoted = strings[text] = encode_basestring_ascii(text)
            values[n] = quoted
        for n in float_at:
            if not isfinite(values[n]):
                return general(loc)  # json refuses it, with its own error
            values[n] = float_repr(values[n])
        for n in bool_at:
            values[n] = "true" if values[n] else "false"
        for n in tuple_at:
            values[n] = "".join(c_encode(values[n], 0)) if values[n] else "[]"
        return template % tuple(values)

    c_encode = _C_ENCODE
    return enc


def _fragments(items: tuple, previous: dict, current: dict) -> str:
    """The canonical JSON of a tuple of location or road states, joined; each piece from
    `previous` when the same object was hashed last time."""
    out = []
    encode = None
    for obj in items:
        key = id(obj)
        hit = previous.get(key)
        if hit is None or hit[0] is not obj:
            if encode is None:
                encode = _encoder(type(obj))
            hit = (obj, encode(obj))
        current[key] = hit
        out.append(hit[1])
    return ",".join(out)


# The road states of the last state hashed, their joined JSON and their pieces: roads rarely
# change, so most turns reuse the whole text.
_ROADS: tuple[tuple, str, dict] = ((), "", {})


def _roads_json(roads: tuple) -> str:
    global _ROADS
    last, text, pieces = _ROADS
    if len(last) == len(roads) and all(a is b for a, b in zip(last, roads, strict=True)):
        return text
    current: dict[int, tuple[object, str]] = {}
    text = _fragments(roads, pieces, current)
    _ROADS = (roads, text, current)
    return text


_C_ENCODE_SORTED = c_make_encoder(
    None, _json_default, encode_basestring_ascii, None, ":", ",", True, False, False
)
_FIRED: tuple[tuple, str] = ((), "[]")  # the last `fired` tuple hashed and its JSON


def _fired_json(fired: tuple) -> str:
    global _FIRED
    if fired is not _FIRED[0]:
        _FIRED = (fired, "".join(_C_ENCODE_SORTED([[eid, turn] for eid, turn in fired], 0)))
    return _FIRED[1]


def state_hash(state: State) -> str:
    """sha256 hex of the canonical snapshot of `state`: exactly
    `sha256(canonical_json(state_to_dict(state)))`, assembled from memoised pieces."""
    global _FRAGMENTS
    previous: dict[int, tuple[object, str]] = _FRAGMENTS
    current: dict[int, tuple[object, str]] = {}
    data = state_to_dict(state, shallow=True)
    data["fired"] = _SENTINEL.format("fired")
    text = "".join(_C_ENCODE_SORTED(data, 0))
    locations = "[" + _fragments(state.locations, previous, current) + "]"
    roads = "[" + _roads_json(state.roads) + "]"
    text = (
        text.replace(_QUOTED_LOCATIONS, locations, 1)
        .replace(_QUOTED_ROADS, roads, 1)
        .replace(_QUOTED_FIRED, _fired_json(state.fired), 1)
    )
    _FRAGMENTS = current
    return hashlib.sha256(text.encode()).hexdigest()


_QUOTED_LOCATIONS = json.dumps(_SENTINEL.format("locations"))
_QUOTED_ROADS = json.dumps(_SENTINEL.format("roads"))
_QUOTED_FIRED = json.dumps(_SENTINEL.format("fired"))
