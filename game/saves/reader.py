"""Reading saves strictly and streaming: every problem is a `SaveError` with file, line, column,
what is wrong and what to do; nothing else escapes.

`SaveReader` yields turns one at a time (verify keeps memory flat on long games); `read_save`
reads a whole save; `read_summary` reads only what the Load screen lists.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from game.errors import Diagnostic, SaveError
from game.saves.format import (
    END_KEYS,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_KEYS,
    MAX_HEADER_LINE,
    MAX_ORDERS_PER_TURN,
    MAX_SAVE_BYTES,
    MAX_TURNS,
    MIN_TURN_LINE_CAP,
    SCENARIO_KEYS,
    SCENARIO_LINE_SLACK,
    SCENARIO_REF_KEYS,
    SNAPSHOT_KEY,
    TURN_KEYS,
    TURN_LINE_PER_SCENARIO_CHAR,
    TURN_REQUIRED,
    SaveData,
    SaveHeader,
    ScenarioRef,
    TurnLine,
    text_sha256,
)
from game.saves.migrate import MIGRATIONS, MigrationError, Raw, migrate

_HASH = re.compile(r"[0-9a-f]{16,128}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOM = b"\xef\xbb\xbf"
MAX_NUMBER_DIGITS = 40
# JSON can write a UTF-16 surrogate as an escape (\ud800); alone it is no character, and the
# string it decodes to cannot be encoded (hashed, saved again, printed). A pair is one character.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.S)

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


class _Reject(ValueError):
    """A JSON value the save format refuses (duplicate key, NaN, a 1,000-digit number)."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Reject(f"the key {key!r} appears twice in one record")
            seen.add(key)
    return result


def _constant(name: str) -> Any:
    raise _Reject(f"{name} is not a number a save may hold")


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Reject(f"a number with {len(text)} digits is too long for a save")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS * 2:
        raise _Reject(f"a number written with {len(text)} characters is too long for a save")
    value = float(text)
    if not math.isfinite(value):
        raise _Reject(f"{text} is out of range for a number in a save")
    return value


_DECODER = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_int, parse_float=_float
)
# The strict decoder's hooks run in Python for every object and whole number, which makes it
# several times slower than json's C decoder on a turn with a snapshot. The fast decoder keeps
# only the hooks for floats and constants; what it leaves out is checked after decoding
# (`_fast_decode`), and any doubt sends the line to the strict decoder, which gives the value
# or the exact error.
_FAST_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float)
_INT_BOUNDS = (-(10**39), 10**40)  # exclusive: the whole numbers written in 40 characters


def _fast_decode(text: str) -> Any:
    """The value of a line, if the fast decoder shows that the strict one would give the same
    (no duplicate key, no whole number longer than 40 digits); else None."""
    try:
        value = _FAST_DECODER.decode(text)
    except (ValueError, RecursionError):  # JSONDecodeError and _Reject are ValueErrors
        return None
    if type(value) is not dict:
        return None
    low, high = _INT_BOUNDS
    pairs = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            pairs += len(item)
            item = item.values()
        for element in item:
            kind = type(element)
            if kind is int:
                if not low < element < high:
                    return None
            elif kind is dict or kind is list:
                stack.append(element)
    # Every key/value pair is written with one colon, so a line with as many colons as its
    # objects hold keys has no key twice (a duplicate would leave a colon over; so may a colon
    # inside a string, which only costs the strict decoder's time).
    return value if pairs == text.count(":") else None


