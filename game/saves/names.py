"""Where saves go and what they may be called: a user-given name never leaves the saves directory.

A save name is a plain name (`before-saraqeb`), not a path: no separators, no `..`, no leading
dot, no control characters, no names reserved by Windows or by Corridor's own autosaves.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from game.errors import Diagnostic, PathError
from game.paths import saves_dir as _configured_saves_dir

SAVE_SUFFIX = ".jsonl"
AUTOSAVE_PREFIX = "autosave-"
BACKUP_SUFFIX = ".prev" + SAVE_SUFFIX
MAX_NAME_LENGTH = 80

_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
_ALLOWED_PUNCTUATION = frozenset(" -_.,()+")
_FILE_SAFE = re.compile(r"[^a-z0-9_]+")


def resolve_saves_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """The saves directory: `--saves-dir`, else $CORRIDOR_SAVES, else the per-user folder
    (`game.paths.default_saves_dir`)."""
    return _configured_saves_dir(os.fspath(arg) if arg is not None else None)


def ensure_saves_dir(directory: Path | str) -> Path:
    """Create the saves directory if needed; `PathError` if it exists as something else."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        pass
    except OSError as error:
        raise PathError(
            [
                Diagnostic(
                    file=str(directory),
                    message=f"cannot create the saves directory: {error.strerror or error}",
                    hint="choose another one with --saves-dir or CORRIDOR_SAVES",
                )
            ]
        ) from None
    if not directory.is_dir():
        raise PathError(
            [
                Diagnostic(
                    file=str(directory),
                    message="the saves directory exists but is not a directory",
                    hint="choose another one with --saves-dir or CORRIDOR_SAVES",
                )
            ]
        )
    return directory


def _name_error(name: str, directory: Path, problem: str) -> PathError:
    return PathError(
        [
            Diagnostic(
                file=str(directory),
                message=f"save name {name!r} {problem}",
                hint="give a plain name such as 'before-saraqeb' (letters, digits, spaces, "
                f"- _ . , ( ) +); saves are always written in {directory}",
            )
        ]
    )


def check_save_name(name: str, directory: Path | str) -> str:
    """The normalised name (NFC, trimmed, without `.jsonl`), or `PathError` saying why not."""
    directory = Path(directory)
    if not isinstance(name, str):
        raise _name_error(repr(name), directory, "is not text")
    clean = unicodedata.normalize("NFC", name).strip()
    if clean.lower().endswith(SAVE_SUFFIX):
        clean = clean[: -len(SAVE_SUFFIX)].rstrip()
    if not clean:
        raise _name_error(name, directory, "is empty")
    if len(clean) > MAX_NAME_LENGTH:
        raise _name_error(name, directory, f"is longer than {MAX_NAME_LENGTH} characters")
    if "/" in clean or "\\" in clean or os.sep in clean or (os.altsep and os.altsep in clean):
        raise _name_error(name, directory, "contains a path separator; give a name, not a path")
    if clean.startswith("."):
        raise _name_error(name, directory, "starts with a dot (no '..', no hidden files)")
    for char in clean:
        if not (char.isalnum() or char in _ALLOWED_PUNCTUATION):
            category = unicodedata.category(char)
            what = "a control character" if category.startswith("C") else f"the character {char!r}"
            raise _name_error(name, directory, f"contains {what}")
    if clean.endswith("."):
        raise _name_error(name, directory, "ends with a dot")
    if clean.lower().endswith(".prev"):
        raise _name_error(name, directory, "ends with '.prev', kept for previous autosaves")
    if clean.split(".", 1)[0].strip().lower() in _WINDOWS_RESERVED:
        raise _name_error(name, directory, "is a device name reserved by Windows")
    if clean.lower().startswith(AUTOSAVE_PREFIX.rstrip("-")):
        raise _name_error(name, directory, "is reserved for autosaves")
    return clean


def save_path(directory: Path | str, name: str) -> Path:
    """The file for save `name` in `directory`, checked: inside it, not a link, not a folder."""
    directory = Path(directory)
    clean = check_save_name(name, directory)
    path = directory / f"{clean}{SAVE_SUFFIX}"
    if path.parent != directory or os.path.dirname(os.path.normpath(path)) != os.path.normpath(
        directory
    ):
        raise _name_error(name, directory, "would leave the saves directory")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError:
        return path
    if stat.S_ISLNK(info.st_mode):
        raise _name_error(name, directory, "is a symbolic link in the saves directory")
    if not stat.S_ISREG(info.st_mode):
        raise _name_error(name, directory, "is taken by something that is not a save file")
    return path


def file_safe(text: str) -> str:
    """`text` reduced to lowercase letters, digits and underscores, for autosave file names."""
    reduced = _FILE_SAFE.sub("_", text.lower()).strip("_")
    return reduced[:40] or "game"


def autosave_paths(
    directory: Path | str,
    scenario_id: str,
    seed: int,
    tag: str | None = None,
    game: str | None = None,
) -> tuple[Path, Path]:
    """The autosave file of a game and its previous generation (`.prev.jsonl`): `tag` says
    what the game is (a branch from a replay, `from12`), `game` which one it is (its identity,
    `game.saves.autosave`), so that games of the same scenario and seed never share a file.
    Older versions wrote `autosave-<scenario>-<seed>.jsonl`; those are read the same."""
    directory = Path(directory)
    stem = f"{AUTOSAVE_PREFIX}{file_safe(scenario_id)}-{int(seed)}"
    if tag:
        stem += f"-{file_safe(tag)}"
    if game:
        stem += f"-{file_safe(game)}"
    return directory / f"{stem}{SAVE_SUFFIX}", directory / f"{stem}{BACKUP_SUFFIX}"


def backup_of(autosave: Path) -> Path:
    """The previous-generation file of an autosave file."""
    return autosave.with_name(autosave.name[: -len(SAVE_SUFFIX)] + BACKUP_SUFFIX)


def main_of(backup: Path) -> Path:
    """The autosave file a previous-generation file belongs to."""
    return backup.with_name(backup.name[: -len(BACKUP_SUFFIX)] + SAVE_SUFFIX)


def is_autosave(path: Path) -> bool:
    return path.name.startswith(AUTOSAVE_PREFIX)


def is_backup(path: Path) -> bool:
    return path.name.endswith(BACKUP_SUFFIX)
