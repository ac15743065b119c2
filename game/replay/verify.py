"""`corridor replay --verify`: re-simulate a save headless and check every state hash.

Streaming: the file is read once, line by line, and only the current state is held, so memory
does not grow with the game's length. After a desync the rest of the file is still read and
checked, so that a damaged or edited file is reported as such (exit 2), not as a desync.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from game.engine import state_to_dict
from game.replay.resimulate import (
    Desync,
    DesyncError,
    diff_values,
    replay_turns,
    scenario_from_save,
    snapshot_hash,
    start,
)
from game.saves.format import SNAPSHOT_KEY
from game.saves.reader import DeferredSnapshot, SaveReader

# Digits to "0", anything else to " ": forty "0" in a row is a whole number the reader might
# refuse (reader.MAX_NUMBER_DIGITS); bytes.translate finds it far faster than a regex.
_DIGIT_RUNS = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))
_LONG_NUMBER = b"0" * 40


def _long_number(text: str) -> bool:
    return _LONG_NUMBER in text.encode().translate(_DIGIT_RUNS)


# A per-turn check (e.g. the conservation audit): (scenario, before, after, events) -> problems.
TurnCheck = Callable[[Any, Any, Any, tuple], Iterable[str]]


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """What verifying a save found: how many turns matched, or the first desync."""

    path: str
    scenario_id: str
    seed: int
    turns_saved: int
    turns_verified: int
    seconds: float
    desync: Desync | None = None
    problems: tuple[str, ...] = ()  # from per-turn checks: "turn N: ..."
    migrated_from: int | None = None
    checks: tuple[str, ...] = ()  # names of the per-turn checks that ran (e.g. the audit)

    @property
    def ok(self) -> bool:
        return self.desync is None and not self.problems

    def summary(self) -> str:
        """One line when all is well; the desync report otherwise."""
        if self.ok:
            note = (
                f", upgraded from format {self.migrated_from}"
                if self.migrated_from is not None
                else ""
            )
            checked = f", {' and '.join(self.checks)} clean" if self.checks else ""
            return (
                f"{self.path}: OK: {self.turns_verified} turns replayed, every state hash matches"
                f"{checked} ({self.scenario_id}, seed {self.seed}, {self.seconds:.2f} s{note})"
            )
        lines = [f"{self.path}: FAILED after {self.turns_verified} matching turns"]
        if self.desync is not None:
            lines.extend(self.desync.lines())
        lines.extend(self.problems)
        return "\n".join(lines)


def _snapshot_problem(
    line: Any, state: Any, text: str, game_version: str, resolve: Any
) -> Desync | None:
    """A saved snapshot must be the state its turn's hash stands for.

    `text` is the replayed state's canonical JSON, whose sha256 matched the turn's hash. The
    writer puts a snapshot last in its line, as canonical JSON: when the line ends with that
    very text, the snapshot is that state (a line that parsed as a record and ends with
    `, "snapshot": {...}}` has its snapshot there), so its hash is the turn's without
    encoding it again. Otherwise (older files, edited ones) the snapshot is encoded again.

    A snapshot the reader left unparsed (`DeferredSnapshot`) that is that very text is known
    to read: canonical JSON, no key twice, finite numbers, and (checked here) no whole number
    longer than the reader allows; any other is read in full (`resolve`: a `SaveError` if the
    line does not read) and checked as above."""
    if line.snapshot is None:
        return None
    if isinstance(line.snapshot, DeferredSnapshot):
        if line.snapshot.text == text and not _long_number(text):
            return None
        line = resolve(line)
    if line.text is not None and text and line.text.endswith(f"{SNAPSHOT_KEY}{text}}}\n"):
        return None
    if snapshot_hash(line.snapshot) == line.hash:
        return None
    return Desync(
        turn=line.turn,
        date=line.date,
        saved_hash=snapshot_hash(line.snapshot),
        replayed_hash=line.hash,
        differences=tuple(diff_values(line.snapshot, state_to_dict(state))),
        compared="snapshot",
        game_version=game_version,
    )


class _Counted:
    """Iterates over turn lines, counting them (the replay may stop before the end)."""

    def __init__(self, lines: Iterable[Any]) -> None:
        self._lines = iter(lines)
        self.count = 0

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> Any:
        line = next(self._lines)
        self.count += 1
        return line


def verify_save(
    path: str | os.PathLike, checks: Iterable[TurnCheck] = (), max_problems: int = 20
) -> VerifyResult:
    """Replay every turn of the save at `path`; `SaveError` if the file itself is bad."""
    path = os.fspath(path)
    started = time.perf_counter()
    checks = tuple(checks)
    verified, desync, problems = 0, None, []
    with SaveReader(path, keep_text=True, defer_snapshots=True) as reader:
        header = reader.header
        scenario = scenario_from_save(header, reader.scenario_text, path, reader.scenario_line)
        gc.collect()
        gc.freeze()  # what is loaded stays out of the cyclic collector's way while replaying
        lines = reader.turns()
        counted = _Counted(lines)
        try:
            state = start(header, scenario, path)
            turns = replay_turns(header, scenario, state, counted, path, reader.resolve)
            for done in turns:
                desync = _snapshot_problem(
                    done.line, done.state, done.text, header.game_version, reader.resolve
                )
                if desync is not None:
                    break
                for check in checks:
                    for problem in check(scenario, state, done.state, done.events):
                        if len(problems) < max_problems:
                            problems.append(f"turn {done.line.turn}: {problem}")
                state = done.state
                verified += 1
        except DesyncError as error:
            desync = error.desync
        for line in counted:  # after a desync: the rest must still read cleanly (SaveError if not)
            reader.resolve(line)
        saved = counted.count
    return VerifyResult(
        path=path,
        scenario_id=header.scenario.id,
        seed=header.seed,
        turns_saved=saved,
        turns_verified=verified,
        seconds=time.perf_counter() - started,
        desync=desync,
        problems=tuple(problems),
        migrated_from=header.migrated_from,
        checks=tuple(_check_name(check) for check in checks),
    )


def _check_name(check: TurnCheck) -> str:
    """How the summary names a check: its docstring's label, else its function name."""
    label = getattr(check, "label", None)
    if isinstance(label, str):
        return label
    name = getattr(check, "__name__", "check")
    return "conservation audit" if name == "audit_turn" else name.replace("_", " ")
