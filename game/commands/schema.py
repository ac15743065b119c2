"""`corridor schema [-o FILE]`: print or write the JSON Schema of the scenario format."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from game.errors import Diagnostic, PathError


def run(args: argparse.Namespace) -> int:
    from game.scenario.schema import schema_text

    text = schema_text()
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    write_atomic(Path(args.output), text)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, fsync, then rename over `path`."""
    directory = path.parent
    name = str(path)
    if path.is_dir():
        raise PathError([Diagnostic(name, "this is a directory", hint="give a file name")])
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise PathError(
            [Diagnostic(name, f"the directory {directory} does not exist", hint="create it first")]
        ) from None
    except OSError as error:
        raise PathError(
            [
                Diagnostic(
                    name,
                    f"cannot write here: {error.strerror or error}",
                    hint="choose a writable directory",
                )
            ]
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise PathError(
            [
                Diagnostic(
                    name,
                    f"cannot write the file: {error.strerror or error}",
                    hint="check the path and free space",
                )
            ]
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
