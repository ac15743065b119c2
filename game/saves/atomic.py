"""Crash-safe file writes: a temp file in the same directory, fsync, rename, fsync the directory.

A reader of the target path sees either the old content or the new one, never a mix, whatever
moment the process is killed at. Failures (disk full, no permission) become `SaveError`s and
leave the previous file untouched. Symbolic links at the target are refused, never followed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from game.errors import Diagnostic, PathError, SaveError

TEMP_PREFIX = ".corridor-"
TEMP_SUFFIX = ".tmp"

_REASONS = {
    errno.ENOSPC: ("the disk is full", "free some disk space or choose another saves directory"),
    errno.EDQUOT: ("the disk quota is exhausted", "free some space or choose another directory"),
    errno.EACCES: ("permission denied", "choose a directory you can write to (--saves-dir)"),
    errno.EPERM: ("operation not permitted", "choose a directory you can write to (--saves-dir)"),
    errno.EROFS: ("the file system is read-only", "choose a writable directory (--saves-dir)"),
    errno.ENOENT: ("the directory does not exist", "create it or choose another (--saves-dir)"),
    errno.ENOTDIR: ("a part of the path is not a directory", "choose another directory"),
    errno.EISDIR: ("the target is a directory", "choose another file name"),
}


def write_error(path: Path, error: OSError) -> SaveError:
    """A clear `SaveError` for a failed write, saying the previous file is unchanged."""
    reason, hint = _REASONS.get(error.errno or 0, (error.strerror or str(error), None))
    return SaveError(
        [
            Diagnostic(
                file=str(path),
                message=f"could not save: {reason}; the previous save, if any, is unchanged",
                hint=hint,
            )
        ]
    )


def refuse_link(path: Path) -> None:
    """Raise `PathError` if `path` is a symbolic link or exists as something other than a file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise write_error(path, error) from None
    if stat.S_ISLNK(info.st_mode):
        raise PathError(
            [
                Diagnostic(
                    file=str(path),
                    message="is a symbolic link; Corridor never writes through links",
                    hint="remove the link or choose another save name",
                )
            ]
        )
    if not stat.S_ISREG(info.st_mode):
        raise PathError(
            [
                Diagnostic(
                    file=str(path),
                    message="exists and is not a regular file",
                    hint="choose another save name",
                )
            ]
        )


def _temp_name(directory: Path) -> Path:
    return directory / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    with contextlib.suppress(OSError):
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(directory: Path, data: bytes, *, durable: bool) -> Path:
    """Write `data` to a new temp file in `directory`, flushed to disk; returns its path."""
    temp = _temp_name(directory)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags, 0o644)
    try:
        _write_all(fd, data)
        if durable:
            os.fsync(fd)
    except BaseException:
        with contextlib.suppress(OSError):  # the write's own error is the one to report
            os.close(fd)
        _unlink_quietly(temp)
        raise
    # close may report a deferred write error (EIO, ENOSPC on NFS); the descriptor is released
    # all the same, so it is never closed twice, and the temp file must not stay behind.
    try:
        os.close(fd)
    except BaseException:
        _unlink_quietly(temp)
        raise
    return temp


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def write_atomic(
    path: Path | str, data: bytes, *, backup: Path | str | None = None, durable: bool = True
) -> None:
    """Replace `path` with `data` atomically. With `backup`, the old `path` is first renamed
    there, so that two good generations exist (autosaves). `durable=False` skips fsync (tests
    and benchmarks only: a kill still leaves a whole file, a power cut might not)."""
    path = Path(path)
    refuse_link(path)
    if backup is not None:
        backup = Path(backup)
        refuse_link(backup)
    directory = path.parent
    try:
        temp = _write_temp(directory, data, durable=durable)
    except OSError as error:
        raise write_error(path, error) from None
    try:
        if backup is not None and path.exists():
            os.replace(path, backup)
        os.replace(temp, path)
    except BaseException as error:
        _unlink_quietly(temp)
        if isinstance(error, OSError):
            raise write_error(path, error) from None
        raise
    if durable:
        fsync_directory(directory)


def clean_stale_temps(directory: Path | str) -> int:
    """Remove temp files left by killed Corridor processes in `directory`; returns how many.
    Temp files of processes still running are kept (they may be mid-write)."""
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text)):
            continue
        if pid_text.isdigit() and int(pid_text) == os.getpid():
            continue
        if entry.is_file(follow_symlinks=False):
            _unlink_quietly(Path(entry.path))
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
