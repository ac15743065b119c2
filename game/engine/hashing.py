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
from operator import attrgetter, is_, itemgetter
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

        sample = _TEMPLATE_SAMPLES.get(cls)
        if sample is not None:
            enc = _template_encoder(cls, names, sample(), enc)
        _ENCODERS[cls] = enc
    return enc


# Records hashed every turn, with a sample whose values have the types their fields declare.
_TEMPLATE_SAMPLES: dict[type, Any] = {
    LocationState: lambda: LocationState("", "", 0, 0, 0, 0),
    Counters: Counters,
    Day: Day,
    Resources: lambda: Resources(0, 0, 0),
}


def _template_encoder(cls: type, fields_: tuple[str, ...], sample: Any, general: Any) -> Any:
    """The hot case of `_encoder`: a record whose fields hold the types they are declared with
    (those of `sample`) is written through one %-format template (ints with %d, floats with
    repr, as json does), by a function generated once from the field list; anything else (a
    float where an int belongs, NaN, ...) goes to the general encoder, so the text is always
    exactly json's."""
    is_tuple = issubclass(cls, tuple)  # a named tuple is its own tuple of values
    values_of = attrgetter(*fields_) if len(fields_) > 1 and not is_tuple else None
    if not is_tuple and values_of is None:
        return general
    types = tuple(type(value) for value in (sample if is_tuple else values_of(sample)))
    names = [f"v{k}" for k in range(len(fields_))]
    pieces, values = [], []
    for k in sorted(range(len(fields_)), key=fields_.__getitem__):
        kind, name = types[k], names[k]
        key = encode_basestring_ascii(fields_[k])
        if kind is int:
            pieces.append(f"{key}:%d")
            values.append(name)
        elif kind is float:
            pieces.append(f"{key}:%r")  # float repr, as json writes a finite float
            values.append(name)
        elif kind is str:
            pieces.append(f"{key}:%s")
            values.append(f"(strings.get({name}) or quote({name}))")
        elif kind is bool:
            pieces.append(f"{key}:%s")
            values.append(f"('true' if {name} else 'false')")
        elif kind is tuple:
            pieces.append(f"{key}:%s")
            values.append(f"(''.join(c_encode({name}, 0)) if {name} else '[]')")
        else:  # pragma: no cover - a new field type needs a case here
            raise TypeError(f"{cls.__name__}.{fields_[k]}: no template for {kind.__name__}")
    floats = [names[k] for k, kind in enumerate(types) if kind is float]
    template = "{" + ",".join(pieces) + "}"
    source = (
        "def enc(obj):\n"
        + ("    values = obj\n" if is_tuple else "    values = values_of(obj)\n")
        + "    if tuple(map(type, values)) != types:\n"
        "        return general(obj)\n"
        f"    {', '.join(names)}, = values\n"
    )
    if floats:  # a sum of floats is finite only if each one is (inf - inf is NaN); json
        # refuses NaN and infinities with its own error, so those go to the general encoder
        source += f"    if not isfinite({' + '.join(floats)}):\n        return general(obj)\n"
    source += f"    return {template!r} % ({', '.join(values)},)\n"
    strings: dict[str, str] = {}

    def quote(text: str) -> str:
        if len(strings) > 100_000:
            strings.clear()
        quoted = strings[text] = encode_basestring_ascii(text)
        return quoted

    namespace = {
        "types": types,
        "values_of": values_of,
        "general": general,
        "isfinite": math.isfinite,
        "strings": strings,
        "quote": quote,
        "c_encode": _C_ENCODE,
    }
    exec(source, namespace)  # generated from the record's own field list
    return namespace["enc"]


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
    return hashlib.sha256(state_text(state).encode()).hexdigest()


def state_text(state: State) -> str:
    """`canonical_json(state_to_dict(state))`, the text `state_hash` hashes (ASCII)."""
    text = _state_text(state)
    return text if text is not None else _general_text(state)


def _general_text(state: State) -> str:
    """`canonical_json(state_to_dict(state))` for any state, places memoised by identity."""
    global _FRAGMENTS
    previous: dict[Any, Any] = _FRAGMENTS
    current: dict[Any, Any] = {}
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
    return text


