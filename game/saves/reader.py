"""Reading saves strictly and streaming: every problem is a `SaveError` with file, line, column,
what is wrong and what to do; nothing else escapes.

`SaveReader` yields turns one at a time (verify keeps memory flat on long games); `read_save`
reads a whole save; `read_summary` reads only what the Load screen lists.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from game.errors import SaveError
from game.saves.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    SaveData,
    SaveHeader,
    SaveLimits,
    TurnLine,
)
from game.saves.migrate import MIGRATIONS, MigrationError, Raw, migrate
from game.saves.records import (
    HINT_DAMAGED,
    HINT_EDITED,
    HINT_TRUNCATED,
    check_end,
    check_header,
    check_kind,
    check_scenario,
    check_turn,
    is_int,
    key_column,
    save_error,
)
from game.saves.strict_json import JsonRefused, StrictDecoder

_BOM = b"\xef\xbb\xbf"


class SaveReader:
    """A save file opened for reading: `header` and `scenario_text` at once, turns on demand.

    Use as a context manager; `turns()` can be iterated once. The checksum, the turn count and
    the end of the file are checked when the last turn has been read. `limits`: how large
    the file and its lines may be."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        limits: SaveLimits | None = None,
        read_scenario: bool = True,
    ) -> None:
        self.path = os.fspath(path)
        self.limits = SaveLimits() if limits is None else limits
        # False (listing saves): an older format's embedded scenario is never parsed
        self.read_scenario = read_scenario
        self._json = StrictDecoder()
        self._file = self._open()
        self._digest = hashlib.sha256()
        self._read = 0
        self._consumed = False
        self._migrated_from: int | None = None  # the file's format, when older than this one
        self._turn_line_cap: int | None = None  # known once the scenario is read
        try:
            self._records = self._start()
            self.header = check_header(self.path, next(self._records), self._migrated_from)
            scenario = self._next("the embedded scenario")
            self.scenario_line = scenario.line
            self.scenario_text = check_scenario(self.path, scenario, self.header)
            self._turn_line_cap = self.limits.turn_line(self.scenario_text)
        except BaseException:
            self.close()
            raise

    # -- file and lines ------------------------------------------------------------------------

    def _open(self) -> BinaryIO:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            raise save_error(self.path, "no such save file", hint="check the file name") from None
        except OSError as error:
            raise save_error(self.path, f"cannot read: {error.strerror}", hint=None) from None
        if not stat.S_ISREG(info.st_mode):
            raise save_error(
                self.path, "is not a regular file", hint="give the path of a .jsonl save"
            )
        if info.st_size > self.limits.file_bytes:
            raise save_error(
                self.path,
                f"is {info.st_size / 1e6:.1f} MB, more than the "
                f"{self.limits.file_bytes / 2**20:g} MiB a save may be",
                hint="a real save is far smaller: " + HINT_DAMAGED,
            )
        if info.st_size == 0:
            raise save_error(self.path, "is empty", hint=HINT_TRUNCATED)
        try:
            return open(self.path, "rb")
        except OSError as error:
            raise save_error(self.path, f"cannot read: {error.strerror}", hint=None) from None

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> SaveReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line_cap(self, number: int) -> tuple[int, str]:
        """The longest line `number` may be, and what it holds (for the message)."""
        turn_line = number > 2 or (number == 2 and self._migrated_from is not None)
        if turn_line and self._turn_line_cap is not None:
            return self._turn_line_cap, "a turn record of this game"
        return self.limits.scenario_line, "the embedded scenario"

    def _too_long(self, number: int, cap: int, what: str) -> SaveError:
        return save_error(
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
            if self._read > self.limits.file_bytes:
                raise save_error(self.path, "grew beyond the size a save may be", line=number)
            if len(raw) > cap:  # refused unread: the rest of the line is never parsed
                if number == 1:
                    raise self._too_long(number, self.limits.header_line, "a save header")
                raise self._too_long(number, cap, what)
            header_cap = self.limits.header_line
            if number == 1 and len(raw) > header_cap and b'"scenario_yaml"' not in raw:
                # Only a format-0 header holds a scenario (under that key); any other is small.
                raise self._too_long(number, header_cap, "a save header")
            if number == 1 and raw.startswith(_BOM):
                raise save_error(
                    self.path,
                    "starts with a byte-order mark; Corridor saves are UTF-8 without one",
                    line=1,
                    column=1,
                    hint=HINT_EDITED,
                )
            if not raw.endswith(b"\n"):
                raise save_error(
                    self.path,
                    f"line {number} is cut off (the file ends in the middle of a line)",
                    line=number,
                    hint=HINT_TRUNCATED,
                )
            if raw.endswith(b"\r\n"):
                raise save_error(
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
                raise save_error(
                    self.path, "is not UTF-8 text", line=number, column=column
                ) from None
            yield Raw(number, text, self._parse(text, number))
            self._digest.update(raw)

    def _parse(self, text: str, number: int) -> dict[str, Any]:
        if not text.strip():
            raise save_error(self.path, "has an empty line", line=number, column=1)
        try:
            value = self._json.decode(text)
        except json.JSONDecodeError as error:
            raise save_error(
                self.path, f"is not valid JSON: {error.msg}", line=number, column=error.colno
            ) from None
        except JsonRefused as error:
            hint = error.hint or HINT_DAMAGED
            raise save_error(
                self.path, error.message, line=number, column=error.column, hint=hint
            ) from None
        except RecursionError:
            column = len(text) - len(text.lstrip()) + 1  # the value that nests too deeply
            raise save_error(
                self.path, "nests values too deeply", line=number, column=column
            ) from None
        if not isinstance(value, dict):
            raise save_error(
                self.path, "each line must be a JSON object {...}", line=number, column=1
            )
        return value

    def _start(self) -> Iterator[Raw]:
        lines = self._lines()
        first = next(lines)  # the file is not empty (checked in _open)
        version = first.record.get("format_version")
        if not is_int(version):
            if first.record.get("kind") == FORMAT_NAME or "format_version" in first.record:
                raise save_error(
                    self.path,
                    "format_version must be a whole number",
                    line=1,
                    column=key_column(first.text, "format_version"),
                )
            raise save_error(
                self.path,
                "is not a Corridor save (its first line has no format_version)",
                line=1,
                column=1,
            )
        if version > FORMAT_VERSION:
            raise save_error(
                self.path,
                f"was made by save format version {version} (Corridor "
                f"{first.record.get('game_version', '?')}); this Corridor reads versions up to "
                f"{FORMAT_VERSION}",
                line=1,
                column=key_column(first.text, "format_version"),
                hint="update Corridor to load this save",
            )
        if version < FORMAT_VERSION:
            missing = [v for v in range(version, FORMAT_VERSION) if v not in MIGRATIONS]
            if missing:
                raise save_error(
                    self.path,
                    f"was made by save format version {version}; this is version "
                    f"{FORMAT_VERSION} and there is no migration from version {missing[0]}",
                    line=1,
                    hint="load it with the Corridor release that wrote it",
                )
            self._migrated_from = version
            return self._migrating(migrate(version, first, lines, read_scenario=self.read_scenario))
        self._migrated_from = None
        return _prepend(first, lines)

    def _migrating(self, stream: Iterator[Raw]) -> Iterator[Raw]:
        try:
            yield from stream
        except MigrationError as error:
            raise save_error(
                self.path,
                f"cannot be upgraded from format {self._migrated_from}: {error.message}",
                line=error.raw.line,
                hint=error.hint or HINT_DAMAGED,
            ) from None

    def _next(self, what: str) -> Raw:
        try:
            return next(self._records)
        except StopIteration:
            raise save_error(
                self.path, f"ends before {what}", line=None, hint=HINT_TRUNCATED
            ) from None

    def _summary_by_checksum(self) -> SaveSummary:
        """`read_summary` of a current-format file: every line after the scenario hashed and
        counted as bytes; only the last turn record and the end record parsed."""
        digest = hashlib.sha256()
        cap = self.limits.turn_line(self.scenario_text)
        handle = self._file
        handle.seek(0)
        lines = [handle.readline(self.limits.header_line + 1)]  # both checked by the reader
        lines.append(handle.readline(self.limits.scenario_line + 1))
        for raw in lines:
            digest.update(raw)
        number, size = 2, sum(map(len, lines))
        last: bytes | None = None  # the last line read: the end record, if the file is whole
        before: bytes | None = None  # the line before it: the last turn
        while raw := handle.readline(cap + 1):
            number += 1
            size += len(raw)
            if len(raw) > cap or size > self.limits.file_bytes:
                raise self._too_long(number, cap, "a turn record of this game")
            if last is not None:
                digest.update(last)
            before, last = last, raw
        if last is None or not last.endswith(b"\n"):
            cut = f"line {number} is cut off (the file ends in the middle of a line)"
            message = cut if last is not None else "ends before its end record (after turn 0)"
            raise save_error(self.path, message, line=number, hint=HINT_TRUNCATED)
        end = Raw(number, last.decode("utf-8", "replace"), self._parse_line(last, number))
        turns = number - 3
        if end.record.get("kind") != "end":
            raise save_error(
                self.path,
                f"ends before its end record (after turn {turns + 1})",
                line=None,
                hint=HINT_TRUNCATED,
            )
        check_end(self.path, end, turns, digest.hexdigest())
        date = None
        if turns and before is not None:
            raw_turn = Raw(number - 1, before.decode("utf-8"), self._parse_line(before, number - 1))
            check_kind(self.path, raw_turn, "turn", "a turn record")
            date = check_turn(self.path, raw_turn, turns, self.header).date
        return SaveSummary(self.header, turns, date)

    def _parse_line(self, raw: bytes, number: int) -> dict[str, Any]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise save_error(self.path, "is not UTF-8 text", line=number) from None
        return self._parse(text, number)

    def turns(self) -> Iterator[TurnLine]:
        """The turns in order, each validated; checks the end record after the last one."""
        if self._consumed:
            raise RuntimeError("SaveReader.turns() can be iterated only once")
        self._consumed = True
        count = 0
        while True:
            raw = self._next(f"its end record (after turn {count})")
            if raw.record.get("kind") == "end":
                digest = self._digest.hexdigest() if self._migrated_from is None else None
                check_end(self.path, raw, count, digest)
                break
            check_kind(self.path, raw, "turn", "a turn record")
            count += 1
            yield check_turn(self.path, raw, count, self.header)
        try:
            extra = next(self._records)
        except StopIteration:
            return
        raise save_error(
            self.path, "has data after its end record", line=extra.line, column=1, hint=HINT_EDITED
        )


def _prepend(first: Raw, rest: Iterator[Raw]) -> Iterator[Raw]:
    yield first
    yield from rest


def read_save(path: str | os.PathLike[str], *, limits: SaveLimits | None = None) -> SaveData:
    """A whole save, validated (checksum included); `SaveError` on any problem."""
    with SaveReader(path, limits=limits) as reader:
        turns = tuple(reader.turns())
        return SaveData(
            reader.path, reader.header, reader.scenario_text, turns, reader.scenario_line
        )


@dataclass(frozen=True, slots=True)
class SaveSummary:
    """What a list of saves shows: the header, the turns played, the last turn's date."""

    header: SaveHeader
    turns: int
    date: str | None


def read_summary(path: str | os.PathLike[str], *, limits: SaveLimits | None = None) -> SaveSummary:
    """Only what the Load list shows, fast whatever the file holds: the header (checked like
    any), the turns played and the last turn's date. An embedded scenario is never parsed as
    YAML, and the turn records are not parsed one by one: the checksum in the end record finds
    any changed byte (a hand-made file with fixed checksums is refused when it is loaded). A
    format-0 save, which has no checksum, has its (small) turn records read."""
    with SaveReader(path, limits=limits, read_scenario=False) as reader:
        if reader.header.migrated_from is not None:
            turns, date = 0, None
            for line in reader.turns():
                turns, date = line.turn, line.date or date
            return SaveSummary(reader.header, turns, date)
        return reader._summary_by_checksum()
