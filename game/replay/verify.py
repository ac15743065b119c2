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

from game.replay.desync import Desync, DesyncError, diff_values
from game.replay.resimulate import replay_turns, scenario_from_save, snapshot_hash, start
from game.saves.format import SaveLimits
from game.saves.reader import SaveReader

# A per-turn check (e.g. the conservation audit): (scenario, before, after, events) -> problems.
TurnCheck = Callable[[Any, Any, Any, tuple[Any, ...]], Iterable[str]]


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


def _snapshot_problem(line: Any, replayed: dict[str, Any], game_version: str) -> Desync | None:
    """A saved snapshot must be the state its turn's hash stands for: the replayed state
    (`replayed`, its canonical dict; its hash matched the turn's), value for value and type
    for type (1.0 is not 1: it would hash differently)."""
    if line.snapshot is None:
        return None
    differences = diff_values(line.snapshot, replayed)
    if not differences:
        return None
    return Desync(
        turn=line.turn,
        date=line.date,
        saved_hash=snapshot_hash(line.snapshot),
        replayed_hash=line.hash,
        differences=tuple(differences),
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
    path: str | os.PathLike[str],
    checks: Iterable[TurnCheck] = (),
    max_problems: int = 20,
    *,
    limits: SaveLimits | None = None,
) -> VerifyResult:
    """Replay every turn of the save at `path`; `SaveError` if the file itself is bad."""
    path = os.fspath(path)
    started = time.perf_counter()
    checks = tuple(checks)
    verified, desync = 0, None
    problems: list[str] = []
    with SaveReader(path, limits=limits) as reader:
        header = reader.header
        scenario = scenario_from_save(header, reader.scenario_text, path, reader.scenario_line)
        gc.collect()
        gc.freeze()  # what is loaded stays out of the cyclic collector's way while replaying
        lines = reader.turns()
        counted = _Counted(lines)
        try:
            state = start(header, scenario, path)
            for done in replay_turns(header, scenario, state, counted, path):
                desync = _snapshot_problem(done.line, done.snapshot, header.game_version)
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
        for _ in counted:  # after a desync: the rest must still read cleanly (SaveError if not)
            pass
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
