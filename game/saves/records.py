"""What each record of a save must hold: the header, the embedded scenario, a turn, the end.

Each check takes a parsed line (`Raw`: its number, text and object) and gives the record as
the format's dataclass, or raises a `SaveError` naming the file, line, column and field.
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

from game.errors import Diagnostic, SaveError
from game.saves.format import (
    END_KEYS,
    FORMAT_NAME,
    HEADER_KEYS,
    MAX_ORDERS_PER_TURN,
    MAX_TURNS,
    SCENARIO_KEYS,
    SCENARIO_REF_KEYS,
    TURN_KEYS,
    TURN_REQUIRED,
    SaveHeader,
    ScenarioRef,
    TurnLine,
    text_sha256,
)
from game.saves.migrate import Raw

_HASH = re.compile(r"[0-9a-f]{16,128}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters a header string may not hold: shown on a terminal (the Load list, verify's
# summary), C0/C1 controls could clear the screen or retitle the window, bidirectional controls
# make text read in another order than it is stored, line separators fake lines.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

HINT_DAMAGED = "the file is damaged or is not a Corridor save; load another save or an autosave"
HINT_TRUNCATED = (
    "the file was cut short (an interrupted copy, a full disk); load the previous autosave "
    "(*.prev.jsonl) or another save"
)
HINT_EDITED = (
    "the file was changed after Corridor wrote it; saves are checksummed and cannot be edited "
    "by hand; load another save"
)
HINT_FIELDS = (
    "it was written by another Corridor version or edited by hand; use the Corridor that wrote it"
)


def save_error(
    path: str,
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    hint: str | None = HINT_DAMAGED,
    key: str | None = None,
) -> SaveError:
    return SaveError(
        [Diagnostic(file=path, message=message, line=line, column=column, hint=hint, key=key)]
    )


def key_column(text: str, key: str) -> int | None:
    """The 1-based column of `"key"` in a line, if it is there."""
    found = text.find(f'"{key}"')
    return found + 1 if found >= 0 else None


def is_int(value: object) -> TypeGuard[int]:
    return type(value) is int


def _check_keys(
    path: str, raw: Raw, allowed: tuple[str, ...], required: tuple[str, ...], what: str
) -> None:
    record = raw.record
    for key in record:
        if key not in allowed:
            raise save_error(
                path,
                f"unknown field {key!r} in the {what}",
                line=raw.line,
                column=key_column(raw.text, key),
                hint=f"the {what} holds {', '.join(allowed)}; {HINT_FIELDS}",
                key=key,
            )
    for key in required:
        if key not in record:
            raise save_error(
                path,
                f"the {what} lacks the field {key!r}",
                line=raw.line,
                hint=HINT_DAMAGED,
                key=key,
            )


def _bad(path: str, raw: Raw, key: str, expected: str, shown: Any = None) -> SaveError:
    value = raw.record.get(key) if shown is None else shown
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return save_error(
        path,
        f"{key} must be {expected}, not {text}",
        line=raw.line,
        column=key_column(raw.text, key.rsplit(".", 1)[-1]),
        key=key,
    )


def check_kind(path: str, raw: Raw, expected: str, what: str) -> None:
    kind = raw.record.get("kind")
    if kind != expected:
        raise save_error(
            path,
            f"expected {what} (kind {expected!r}) here, found kind {kind!r}",
            line=raw.line,
            column=key_column(raw.text, "kind") or 1,
            hint=HINT_TRUNCATED if kind == "end" else HINT_DAMAGED,
        )


def check_header(path: str, raw: Raw, migrated_from: int | None) -> SaveHeader:
    """The header line; a file upgraded from an older format may lack the initial hash."""
    check_kind(path, raw, FORMAT_NAME, "the save header")
    _check_keys(path, raw, HEADER_KEYS, HEADER_KEYS, "save header")
    r = raw.record
    if not isinstance(r["game_version"], str) or len(r["game_version"]) > 64:
        raise _bad(path, raw, "game_version", "a version string")
    _check_text(path, raw, "game_version", r["game_version"])
    ref = r["scenario"]
    if not isinstance(ref, dict):
        raise _bad(path, raw, "scenario", "an object with id, title, path, sha256")
    sub = Raw(raw.line, raw.text, ref)
    _check_keys(path, sub, SCENARIO_REF_KEYS, SCENARIO_REF_KEYS, "scenario reference")
    for key in ("id", "title"):
        if not isinstance(ref[key], str) or len(ref[key]) > 400:
            raise _bad(path, sub, key, "a string", shown=ref[key])
        _check_text(path, sub, key, ref[key])
    where = ref["path"]
    if where is not None and (not isinstance(where, str) or len(where) > 4096):
        raise _bad(path, sub, "path", "a file path or null", shown=where)
    if where is not None:
        _check_text(path, sub, "path", where)
    if not isinstance(ref["sha256"], str) or not _SHA256.fullmatch(ref["sha256"]):
        raise _bad(path, sub, "sha256", "64 lowercase hex digits", shown=ref["sha256"])
    seed = r["seed"]
    if not is_int(seed) or not 0 <= seed < 2**63:
        raise _bad(path, raw, "seed", "a whole number from 0 to 2**63-1")
    if r["difficulty"] is not None and (
        not isinstance(r["difficulty"], str) or not 0 < len(r["difficulty"]) <= 100
    ):
        raise _bad(path, raw, "difficulty", "a difficulty id or null")
    if r["difficulty"] is not None:
        _check_text(path, raw, "difficulty", r["difficulty"])
    if not is_int(r["turns"]) or not 0 < r["turns"] <= MAX_TURNS:
        raise _bad(path, raw, "turns", f"a whole number from 1 to {MAX_TURNS}")
    if not is_int(r["snapshot_every"]) or not 0 <= r["snapshot_every"] <= MAX_TURNS:
        raise _bad(path, raw, "snapshot_every", "a whole number, 0 for no snapshots")
    initial = r["initial_hash"]
    if not (
        (isinstance(initial, str) and _HASH.fullmatch(initial))
        or (initial is None and migrated_from is not None)
    ):
        raise _bad(path, raw, "initial_hash", "a lowercase hex state hash")
    return SaveHeader(
        scenario=ScenarioRef(ref["id"], ref["title"], ref["path"], ref["sha256"]),
        seed=seed,
        difficulty=r["difficulty"],
        turns=r["turns"],
        initial_hash=initial,
        game_version=r["game_version"],
        snapshot_every=r["snapshot_every"],
        migrated_from=migrated_from,
    )


def _check_text(path: str, raw: Raw, key: str, value: str) -> None:
    """Refuse a header string holding a control character (see `_UNSAFE`)."""
    bad = _UNSAFE.search(value)
    if bad is not None:
        raise save_error(
            path,
            f"{key} holds the control character U+{ord(bad.group()):04X}, which Corridor "
            "never writes",
            line=raw.line,
            column=key_column(raw.text, key),
            hint=HINT_EDITED,
            key=key,
        )


def check_scenario(path: str, raw: Raw, header: SaveHeader) -> str:
    """The embedded scenario's text, which must be the file the header names by sha256."""
    check_kind(path, raw, "scenario", "the embedded scenario")
    _check_keys(path, raw, SCENARIO_KEYS, SCENARIO_KEYS, "embedded scenario")
    text = raw.record["text"]
    if not isinstance(text, str) or not text:
        raise _bad(path, raw, "text", "the scenario file's text")
    if text_sha256(text) != header.scenario.sha256:
        raise save_error(
            path,
            "the embedded scenario does not match the sha256 recorded in the header",
            line=raw.line,
            column=key_column(raw.text, "text"),
            hint=HINT_EDITED,
        )
    return text