# The fast path: the top level of a state whose scalars have their declared types, written
# through one %-format template with its keys in sorted order (json's text, as in
# `_location_encoder`). Each value's format, by key of `state_to_dict`:
_TOP_FORMATS = {
    "version": "%d",
    "turn": "%d",
    "date": '"%s"',  # an ISO date is ASCII digits and dashes: json writes it as it is
    "seed": "%d",
    "difficulty": "%s",
    "event_odds": "%r",
    "locations": "[%s]",
    "roads": "[%s]",
    "resources": "%s",
    "counters": "%s",
    "day": "%s",
    "convoys": "%s",
    "transit": "%s",
    "pending": "%s",
    "fired": "%s",
    "diplomacy_bonus": "%r",
    "diplomacy_days": "%d",
    "next_convoy_id": "%d",
    "game_over": "%s",
}
_TOP_ORDER = tuple(sorted(_TOP_FORMATS))
_TOP_TEMPLATE = (
    "{" + ",".join(f"{encode_basestring_ascii(k)}:{_TOP_FORMATS[k]}" for k in _TOP_ORDER) + "}"
)
_TOP_VALUES = itemgetter(*_TOP_ORDER)
_TOP_SCALARS = attrgetter(
    "turn",
    "seed",
    "event_odds",
    "diplomacy_bonus",
    "diplomacy_days",
    "next_convoy_id",
    "game_over",
)
_TOP_TYPES = (int, int, float, float, int, int, bool)


def _record_json(record: Any) -> str:
    """`canonical_json(_plain(record))` for a record of state (a place, a road, counters...)."""
    cls = type(record)
    return (_ENCODERS.get(cls) or _encoder(cls))(record)


def _aligned_json(key: str, records: tuple) -> str:
    """The canonical JSON of a tuple of records, joined with commas; a record is encoded
    again only when it is not the very object at its position in the last tuple seen under
    `key` (cached in `_FRAGMENTS`, so that clearing it makes the next hash cold)."""
    cached = _FRAGMENTS.get(key)
    if cached is not None and len(cached[0]) == len(records):
        last, texts, joined = cached
        if all(map(is_, last, records)):
            return joined
        texts = [
            text if old is new else _record_json(new)
            for old, new, text in zip(last, records, texts, strict=True)
        ]
    else:
        texts = [_record_json(record) for record in records]
    joined = ",".join(texts)
    _FRAGMENTS[key] = (records, texts, joined)
    return joined


def _same_json(key: str, value: Any, encode: Any) -> str:
    """`encode(value)`, reused while `value` is the same object as last time under `key`."""
    cached = _FRAGMENTS.get(key)
    if cached is not None and cached[0] is value:
        return cached[1]
    text = encode(value)
    _FRAGMENTS[key] = (value, text)
    return text


def _list_json(records: tuple) -> str:
    return "[" + ",".join(map(_record_json, records)) + "]" if records else "[]"


def _state_text(state: State) -> str | None:
    """`canonical_json(state_to_dict(state))` by the fast path, or None when a top-level value
    is not of its declared type (the general path then gives json's exact text or error)."""
    scalars = _TOP_SCALARS(state)
    if tuple(map(type, scalars)) != _TOP_TYPES or type(state.date) is not dt.date:
        return None
    turn, seed, event_odds, bonus, days, next_convoy, game_over = scalars
    if not math.isfinite(event_odds + bonus):
        return None
    difficulty = state.difficulty
    if difficulty is None:
        difficulty_json = "null"
    elif type(difficulty) is str:
        difficulty_json = encode_basestring_ascii(difficulty)
    else:
        return None
    values = {
        "version": SNAPSHOT_VERSION,
        "turn": turn,
        "date": state.date.isoformat(),
        "seed": seed,
        "difficulty": difficulty_json,
        "event_odds": event_odds,
        "locations": _aligned_json("locations", state.locations),
        "roads": _aligned_json("roads", state.roads),
        "resources": _same_json("resources", state.resources, _record_json),
        "counters": _same_json("counters", state.counters, _record_json),
        "day": _same_json("day", state.day, _record_json),
        "convoys": _same_json("convoys", state.convoys, _list_json),
        "transit": _same_json("transit", state.transit, _list_json),
        "pending": _same_json("pending", state.pending, _list_json),
        "fired": _same_json("fired", state.fired, _fired_text),
        "diplomacy_bonus": bonus,
        "diplomacy_days": days,
        "next_convoy_id": next_convoy,
        "game_over": "true" if game_over else "false",
    }
    return _TOP_TEMPLATE % _TOP_VALUES(values)


def _fired_text(fired: tuple) -> str:
    return "".join(_C_ENCODE_SORTED([[eid, turn] for eid, turn in fired], 0))


_QUOTED_LOCATIONS = json.dumps(_SENTINEL.format("locations"))
_QUOTED_ROADS = json.dumps(_SENTINEL.format("roads"))
_QUOTED_FIRED = json.dumps(_SENTINEL.format("fired"))
