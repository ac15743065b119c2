"""The save file format (JSON Lines, version 1): its records, limits and their encoding.

One line per record, in this order (see docs/save-format.md):

    {"kind": "corridor-save", "format_version": 1, ...}      header: scenario, seed, difficulty
    {"kind": "scenario", "text": "meta:\\n  id: ..."}        the scenario file, embedded
    {"kind": "turn", "turn": 1, "orders": [...], "hash": ...}  one per turn played
    {"kind": "end", "turns": N, "sha256": "..."}             count and checksum of all lines above

Like a PGN game (python-chess) or a Wesnoth replay: a starting point plus the recorded actions;
the state is always recomputed by replaying, the hashes prove it came out the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FORMAT_NAME = "corridor-save"
FORMAT_VERSION = 1
MAX_SAVE_BYTES = 64 * 1024 * 1024  # a 1,000-turn Idlib game with snapshots is 2.7 MB
MAX_TURNS = 100_000
MAX_ORDERS_PER_TURN = 1_000
# Caps on one line, by record, so that a hostile line is refused before it is parsed. Measured
# (largest line of a 1,000-turn Idlib save / a 20-turn save of a generated 6,000-place country):
# header 438 / 419 bytes; scenario 79 KB / 3.7 MB; turn without a snapshot 1.0 / 1.1 KB, with
# one 22 KB / 3.6 MB. A header's fields allow at most about 30 KB even fully escaped; JSON at
# most doubles a valid scenario's bytes (`\n`, `\t`, `\r`, `"` and `\` take two); a snapshot
# grows with the number of places, which the scenario's length bounds.
MAX_HEADER_LINE = 64 * 1024
SCENARIO_LINE_SLACK = 64 * 1024  # on top of twice the scenario loader's size cap
MIN_TURN_LINE_CAP = 8 * 1024 * 1024
TURN_LINE_PER_SCENARIO_CHAR = 8
DEFAULT_SNAPSHOT_EVERY = 10
# Snapshots may fill at most a quarter of the largest save the reader accepts; beyond that the
# writer thins them out (see SaveBuilder), so that the game's own save always loads. A
# 6,000-place country's snapshot is ~3.6 MB: 200 turns with one every 10 turns would be 72 MB.
SNAPSHOT_BUDGET = MAX_SAVE_BYTES // 4


def _scenario_line_cap() -> int:
    """Twice the scenario loader's size cap (JSON escaping) plus some slack."""
    from game.scenario.loader import DEFAULT_MAX_BYTES

    return 2 * DEFAULT_MAX_BYTES + SCENARIO_LINE_SLACK


@dataclass(frozen=True, slots=True)
class SaveLimits:
    """How large a save, and each kind of line in it, may be: the reader refuses a longer
    line before parsing it, and the writer never writes one. Larger limits read larger files
    (a scenario past the loader's default size cap, say); smaller ones test the caps."""

    file_bytes: int = MAX_SAVE_BYTES
    header_line: int = MAX_HEADER_LINE
    scenario_line: int = field(default_factory=_scenario_line_cap)
    turn_line_min: int = MIN_TURN_LINE_CAP
    turn_line_per_scenario_char: int = TURN_LINE_PER_SCENARIO_CHAR

    def turn_line(self, scenario_text: str) -> int:
        """The longest turn line of a game on this scenario (snapshots grow with its size)."""
        return max(self.turn_line_min, self.turn_line_per_scenario_char * len(scenario_text))


HEADER_KEYS = (
    "kind",
    "format_version",
    "game_version",
    "scenario",
    "seed",
    "difficulty",
    "turns",
    "snapshot_every",
    "initial_hash",
)
SCENARIO_REF_KEYS = ("id", "title", "path", "sha256")
SCENARIO_KEYS = ("kind", "text")
TURN_KEYS = ("kind", "turn", "date", "orders", "hash", "figures", "snapshot")
TURN_REQUIRED = ("kind", "turn", "orders", "hash")
END_KEYS = ("kind", "turns", "sha256")


