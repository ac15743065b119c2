"""`corridor replay --verify`: re-simulate a save headless and check every state hash.

Streaming: the file is read twice line by line (first its structure and checksum, then the
replay), and only the current state is held, so memory does not grow with the game's length.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from game.engine import state_to_dict
from game.saves.reader import SaveReader
from game.saves.replay import (
    Desync,
    DesyncError,
    diff_values,
    replay_turns,
    scenario_from_save,
    snapshot_hash,
    start,
)

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
            return (
                f"{self.path}: OK: {self.turns_verified} turns replayed, every state hash matches "
                f"({self.scenario_id}, seed {self.seed}, {self.seconds:.2f} s{note})"
            )
        lines = [f"{self.path}: FAILED after {self.turns_verified} matching turns"]
        if self.desync is not None:
            lines.extend(self.desync.lines())
        lines.extend(self.problems)
        return "\n".join(lines)


def _snapshot_problem(line: Any, state: Any, game_version: str) -> Desync | None:
    """A saved snapshot must be the state its turn's hash stands for."""
    if line.snapshot is None or snapshot_hash(line.snapshot) == line.hash:
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


def verify_save(
    path: str | os.PathLike, checks: Iterable[TurnCheck] = (), max_problems: int = 20
) -> VerifyResult:
    """Replay every turn of the save at `path`; `SaveError` if the file itself is bad."""
    path = os.fspath(path)
    started = time.perf_counter()
    with SaveReader(path) as reader:  # pass 1: structure, checksum, end record
        header, text = reader.header, reader.scenario_text
        saved = sum(1 for _ in reader.turns())
    scenario = scenario_from_save(header, text, path)
    checks = tuple(checks)
    verified, desync, problems = 0, None, []
    with SaveReader(path) as reader:  # pass 2: replay
        try:
            state = start(header, scenario, path)
            for done in replay_turns(header, scenario, state, reader.turns(), path):
                desync = _snapshot_problem(done.line, done.state, header.game_version)
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
    )