def check_turn(path: str, raw: Raw, expected: int, header: SaveHeader) -> TurnLine:
    """Turn `expected` of the game: its orders, hash and (optional) figures and snapshot."""
    _check_keys(path, raw, TURN_KEYS, TURN_REQUIRED, "turn record")
    r = raw.record
    if not is_int(r["turn"]) or r["turn"] != expected:
        raise _bad(path, raw, "turn", f"{expected} (turns are numbered in order)")
    if expected > header.turns:
        raise save_error(
            path,
            f"has turn {expected} but the game lasts {header.turns} turns",
            line=raw.line,
            hint=HINT_EDITED,
        )
    orders = r["orders"]
    if not isinstance(orders, list) or len(orders) > MAX_ORDERS_PER_TURN:
        raise _bad(path, raw, "orders", f"a list of at most {MAX_ORDERS_PER_TURN} orders")
    for index, order in enumerate(orders):
        if not isinstance(order, dict) or not isinstance(order.get("kind"), str):
            raise _bad(path, raw, f"orders[{index}]", 'an order object with a "kind"', order)
    if not isinstance(r["hash"], str) or not _HASH.fullmatch(r["hash"]):
        raise _bad(path, raw, "hash", "a lowercase hex state hash")
    date = r.get("date")
    if date is not None and (not isinstance(date, str) or not _DATE.fullmatch(date)):
        raise _bad(path, raw, "date", "a date YYYY-MM-DD or null")
    figures = r.get("figures")
    if figures is not None and (
        not isinstance(figures, dict) or any(isinstance(v, (dict, list)) for v in figures.values())
    ):
        raise _bad(path, raw, "figures", "an object of named numbers")
    snapshot = r.get("snapshot")
    if snapshot is not None and not isinstance(snapshot, dict):
        raise _bad(path, raw, "snapshot", "a state object")
    return TurnLine(
        turn=expected,
        orders=tuple(orders),
        hash=r["hash"],
        date=date,
        figures=figures,
        snapshot=snapshot,
        line=raw.line,
    )


def check_end(path: str, raw: Raw, count: int, digest: str | None) -> None:
    """The end record: the number of turns read and the checksum of every line before it
    (`digest`; None for a file upgraded from a format without one)."""
    _check_keys(path, raw, END_KEYS, END_KEYS, "end record")
    r = raw.record
    if not is_int(r["turns"]) or r["turns"] != count:
        raise save_error(
            path,
            f"the end record counts {r['turns']!r} turns but the file holds {count}",
            line=raw.line,
            column=key_column(raw.text, "turns"),
            hint=HINT_EDITED,
        )
    if digest is not None and r["sha256"] != digest:
        raise save_error(
            path,
            "the checksum in the end record does not match the file's content",
            line=raw.line,
            column=key_column(raw.text, "sha256"),
            hint=HINT_EDITED,
        )