@dataclass(frozen=True, slots=True)
class ScenarioRef:
    """Which scenario a save was played on: its id and title, where it was, its sha256."""

    id: str
    title: str
    path: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class SaveHeader:
    """Everything needed to start the game again: scenario, seed, difficulty, length."""

    scenario: ScenarioRef
    seed: int
    difficulty: str | None
    turns: int  # the game's length in turns (the scenario's, or extended by --turns)
    initial_hash: str | None  # state hash right after new_game (None: upgraded from format 0)
    game_version: str
    snapshot_every: int = DEFAULT_SNAPSHOT_EVERY  # 0 = no snapshots
    format_version: int = FORMAT_VERSION
    migrated_from: int | None = None  # the file's own format_version when it was older


@dataclass(frozen=True, slots=True)
class TurnLine:
    """One turn as saved: the orders given and the hash of the state they led to."""

    turn: int
    orders: tuple[Mapping[str, Any], ...]
    hash: str
    date: str | None = None
    figures: Mapping[str, Any] | None = None
    snapshot: Mapping[str, Any] | None = None
    line: int = 0  # 1-based line in the file it was read from (0 = not read from a file)


@dataclass(frozen=True, slots=True)
class SaveData:
    """A whole save read into memory (orders are small; states are never stored here)."""

    path: str
    header: SaveHeader
    scenario_text: str
    turns: tuple[TurnLine, ...] = field(default_factory=tuple)
    scenario_line: int = 2  # the file's line holding the scenario text (1 in format 0)


def encode_record(record: Mapping[str, Any]) -> bytes:
    """One JSON line: UTF-8, non-ASCII kept readable, no NaN, ending in a newline."""
    return (json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def header_record(header: SaveHeader) -> dict[str, Any]:
    ref = header.scenario
    return {
        "kind": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "game_version": header.game_version,
        "scenario": {"id": ref.id, "title": ref.title, "path": ref.path, "sha256": ref.sha256},
        "seed": header.seed,
        "difficulty": header.difficulty,
        "turns": header.turns,
        "snapshot_every": header.snapshot_every,
        "initial_hash": header.initial_hash,
    }


def scenario_record(text: str) -> dict[str, Any]:
    return {"kind": "scenario", "text": text}


def turn_record(line: TurnLine) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": "turn",
        "turn": line.turn,
        "date": line.date,
        "orders": [dict(order) for order in line.orders],
        "hash": line.hash,
    }
    if line.figures is not None:
        record["figures"] = dict(line.figures)
    if line.snapshot is not None:
        record["snapshot"] = dict(line.snapshot)
    return record


def encode_turn(line: TurnLine) -> bytes:
    """A turn's line; its snapshot, if any, as canonical JSON (compact: no spaces, sorted
    keys), since a snapshot is most of the file."""
    if line.snapshot is None:
        return encode_record(turn_record(line))
    from game.engine.hashing import canonical_json

    plain = encode_record(turn_record(dataclasses.replace(line, snapshot=None)))
    canonical = canonical_json(line.snapshot).encode("utf-8")
    return plain[:-2] + b', "snapshot": ' + canonical + b"}\n"


def end_record(turns: int, sha256: str) -> dict[str, Any]:
    return {"kind": "end", "turns": turns, "sha256": sha256}


