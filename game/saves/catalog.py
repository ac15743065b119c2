"""What is in a saves directory: the list the Load screen shows, the autosave Continue opens.

Autosaves come in pairs per game, `autosave-<scenario>-<seed>[-<tag>]-<id>.jsonl` (each game
its own identity, `game.saves.autosave`; older versions' `autosave-<scenario>-<seed>.jsonl` read
the same) and its previous
generation `....prev.jsonl`, so that a damaged latest autosave still leaves a good one.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from game.errors import SaveError
from game.saves.names import SAVE_SUFFIX, backup_of, is_autosave, is_backup, main_of
from game.saves.reader import read_summary


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One save as listed: what game it is, how far it went, and whether it reads cleanly."""

    path: Path
    name: str  # the file name without .jsonl
    autosave: bool
    backup: bool  # the previous generation of an autosave
    modified: dt.datetime  # the file's modification time (local time)
    scenario_id: str | None = None
    scenario_title: str | None = None
    seed: int | None = None
    difficulty: str | None = None
    turn: int = 0  # turns played
    turns_total: int = 0  # the game's length in turns (0 when unknown)
    date: str | None = None  # in-game date of the last turn played
    problem: str | None = None  # why it cannot be loaded, if it cannot

    @property
    def ok(self) -> bool:
        return self.problem is None


def summarize(path: Path | str) -> SaveInfo:
    """One save as the Load list shows it (`read_summary`: its header, turns and last date,
    and whether its checksum holds; no scenario parsed, no replay)."""
    path = Path(path)
    try:
        modified = dt.datetime.fromtimestamp(os.lstat(path).st_mtime)
    except OSError:
        modified = dt.datetime.fromtimestamp(0)
    name = path.name[: -len(SAVE_SUFFIX)] if path.name.endswith(SAVE_SUFFIX) else path.name
    base = SaveInfo(
        path=path,
        name=name,
        autosave=is_autosave(path),
        backup=is_backup(path),
        modified=modified,
    )
    try:
        summary = read_summary(path)
    except SaveError as error:
        return replace(base, problem=error.diagnostics[0].format())
    header = summary.header
    return replace(
        base,
        scenario_id=header.scenario.id,
        scenario_title=header.scenario.title,
        seed=header.seed,
        difficulty=header.difficulty,
        turn=summary.turns,
        # a format-0 save's length is in its scenario, which the list does not read
        turns_total=header.turns if header.migrated_from is None else 0,
        date=summary.date,
    )


def _save_files(directory: Path) -> list[Path]:
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    return [
        Path(entry.path)
        for entry in entries
        if entry.name.endswith(SAVE_SUFFIX)
        and not entry.name.startswith(".")
        and entry.is_file(follow_symlinks=False)
    ]


def list_saves(directory: Path | str, *, include_backups: bool = False) -> list[SaveInfo]:
    """Every save in `directory`, newest first; damaged ones are listed with their `problem`."""
    files = _save_files(Path(directory))
    if not include_backups:
        files = [f for f in files if not is_backup(f)]
    infos = [summarize(f) for f in files]
    infos.sort(key=lambda info: (info.modified, info.name), reverse=True)
    return infos


def latest_autosave(directory: Path | str) -> Path | None:
    """The most recently written autosave (a `.prev` one only if its pair has no newer file),
    whether or not it reads cleanly: Continue loads it and, on a `SaveError`, offers
    `previous_autosave(path)`."""
    candidates = [f for f in _save_files(Path(directory)) if is_autosave(f)]
    if not candidates:
        return None

    def mtime(path: Path) -> float:
        try:
            return os.lstat(path).st_mtime_ns
        except OSError:
            return 0

    # The main file of a pair wins over its backup when both exist (it is the newer one).
    mains = {f for f in candidates if not is_backup(f)}
    orphans = [f for f in candidates if is_backup(f) and main_of(f) not in mains]
    pool = sorted(mains) + sorted(orphans)
    return max(pool, key=mtime)


def previous_autosave(path: Path | str) -> Path | None:
    """The previous generation of an autosave, if it exists and reads cleanly."""
    path = Path(path)
    if is_backup(path) or not is_autosave(path):
        return None
    backup = backup_of(path)
    if not backup.is_file() or backup.is_symlink():
        return None
    return backup if summarize(backup).ok else None
