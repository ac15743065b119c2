"""The one way Corridor writes a file a user named on the command line (`schema -o`,
`generate -o`, `simulate --csv` and `--save`): `-` is standard output, a regular file (or a new
one) is replaced atomically, a character device or a FIFO is written as a stream, and anything
else is refused before a byte is written.

Like `cp`, `curl -o` or sqlite3's `.output`, Corridor writes *into* /dev/null, /dev/stdout's
terminal or a named pipe rather than replacing them: replacing a device node with a regular file
(as root, `-o /dev/null`) would break the system. A FIFO with no reader is an error, not a hang.
A link at the target is refused, unless it leads to a device or a FIFO (`/dev/stdout`,
`/dev/fd/N`: nothing is replaced then); so are directories, sockets, block devices, an empty
name, a name ending in `/` (a directory was meant) and names holding a NUL byte. Every
operating-system error is a `SaveError` naming the file (exit status 2 on the command line).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from game.errors import Diagnostic, PathError, SaveError
from game.saves.atomic import Sink, atomic_file, kind_of, reason_of, write_error

STDOUT = "-"
STDOUT_NAME = "<standard output>"


def _refuse(target: str, message: str, hint: str) -> PathError:
    return PathError([Diagnostic(file=target, message=message, hint=hint)])


def target_kind(target: str) -> str:
    """How `target` is written: "stdout", "stream" (a device or FIFO) or "file" (atomic
    replace); `PathError`/`SaveError` when it cannot be written at all."""
    if target == STDOUT:
        return "stdout"
    if target == "":
        raise _refuse("''", "the output file name is empty", "give a file name, or - for stdout")
    if "\0" in target:
        raise _refuse(
            repr(target), "the output file name contains a NUL byte", "give a plain file name"
        )
    if target.endswith(("/", os.sep)) or (os.altsep and target.endswith(os.altsep)):
        raise _refuse(
            target,
            "ends with a path separator, so it names a directory",
            "give the name of a file to write, such as out/figures.csv",
        )
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return "file"
    except OSError as error:
        raise write_error(target, error, what="file") from None
    mode = info.st_mode
    if stat.S_ISREG(mode):
        if not os.access(target, os.W_OK):
            raise _refuse(
                target,
                "exists and is read-only",
                "make it writable (chmod u+w) or choose another name",
            )
        return "file"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "stream"
    if stat.S_ISLNK(mode) and _links_to_a_stream(target):
        return "stream"  # /dev/stdout, /dev/fd/N: written into, nothing replaced
    if stat.S_ISLNK(mode):
        raise _refuse(
            target,
            "is a symbolic link; Corridor never writes through links",
            "give the path of the file it points to, or - for standard output",
        )
    raise _refuse(
        target,
        f"is {kind_of(mode)}; Corridor writes regular files, devices such as /dev/null, and FIFOs",
        "give a file name" if stat.S_ISDIR(mode) else "choose another file name",
    )


def _links_to_a_stream(target: str) -> bool:
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


@contextlib.contextmanager
def open_output(target: str | os.PathLike[str], *, durable: bool = True) -> Iterator[Sink]:
    """A sink for the file `target` names (see the module docstring); the file is in place
    when the block ends without an exception, untouched when it raises."""
    name = os.fspath(target)
    kind = target_kind(name)
    if kind == "stdout":
        yield _stdout_sink()
        return
    if kind == "stream":
        with _stream(name) as sink:
            yield sink
        return
    with atomic_file(Path(name), durable=durable, what="file") as sink:
        yield sink


def write_output(target: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `target` (see `open_output`)."""
    with open_output(target, durable=durable) as sink:
        sink.write(data)


class _StdoutSink(Sink):
    """Standard output through Python's own buffer, so text printed before stays in order;
    errors are left for the command line to report (`game.cli`)."""

    def write(self, data: bytes) -> None:
        if sys.stdout is None:
            raise SaveError(
                [
                    Diagnostic(
                        file=STDOUT_NAME,
                        message="is closed",
                        hint="give a file name with -o, or leave standard output open",
                    )
                ]
            )
        sys.stdout.flush()
        buffer = sys.stdout.buffer
        view = memoryview(data)
        while view:  # unbuffered (python -u, PYTHONUNBUFFERED), the raw file may write less
            written = buffer.write(view)
            view = view[written if written is not None else 0 :]
        buffer.flush()
        self.size += len(data)


def _stdout_sink() -> Sink:
    return _StdoutSink(-1)


@contextlib.contextmanager
def _stream(target: str) -> Iterator[Sink]:
    """Write into an existing device or FIFO: opened without creating or truncating it, and
    without blocking when a FIFO has no reader."""
    flags = os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC
    if not os.path.islink(target):
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags)
    except OSError as error:
        raise _stream_error(target, error) from None
    try:
        info = os.fstat(fd)
        if not (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise _refuse(target, "changed while being opened", "try again")
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        sink = Sink(fd)
        try:
            yield sink
        except OSError as error:
            raise _stream_error(target, error) from None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def _stream_error(target: str, error: OSError) -> SaveError:
    hint: str | None
    if error.errno == errno.ENOSPC:
        reason, hint = "the device is full", "write somewhere else"
    elif error.errno == errno.EPIPE:
        reason, hint = "the reader closed the pipe", "keep the reader open until the end"
    else:
        reason, hint = reason_of(error)
    return SaveError([Diagnostic(file=target, message=f"could not write: {reason}", hint=hint)])


def _same(one: str, other: str) -> bool:
    """Whether two names are one file: the same existing file (links and `./` included), or
    the same path once normalised (for files not there yet)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return os.path.abspath(one) == os.path.abspath(other)


def check_distinct(outputs: dict[str, str], inputs: dict[str, str] | None = None) -> None:
    """`PathError` if two outputs name one file (one would silently replace the other), or
    an output names an input (`simulate S --save S` replaced the scenario with the save).
    Keys say what each is (`--csv`); `-` (standard output) counts as one file too."""
    named = list(outputs.items())
    for index, (what, path) in enumerate(named):
        for other_what, other in named[index + 1 :]:
            if path == other or (STDOUT not in (path, other) and _same(path, other)):
                raise _refuse(
                    path,
                    f"is named by both {what} and {other_what}; one would replace the other",
                    "give each output its own file",
                )
        for input_what, source in (inputs or {}).items():
            if path != STDOUT and _same(path, source):
                raise _refuse(
                    path,
                    f"is the {input_what} being read; {what} would replace it",
                    "write the output to another file",
                )