def text_sha256(text: str) -> str:
    """The sha256 hex of a scenario text's UTF-8 bytes (= `Scenario.text_hash` of its file)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SaveBuilder:
    """Builds a save's bytes turn by turn; each `to_bytes()` is a complete, valid file.

    Lines are encoded once and the checksum is kept running, so an autosave after turn N
    costs one join and one write, not N re-encodings.

    Snapshots are kept within `snapshot_budget` bytes: when the next one would go past it, the
    interval between snapshots doubles (every 10 turns, then 20, 40...), the earlier
    snapshots off the new interval are dropped and the header's `snapshot_every` says the new
    interval; a snapshot larger than the whole budget (or a turn line longer than the reader's
    cap for it) means no snapshots. Snapshots only speed up seeking and desync reports: a save
    without them replays the same. `to_bytes` refuses (SaveError) a file larger than
    `max_bytes`, the reader's cap, rather than write a save that would not load."""

    def __init__(
        self,
        header: SaveHeader,
        scenario_text: str,
        *,
        snapshot_budget: int | None = None,
        max_bytes: int = MAX_SAVE_BYTES,
    ) -> None:
        self.header = header
        self.snapshot_budget = SNAPSHOT_BUDGET if snapshot_budget is None else snapshot_budget
        self.max_bytes = max_bytes
        self._line_cap = SaveLimits(file_bytes=max_bytes).turn_line(scenario_text)
        self._chunks: list[bytes] = [
            encode_record(header_record(header)),
            encode_record(scenario_record(scenario_text)),
        ]
        self._digest = hashlib.sha256()
        for chunk in self._chunks:
            self._digest.update(chunk)
        self._size = sum(map(len, self._chunks))
        # turn -> (its index in _chunks, its line without the snapshot, the snapshot's bytes)
        self._snapshots: dict[int, tuple[int, bytes, int]] = {}
        self._snapshot_bytes = 0
        self._thinned = False  # once thinned, snapshots come only every header.snapshot_every
        self.turns = 0

    @property
    def snapshot_every(self) -> int:
        """The interval between snapshots now (0: none), after any thinning."""
        return self.header.snapshot_every

    @property
    def snapshot_bytes(self) -> int:
        """The bytes the kept snapshots take in the file."""
        return self._snapshot_bytes

    def add_turn(self, line: TurnLine) -> None:
        if line.turn != self.turns + 1:
            raise ValueError(f"turn {line.turn} added after turn {self.turns}")
        snapshot = line.snapshot
        if snapshot is not None and self._thinned and not self._on_interval(line.turn):
            line, snapshot = dataclasses.replace(line, snapshot=None), None
        chunk = encode_turn(line)
        if snapshot is not None:
            plain = encode_turn(dataclasses.replace(line, snapshot=None))
            size = len(chunk) - len(plain)
            if len(chunk) <= self._line_cap and self._fits(line.turn, size):
                self._snapshots[line.turn] = (len(self._chunks), plain, size)
                self._snapshot_bytes += size
            else:
                chunk = plain
        self._chunks.append(chunk)
        self._digest.update(chunk)
        self._size += len(chunk)
        self.turns += 1

    def _on_interval(self, turn: int) -> bool:
        every = self.header.snapshot_every
        return every > 0 and turn % every == 0

    def _fits(self, turn: int, size: int) -> bool:
        """Whether a snapshot of `size` bytes at `turn` can be kept, after thinning out the
        earlier ones as far as needed."""
        if size > self.snapshot_budget:
            self._thin(0)
            return False
        while self._snapshot_bytes + size > self.snapshot_budget:
            every = self.header.snapshot_every * 2
            self._thin(every if every <= MAX_TURNS else 0)
            if not self._on_interval(turn):
                return False
        return True

    def _thin(self, every: int) -> None:
        """Keep only the snapshots every `every` turns (0: none) and say so in the header."""
        self._thinned = True
        for turn, (index, plain, size) in list(self._snapshots.items()):
            if every == 0 or turn % every:
                self._size += len(plain) - len(self._chunks[index])
                self._chunks[index] = plain
                self._snapshot_bytes -= size
                del self._snapshots[turn]
        self.header = dataclasses.replace(self.header, snapshot_every=every)
        header = encode_record(header_record(self.header))
        self._size += len(header) - len(self._chunks[0])
        self._chunks[0] = header
        self._digest = hashlib.sha256()
        for chunk in self._chunks:
            self._digest.update(chunk)

    def to_bytes(self, where: str = "the save") -> bytes:
        """The whole file; `SaveError` if it would be larger than a save may be."""
        end = encode_record(end_record(self.turns, self._digest.copy().hexdigest()))
        size = self._size + len(end)
        if size > self.max_bytes:
            from game.errors import Diagnostic, SaveError

            raise SaveError(
                [
                    Diagnostic(
                        file=where,
                        message=f"this game's save would be {size / 1e6:.1f} MB, more than the "
                        f"{self.max_bytes / 2**20:g} MiB a save may be, so it was not written",
                        hint="the previous save is unchanged; a game this long on a map this "
                        "large cannot be saved whole: save an earlier turn, or play shorter games",
                    )
                ]
            )
        return b"".join(self._chunks) + end


def encode_save(
    header: SaveHeader,
    scenario_text: str,
    turns: Iterable[TurnLine],
    *,
    snapshot_budget: int | None = None,
) -> bytes:
    """A whole save file's bytes."""
    builder = SaveBuilder(header, scenario_text, snapshot_budget=snapshot_budget)
    for line in turns:
        builder.add_turn(line)
    return builder.to_bytes()
