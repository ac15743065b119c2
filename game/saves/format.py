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

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FORMAT_NAME = "corridor-save"
FORMAT_VERSION = 1
MAX_SAVE_BYTES = 64 * 1024 * 1024  # a 1,000-turn game with snapshots is well under 2 MB
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
    initial_hash: str  # state hash right after new_game, before turn 1
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


def end_record(turns: int, sha256: str) -> dict[str, Any]:
    return {"kind": "end", "turns": turns, "sha256": sha256}


def text_sha256(text: str) -> str:
    """The sha256 hex of a scenario text's UTF-8 bytes (= `Scenario.text_hash` of its file)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SaveBuilder:
    """Builds a save's bytes turn by turn; each `to_bytes()` is a complete, valid file.

    Lines are encoded once and the checksum is kept running, so an autosave after turn N
    costs one join and one write, not N re-encodings."""

    def __init__(self, header: SaveHeader, scenario_text: str) -> None:
        self.header = header
        self._chunks: list[bytes] = [
            encode_record(header_record(header)),
            encode_record(scenario_record(scenario_text)),
        ]
        self._digest = hashlib.sha256()
        for chunk in self._chunks:
            self._digest.update(chunk)
        self.turns = 0

    def add_turn(self, line: TurnLine) -> None:
        if line.turn != self.turns + 1:
            raise ValueError(f"turn {line.turn} added after turn {self.turns}")
        chunk = encode_record(turn_record(line))
        self._chunks.append(chunk)
        self._digest.update(chunk)
        self.turns += 1

    def to_bytes(self) -> bytes:
        end = encode_record(end_record(self.turns, self._digest.copy().hexdigest()))
        return b"".join(self._chunks) + end


def encode_save(header: SaveHeader, scenario_text: str, turns: list[TurnLine] | tuple) -> bytes:
    """A whole save file's bytes."""
    builder = SaveBuilder(header, scenario_text)
    for line in turns:
        builder.add_turn(line)
    return builder.to_bytes()