def _error(
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


def _column(text: str, key: str) -> int | None:
    found = text.find(f'"{key}"')
    return found + 1 if found >= 0 else None


def _lone_surrogate(text: str) -> int | None:
    """The 1-based column of the first escaped surrogate in `text` (a line of valid JSON) that
    is not half of a high-low pair, or None. Escapes are read left to right, so an escaped
    backslash before `u` is never taken for the start of one."""
    pending: re.Match[str] | None = None  # a high surrogate waiting for its low half
    for match in _ESCAPE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else -1
        if pending is not None:
            if 0xDC00 <= code <= 0xDFFF and match.start() == pending.end():
                pending = None
                continue
            return pending.start() + 1
        if 0xD800 <= code <= 0xDBFF:
            pending = match
        elif 0xDC00 <= code <= 0xDFFF:
            return match.start() + 1
    return pending.start() + 1 if pending is not None else None


def _is_int(value: Any) -> bool:
    return type(value) is int


@dataclass(frozen=True, slots=True)
class DeferredSnapshot:
    """A turn's snapshot left unparsed (`SaveReader(defer_snapshots=True)`): its JSON text, as
    the writer puts it, last in its line. The rest of the line was read and checked; whether
    the whole line reads is known only after `SaveReader.resolve`."""

    text: str
    line_text: str


class SaveReader:
    """A save file opened for reading: `header` and `scenario_text` at once, turns on demand.

    Use as a context manager; `turns()` can be iterated once. The checksum, the turn count and
    the end of the file are checked when the last turn has been read."""

    def __init__(
        self, path: str | os.PathLike, *, keep_text: bool = False, defer_snapshots: bool = False
    ) -> None:
        self.path = os.fspath(path)
        self.keep_text = keep_text  # TurnLine.text: the line as read (verify checks snapshots)
        # verify: a snapshot is left as text (DeferredSnapshot), to compare with the replayed
        # state's; `resolve` reads the line in full when that is not enough
        self.defer_snapshots = defer_snapshots
        self._file = self._open()
        self._digest = hashlib.sha256()
        self._read = 0
        self._consumed = False
        try:
            self._records = self._start()
            self.header = self._header(next(self._records))
            self.scenario_text = self._scenario(self._next("the embedded scenario"))
        except BaseException:
            self.close()
            raise

    # -- file and lines ------------------------------------------------------------------------

    def _open(self):
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            raise _error(self.path, "no such save file", hint="check the file name") from None
        except OSError as error:
            raise _error(self.path, f"cannot read: {error.strerror}", hint=None) from None
        if not stat.S_ISREG(info.st_mode):
            raise _error(self.path, "is not a regular file", hint="give the path of a .jsonl save")
        if info.st_size > MAX_SAVE_BYTES:
            raise _error(
                self.path,
                f"is {info.st_size / 1e6:.1f} MB, more than the {MAX_SAVE_BYTES // 2**20} MiB "
                "a save may be",
                hint="a real save is far smaller: " + HINT_DAMAGED,
            )
        if info.st_size == 0:
            raise _error(self.path, "is empty", hint=HINT_TRUNCATED)
        try:
            return open(self.path, "rb")
        except OSError as error:
            raise _error(self.path, f"cannot read: {error.strerror}", hint=None) from None

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> SaveReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line_cap(self, number: int) -> tuple[int, str]:
        """The longest line `number` may be, and what it holds (for the message)."""
        if number > 2 or (number == 2 and getattr(self, "_migrated_from", None) is not None):
            text = getattr(self, "scenario_text", None)
            if text is not None:
                cap = max(MIN_TURN_LINE_CAP, TURN_LINE_PER_SCENARIO_CHAR * len(text))
                return cap, "a turn record of this game"
        from game.scenario import loader  # its size cap may be raised in-process (benchmarks)

        return 2 * loader.MAX_BYTES + SCENARIO_LINE_SLACK, "the embedded scenario"

    def _too_long(self, number: int, cap: int, what: str) -> SaveError:
        return _error(
            self.path,
            f"line {number} is longer than {what} may be ({cap:,} bytes)",
            line=number,
            hint=HINT_DAMAGED,
        )

    def _lines(self) -> Iterator[Raw]:
        number = 0
        while True:
            cap, what = self._line_cap(number + 1)
            raw = self._file.readline(cap + 1)
            if not raw:
                return
            number += 1
            self._read += len(raw)
            if self._read > MAX_SAVE_BYTES:
                raise _error(self.path, "grew beyond the size a save may be", line=number)
            if len(raw) > cap:  # refused unread: the rest of the line is never parsed
                if number == 1:
                    raise self._too_long(number, MAX_HEADER_LINE, "a save header")
                raise self._too_long(number, cap, what)
            if number == 1 and len(raw) > MAX_HEADER_LINE and b'"scenario_yaml"' not in raw:
                # Only a format-0 header holds a scenario (under that key); any other is small.
                raise self._too_long(number, MAX_HEADER_LINE, "a save header")
            if number == 1 and raw.startswith(_BOM):
                raise _error(
                    self.path,
                    "starts with a byte-order mark; Corridor saves are UTF-8 without one",
                    line=1,
                    column=1,
                    hint=HINT_EDITED,
                )
            if not raw.endswith(b"\n"):
                raise _error(
                    self.path,
                    f"line {number} is cut off (the file ends in the middle of a line)",
                    line=number,
                    hint=HINT_TRUNCATED,
                )
            if raw.endswith(b"\r\n"):
                raise _error(
                    self.path,
                    "has Windows line endings (CRLF); Corridor writes LF only",
                    line=number,
                    column=len(raw) - 1,
                    hint="an editor or a text-mode transfer converted it: " + HINT_EDITED,
                )
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                column = len(raw[: error.start].decode("utf-8", "replace")) + 1
                raise _error(self.path, "is not UTF-8 text", line=number, column=column) from None
            yield Raw(number, text, self._record(text, number))
            self._digest.update(raw)

    def _record(self, text: str, number: int) -> dict[str, Any]:
        """The line's object; with `defer_snapshots`, a turn line ending in a snapshot is read
        up to it, the snapshot kept as text. A line that reads as `{...}` with the snapshot
        member cut off, and has no snapshot key before, reads in full as that object plus the
        snapshot, if the snapshot's text reads; `resolve` finds out when needed."""
        if self.defer_snapshots and number > 2 and self._migrated_from is None:
            cut = text.rfind(SNAPSHOT_KEY)
            if cut > 0 and text.endswith("}\n") and not _SURROGATE_HINT.search(text):
                try:
                    record = self._parse(text[:cut] + "}", number)
                except SaveError:
                    record = None  # read in full below, for the exact error
                if record is not None and "snapshot" not in record:
                    record["snapshot"] = DeferredSnapshot(text[cut + len(SNAPSHOT_KEY) : -2], text)
                    return record
        return self._parse(text, number)

    def resolve(self, line: TurnLine) -> TurnLine:
        """`line` as the reader gives it without deferring: its snapshot parsed and checked
        (`SaveError` where the line does not read, as it would have been when read)."""
        snapshot = line.snapshot
        if not isinstance(snapshot, DeferredSnapshot):
            return line
        raw = Raw(line.line, snapshot.line_text, self._parse(snapshot.line_text, line.line))
        return self._turn(raw, line.turn)

    def _parse(self, text: str, number: int) -> dict[str, Any]:
        if not text.strip():
            raise _error(self.path, "has an empty line", line=number, column=1)
        try:
            value = _fast_decode(text)
            if value is None:
                value = _DECODER.decode(text)
        except json.JSONDecodeError as error:
            raise _error(
                self.path, f"is not valid JSON: {error.msg}", line=number, column=error.colno
            ) from None
        except _Reject as error:
            raise _error(self.path, str(error), line=number) from None
        except RecursionError:
            raise _error(self.path, "nests values too deeply", line=number) from None
        except ValueError as error:
            raise _error(self.path, f"holds a value a save cannot: {error}", line=number) from None
        if not isinstance(value, dict):
            raise _error(self.path, "each line must be a JSON object {...}", line=number, column=1)
        if _SURROGATE_HINT.search(text):
            column = _lone_surrogate(text)
            if column is not None:
                raise _error(
                    self.path,
                    f"holds the escape {text[column - 1 : column + 5]}, half of a UTF-16 "
                    "surrogate pair, which is not a character",
                    line=number,
                    column=column,
                    hint="Corridor never writes one: the file was edited or made by another "
                    "program; load another save",
                )
        return value

    def _start(self) -> Iterator[Raw]:
        lines = self._lines()
        first = next(lines)  # the file is not empty (checked in _open)
        version = first.record.get("format_version")
        if not _is_int(version):
            if first.record.get("kind") == FORMAT_NAME or "format_version" in first.record:
                raise _error(
                    self.path,
                    "format_version must be a whole number",
                    line=1,
                    column=_column(first.text, "format_version"),
                )
            raise _error(
                self.path,
                "is not a Corridor save (its first line has no format_version)",
                line=1,
                column=1,
            )
        if version > FORMAT_VERSION:
            raise _error(
                self.path,
                f"was made by save format version {version} (Corridor "
                f"{first.record.get('game_version', '?')}); this Corridor reads versions up to "
                f"{FORMAT_VERSION}",
                line=1,
                column=_column(first.text, "format_version"),
                hint="update Corridor to load this save",
            )
        if version < FORMAT_VERSION:
            missing = [v for v in range(version, FORMAT_VERSION) if v not in MIGRATIONS]
            if missing:
                raise _error(
                    self.path,
                    f"was made by save format version {version}; this is version "
                    f"{FORMAT_VERSION} and there is no migration from version {missing[0]}",
                    line=1,
                    hint="load it with the Corridor release that wrote it",
                )
            self._migrated_from = version
            return self._migrating(migrate(version, first, lines))
        self._migrated_from = None
        return _prepend(first, lines)

    def _migrating(self, stream: Iterator[Raw]) -> Iterator[Raw]:
        try:
            yield from stream
        except MigrationError as error:
            raise _error(
                self.path,
                f"cannot be upgraded from format {self._migrated_from}: {error.message}",
                line=error.raw.line,
                hint=error.hint or HINT_DAMAGED,
            ) from None

    def _next(self, what: str) -> Raw:
        try:
            return next(self._records)
        except StopIteration:
            raise _error(self.path, f"ends before {what}", line=None, hint=HINT_TRUNCATED) from None

    # -- records ---------------------------------------------------------------------------------

    def _check_keys(self, raw: Raw, allowed: tuple[str, ...], required: tuple[str, ...], what: str):
        record = raw.record
        for key in record:
            if key not in allowed:
                raise _error(
                    self.path,
                    f"unknown field {key!r} in the {what}",
                    line=raw.line,
                    column=_column(raw.text, key),
                    hint=f"the {what} holds {', '.join(allowed)}; {HINT_FIELDS}",
                    key=key,
                )
        for key in required:
            if key not in record:
                raise _error(
                    self.path,
                    f"the {what} lacks the field {key!r}",
                    line=raw.line,
                    hint=HINT_DAMAGED,
                    key=key,
                )

    def _bad(self, raw: Raw, key: str, expected: str, shown: str | None = None) -> SaveError:
        value = raw.record.get(key) if shown is None else shown
        text = repr(value)
        if len(text) > 60:
            text = text[:57] + "..."
        return _error(
            self.path,
            f"{key} must be {expected}, not {text}",
            line=raw.line,
            column=_column(raw.text, key.rsplit(".", 1)[-1]),
            key=key,
        )

    def _kind(self, raw: Raw, expected: str, what: str) -> None:
        kind = raw.record.get("kind")
        if kind != expected:
            raise _error(
                self.path,
                f"expected {what} (kind {expected!r}) here, found kind {kind!r}",
                line=raw.line,
                column=_column(raw.text, "kind") or 1,
                hint=HINT_TRUNCATED if kind == "end" else HINT_DAMAGED,
            )

    def _header(self, raw: Raw) -> SaveHeader:
        self._kind(raw, FORMAT_NAME, "the save header")
        self._check_keys(raw, HEADER_KEYS, HEADER_KEYS, "save header")
        r = raw.record
        if not isinstance(r["game_version"], str) or len(r["game_version"]) > 64:
            raise self._bad(raw, "game_version", "a version string")
        ref = r["scenario"]
        if not isinstance(ref, dict):
            raise self._bad(raw, "scenario", "an object with id, title, path, sha256")
        sub = Raw(raw.line, raw.text, ref)
        self._check_keys(sub, SCENARIO_REF_KEYS, SCENARIO_REF_KEYS, "scenario reference")
        for key in ("id", "title"):
            if not isinstance(ref[key], str) or len(ref[key]) > 400:
                raise self._bad(sub, key, "a string", shown=ref[key])
        path = ref["path"]
        if path is not None and (not isinstance(path, str) or len(path) > 4096):
            raise self._bad(sub, "path", "a file path or null", shown=ref["path"])
        if not isinstance(ref["sha256"], str) or not _SHA256.fullmatch(ref["sha256"]):
            raise self._bad(sub, "sha256", "64 lowercase hex digits", shown=ref["sha256"])
        seed = r["seed"]
        if not _is_int(seed) or not 0 <= seed < 2**63:
            raise self._bad(raw, "seed", "a whole number from 0 to 2**63-1")
        if r["difficulty"] is not None and (
            not isinstance(r["difficulty"], str) or not 0 < len(r["difficulty"]) <= 100
        ):
            raise self._bad(raw, "difficulty", "a difficulty id or null")
        if not _is_int(r["turns"]) or not 0 < r["turns"] <= MAX_TURNS:
            raise self._bad(raw, "turns", f"a whole number from 1 to {MAX_TURNS}")
        if not _is_int(r["snapshot_every"]) or not 0 <= r["snapshot_every"] <= MAX_TURNS:
            raise self._bad(raw, "snapshot_every", "a whole number, 0 for no snapshots")
        initial = r["initial_hash"]
        if not (
            (isinstance(initial, str) and _HASH.fullmatch(initial))
            or (initial is None and self._migrated_from is not None)
        ):
            raise self._bad(raw, "initial_hash", "a lowercase hex state hash")
        return SaveHeader(
            scenario=ScenarioRef(ref["id"], ref["title"], ref["path"], ref["sha256"]),
            seed=seed,
            difficulty=r["difficulty"],
            turns=r["turns"],
            initial_hash=initial,
            game_version=r["game_version"],
            snapshot_every=r["snapshot_every"],
            migrated_from=self._migrated_from,
        )

    def _scenario(self, raw: Raw) -> str:
        self._kind(raw, "scenario", "the embedded scenario")
        self.scenario_line = raw.line
        self._check_keys(raw, SCENARIO_KEYS, SCENARIO_KEYS, "embedded scenario")
        text = raw.record["text"]
        if not isinstance(text, str) or not text:
            raise self._bad(raw, "text", "the scenario file's text")
        if text_sha256(text) != self.header.scenario.sha256:
            raise _error(
                self.path,
                "the embedded scenario does not match the sha256 recorded in the header",
                line=raw.line,
                column=_column(raw.text, "text"),
                hint=HINT_EDITED,
            )
        return text

    def _turn(self, raw: Raw, expected: int) -> TurnLine:
        self._check_keys(raw, TURN_KEYS, TURN_REQUIRED, "turn record")
        r = raw.record
        if not _is_int(r["turn"]) or r["turn"] != expected:
            raise self._bad(raw, "turn", f"{expected} (turns are numbered in order)")
        if expected > self.header.turns:
            raise _error(
                self.path,
                f"has turn {expected} but the game lasts {self.header.turns} turns",
                line=raw.line,
                hint=HINT_EDITED,
            )
        orders = r["orders"]
        if not isinstance(orders, list) or len(orders) > MAX_ORDERS_PER_TURN:
            raise self._bad(raw, "orders", f"a list of at most {MAX_ORDERS_PER_TURN} orders")
        for index, order in enumerate(orders):
            if not isinstance(order, dict) or not isinstance(order.get("kind"), str):
                raise self._bad(
                    raw, f"orders[{index}]", 'an order object with a "kind"', shown=order
                )
        if not isinstance(r["hash"], str) or not _HASH.fullmatch(r["hash"]):
            raise self._bad(raw, "hash", "a lowercase hex state hash")
        date = r.get("date")
        if date is not None and (not isinstance(date, str) or not _DATE.fullmatch(date)):
            raise self._bad(raw, "date", "a date YYYY-MM-DD or null")
        figures = r.get("figures")
        if figures is not None and (
            not isinstance(figures, dict)
            or any(isinstance(v, (dict, list)) for v in figures.values())
        ):
            raise self._bad(raw, "figures", "an object of named numbers")
        snapshot = r.get("snapshot")
        if snapshot is not None and not isinstance(snapshot, (dict, DeferredSnapshot)):
            raise self._bad(raw, "snapshot", "a state object")
        return TurnLine(
            turn=expected,
            orders=tuple(orders),
            hash=r["hash"],
            date=date,
            figures=figures,
            snapshot=snapshot,
            line=raw.line,
            text=raw.text if self.keep_text else None,
        )

    def _end(self, raw: Raw, count: int) -> None:
        self._check_keys(raw, END_KEYS, END_KEYS, "end record")
        r = raw.record
        if not _is_int(r["turns"]) or r["turns"] != count:
            raise _error(
                self.path,
                f"the end record counts {r['turns']!r} turns but the file holds {count}",
                line=raw.line,
                column=_column(raw.text, "turns"),
                hint=HINT_EDITED,
            )
        if self._migrated_from is None:
            digest = self._digest.hexdigest()
            if r["sha256"] != digest:
                raise _error(
                    self.path,
                    "the checksum in the end record does not match the file's content",
                    line=raw.line,
                    column=_column(raw.text, "sha256"),
                    hint=HINT_EDITED,
                )
        try:
            extra = next(self._records)
        except StopIteration:
            return
        raise _error(
            self.path, "has data after its end record", line=extra.line, column=1, hint=HINT_EDITED
        )

    def turns(self) -> Iterator[TurnLine]:
        """The turns in order, each validated; checks the end record after the last one."""
        if self._consumed:
            raise RuntimeError("SaveReader.turns() can be iterated only once")
        self._consumed = True
        count = 0
        while True:
            raw = self._next(f"its end record (after turn {count})")
            if raw.record.get("kind") == "end":
                self._end(raw, count)
                return
            self._kind(raw, "turn", "a turn record")
            count += 1
            yield self._turn(raw, count)


def _prepend(first: Raw, rest: Iterator[Raw]) -> Iterator[Raw]:
    yield first
    yield from rest


def read_save(path: str | os.PathLike) -> SaveData:
    """A whole save, validated (checksum included); `SaveError` on any problem."""
    with SaveReader(path) as reader:
        turns = tuple(reader.turns())
        return SaveData(
            reader.path, reader.header, reader.scenario_text, turns, reader.scenario_line
        )
