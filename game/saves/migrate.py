"""Upgrading saves written in older format versions, one version step at a time.

Each migration turns the stream of raw records of version N into records of version N+1, so
that reading stays streaming and the version-1 validator checks the result. Format 0 is a
pre-release layout, kept (with its fixture in tests/saves/) to exercise this path; see
docs/save-format.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from game.saves.format import FORMAT_NAME, FORMAT_VERSION, MAX_TURNS


@dataclass(frozen=True, slots=True)
class Raw:
    """One parsed line: its 1-based number, its text (for columns in messages), its object."""

    line: int
    text: str
    record: dict[str, Any]


class MigrationError(Exception):
    """A record an older format cannot be upgraded from; the reader adds file and line."""

    def __init__(self, raw: Raw, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.raw, self.message, self.hint = raw, message, hint


Migration = Callable[..., Iterator[Raw]]

V0_HEADER_KEYS = frozenset(
    {"format_version", "scenario_file", "scenario_sha256", "scenario_yaml", "seed", "difficulty"}
)
V0_TURN_KEYS = frozenset({"t", "orders", "state_hash"})


def _scenario_meta(text: Any) -> dict[str, Any]:
    """id, title and turns of an embedded scenario, read by the scenario loader with all its
    caps (size, depth, aliases, width, tags), as any scenario is; {} when it does not load
    (loading the game reports why, with lines and columns)."""
    if not isinstance(text, str):
        return {}
    from game.errors import ScenarioError
    from game.scenario import load_scenario_text

    try:
        meta = load_scenario_text(text, "<format 0 scenario>").meta
    except ScenarioError:
        return {}
    return {"id": meta.id, "title": meta.title, "turns": meta.turns}


def _check_size(raw: Raw, text: Any) -> None:
    """An embedded scenario larger than the scenario loader reads is refused here, unparsed,
    listing or loading alike."""
    from game.scenario import loader

    if isinstance(text, str) and len(text) > loader.MAX_BYTES // 4:  # else surely small enough
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > loader.MAX_BYTES:
            raise MigrationError(
                raw,
                f"its embedded scenario is {size:,} bytes, more than the {loader.MAX_BYTES:,} a "
                "scenario may be",
            )


def _listed_meta(header: dict[str, Any]) -> dict[str, Any]:
    """What a list of saves shows of a format-0 game without reading its scenario: the
    recorded file's name."""
    where = header.get("scenario_file")
    name = PurePath(where).stem if isinstance(where, str) and where else ""
    return {"id": name[:100] or "unknown", "title": ""}


def v0_to_v1(first: Raw, rest: Iterator[Raw], *, read_scenario: bool = True) -> Iterator[Raw]:
    """Format 0: one header line with the scenario inside (`scenario_yaml`), turn lines
    `{"t", "orders", "state_hash"}`, no initial hash, no end line and no checksum. Without
    `read_scenario` (listing saves), the scenario is not parsed: the id is the recorded file's
    name and the length the most a save may hold."""
    header = first.record
    unknown = sorted(set(header) - V0_HEADER_KEYS)
    missing = sorted(V0_HEADER_KEYS - set(header))
    if unknown or missing:
        what = f"unknown fields {unknown}" if unknown else f"missing fields {missing}"
        raise MigrationError(first, f"format 0 header has {what}")
    text = header["scenario_yaml"]
    _check_size(first, text)
    meta = _scenario_meta(text) if read_scenario else _listed_meta(header)
    turns = meta.get("turns")
    title = meta.get("title")
    v1_header = {
        "kind": FORMAT_NAME,
        "format_version": 1,
        "game_version": "0 (format 0)",
        "scenario": {
            "id": str(meta.get("id") or "unknown"),
            "title": title if isinstance(title, str) else "",
            "path": header["scenario_file"],
            "sha256": header["scenario_sha256"],
        },
        "seed": header["seed"],
        "difficulty": header["difficulty"],
        "turns": turns if type(turns) is int and 0 < turns <= MAX_TURNS else MAX_TURNS,
        "snapshot_every": 0,
        "initial_hash": None,
    }
    yield Raw(first.line, first.text, v1_header)
    yield Raw(first.line, first.text, {"kind": "scenario", "text": text})
    count, last = 0, first
    for raw in rest:
        record = raw.record
        if set(record) != V0_TURN_KEYS:
            raise MigrationError(raw, f"format 0 turn line needs exactly {sorted(V0_TURN_KEYS)}")
        count, last = count + 1, raw
        yield Raw(
            raw.line,
            raw.text,
            {
                "kind": "turn",
                "turn": record["t"],
                "date": None,
                "orders": record["orders"],
                "hash": record["state_hash"],
            },
        )
    # Format 0 had no end line: the file simply stopped. There is no checksum to check.
    yield Raw(last.line, last.text, {"kind": "end", "turns": count, "sha256": None})


MIGRATIONS: dict[int, tuple[int, Migration]] = {0: (1, v0_to_v1)}
OLDEST_READABLE = min(MIGRATIONS, default=FORMAT_VERSION)


def migrate(
    version: int, first: Raw, rest: Iterator[Raw], *, read_scenario: bool = True
) -> Iterator[Raw]:
    """The records of a version-`version` save as current-version records. KeyError if some
    step has no migration (the reader turns that into a 'made by version X' message).
    `read_scenario=False`: no step parses an embedded scenario (listing saves)."""
    stream: Iterator[Raw] = _chain(first, rest)
    while version < FORMAT_VERSION:
        target, step = MIGRATIONS[version]
        head = next(stream)
        stream = step(head, stream, read_scenario=read_scenario)
        version = target
    return stream


def _chain(first: Raw, rest: Iterator[Raw]) -> Iterator[Raw]:
    yield first
    yield from rest
