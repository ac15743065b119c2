"""Crash-safe file writes: a temp file in the same directory, fsync, rename, fsync the directory.

A reader of the target path sees either the old content or the new one, never a mix, whatever
moment the process is killed at. Failures (disk full, no permission, a name too long) become
`SaveError`s naming the file and leave the previous file untouched. Symbolic links and anything
but a regular file at the target are refused, never followed or replaced. Every file Corridor
writes goes through here (`game.saves.output` is the front door for paths users give).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from game.errors import Diagnostic, PathError, SaveError

TEMP_PREFIX = ".corridor-"
TEMP_SUFFIX = ".tmp"

_REASONS = {
    errno.ENOSPC: ("the disk is full", "free some disk space or choose another directory"),
    errno.EDQUOT: ("the disk quota is exhausted", "free some space or choose another directory"),
    errno.EFBIG: ("the file is larger than this file system allows", "choose another directory"),
    errno.EACCES: ("permission denied", "choose a directory you can write to"),
    errno.EPERM: ("operation not permitted", "choose a directory you can write to"),
    errno.EROFS: ("the file system is read-only", "choose a writable directory"),
    errno.ENOENT: ("the directory does not exist", "create it first, or choose another"),
    errno.ENOTDIR: ("a part of the path is not a directory", "check the path"),
    errno.EISDIR: ("the target is a directory", "give a file name"),
    errno.ENAMETOOLONG: ("the file name is too long", "choose a shorter name"),
    errno.ELOOP: ("the path has too many symbolic links (a loop?)", "check the path"),
    errno.ENXIO: ("no process is reading from it", "start the reader first"),
    errno.EBUSY: ("the file is busy", "try again, or choose another name"),
    errno.ETXTBSY: ("the file is a running program", "choose another name"),
    errno.EXDEV: ("it is on another file system than its directory", "choose another name"),
}


def reason_of(error: OSError) -> tuple[str, str | None]:
    """A plain-words reason and a hint for an operating-system error."""
    reason, hint = _REASONS.get(error.errno or 0, (error.strerror or str(error), None))
    return reason, hint


def write_error(path: Path | str, error: OSError, *, what: str = "save") -> SaveError:
    """A clear `SaveError` for a failed write of `path`, saying the previous file is unchanged."""
    reason, hint = reason_of(error)
    return SaveError(
        [
            Diagnostic(
                file=str(path),
                message=f"could not {'save' if what == 'save' else 'write it'}: {reason}; "
                f"the previous {what}, if any, is unchanged",
                hint=hint,
            )
        ]
    )


def refuse_link(path: Path, *, what: str = "save") -> os.stat_result | None:
    """Raise `PathError` if `path` is a symbolic link or exists as something other than a file;
    returns its status (None if it does not exist)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise write_error(path, error, what=what) from None
    if stat.S_ISLNK(info.st_mode):
        raise PathError(
            [
                Diagnostic(
                    file=str(path),
                    message="is a symbolic link; Corridor never writes through links",
                    hint="remove the link, or give the path of the file it points to",
                )
            ]
        )
    if not stat.S_ISREG(info.st_mode):
        raise PathError(
            [
                Diagnostic(
                    file=str(path),
                    message=f"exists and is {kind_of(info.st_mode)}, not a regular file",
                    hint="choose another file name",
                )
            ]
        )
    return info


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words (`a directory`, `a FIFO`...)."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISREG, "a regular file"),
    ):
        if test(mode):
            return name
    return "a special file"


def _temp_name(directory: Path) -> Path:
    return directory / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd` (os.write may write fewer than asked)."""
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


class Sink:
    """Where the bytes of one file go, chunk by chunk (a temp file, a device, stdout)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.size = 0

    def write(self, data: bytes) -> None:
        write_all(self.fd, data)
        self.size += len(data)


def _open_temp(directory: Path, mode: int) -> tuple[Path, int]:
    temp = _temp_name(directory)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags, mode)
    return temp, fd


def _finish_temp(temp: Path, fd: int, *, durable: bool) -> None:
    """Flush the temp file to disk and close it; on any failure, remove it."""
    try:
        if durable:
            os.fsync(fd)
    except BaseException:
        with contextlib.suppress(OSError):  # the fsync's own error is the one to report
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


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


@contextlib.contextmanager
def atomic_file(
    path: Path | str,
    *,
    backup: Path | str | None = None,
    durable: bool = True,
    what: str = "save",
) -> Iterator[Sink]:
    """Write a file chunk by chunk, then replace `path` with it atomically when the block
    ends without an exception (any exception, Ctrl+C included, removes the temp file and
    leaves `path` as it was). With `backup`, the old `path` is first renamed there, so that
    two good generations exist (autosaves). An existing file's permission bits are kept.
    `durable=False` skips fsync (tests and benchmarks only: a kill still leaves a whole
    file, a power cut might not)."""
    path = Path(path)
    existing = refuse_link(path, what=what)
    if backup is not None:
        backup = Path(backup)
        refuse_link(backup, what=what)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o644
    directory = path.parent
    try:
        temp, fd = _open_temp(directory, mode)
    except OSError as error:
        if error.errno == errno.ENOENT and directory.is_dir():  # /proc, /sys and the like
            error = OSError(errno.EACCES, "files cannot be created in this directory")
        raise write_error(path, error, what=what) from None
    try:
        try:
            yield Sink(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        _finish_temp(temp, fd, durable=durable)
        if existing is not None:
            with contextlib.suppress(OSError):  # the umask narrowed it at creation
                os.chmod(temp, mode)
        if backup is not None and path.exists():
            os.replace(path, backup)
        os.replace(temp, path)
    except BaseException as error:
        _unlink_quietly(temp)
        if isinstance(error, OSError):
            raise write_error(path, error, what=what) from None
        raise
    if durable:
        fsync_directory(directory)


def write_atomic(
    path: Path | str,
    data: bytes,
    *,
    backup: Path | str | None = None,
    durable: bool = True,
    what: str = "save",
) -> None:
    """Replace `path` with `data` atomically (see `atomic_file`)."""
    with atomic_file(path, backup=backup, durable=durable, what=what) as sink:
        sink.write(data)


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
