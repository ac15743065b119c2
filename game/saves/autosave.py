"""Where one game autosaves, and the guarantee that it never overwrites another game's autosave.

Each new game (and each branch) gets its own identity in its autosave's name,
`autosave-<scenario>-<seed>[-<tag>]-<id>.jsonl`, so that two games of the same scenario and seed
never share a file. A game continued from an autosave goes on writing that file, as long as the
file is still the one it read or last wrote: if another process (the same autosave continued in
two terminals) or another game wrote it since, this game leaves it alone and goes on under a new
name of its own. Autosaves of older versions (`autosave-<scenario>-<seed>.jsonl`) are read and
continued like any.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from game.saves.atomic import clean_stale_temps, write_atomic
from game.saves.names import autosave_paths, backup_of, ensure_saves_dir

Identity = tuple[int, int, int, int]  # device, inode, size, modification time (ns)


def new_game_id() -> str:
    """A fresh identity for a game's autosave name: 8 random hex digits."""
    return secrets.token_hex(4)


def identity(path: Path) -> Identity | None:
    """What the regular file at `path` is now (None if there is none, or it is a link or not
    a file: the atomic writer refuses those itself, and says so)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class AutosaveSlot:
    """The autosave file of one game, and what it was when this game last read or wrote it."""

    def __init__(
        self,
        directory: Path,
        scenario_id: str,
        seed: int,
        tag: str | None = None,
        *,
        continued: Path | None = None,
    ) -> None:
        self.directory = directory if continued is None else continued.parent
        self.scenario_id, self.seed, self.tag = scenario_id, seed, tag
        self.path = continued if continued is not None else self._fresh()
        # A continued autosave is this game's as it is now; a fresh name is nobody's yet.
        self.seen = identity(self.path) if continued is not None else None
        self.left: list[Path] = []  # autosaves another game wrote, left alone, this session

    def _fresh(self) -> Path:
        main, _ = autosave_paths(
            self.directory, self.scenario_id, self.seed, self.tag, game=new_game_id()
        )
        return main

    def write(self, make: Callable[[str], bytes], *, durable: bool = True) -> Path:
        """Write the autosave (the previous one kept as `.prev.jsonl`), atomically; `make`
        gives the bytes, naming the file in its errors. If the file is no longer the one this
        game last saw, it is another game's: it is kept, and this game takes a new name."""
        if identity(self.path) not in (None, self.seen):
            self.left.append(self.path)
            self.path, self.seen = self._fresh(), None
        ensure_saves_dir(self.directory)
        clean_stale_temps(self.directory)
        write_atomic(self.path, make(str(self.path)), backup=backup_of(self.path), durable=durable)
        self.seen = identity(self.path)
        return self.path
