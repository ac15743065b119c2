"""`corridor generate`: write a synthetic country-scale scenario (for benchmarks, scale tests)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from game.errors import Diagnostic, PathError


def base_sections(path: Path | None = None) -> dict[str, Any]:
    """The sections a synthetic scenario copies (sources, model, player, difficulties) from the
    bundled Idlib scenario, or {} when it is absent or unreadable (the defaults then apply)."""
    import yaml

    from game.paths import bundled_scenario

    path = path or bundled_scenario()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: data[k] for k in ("sources", "model", "player", "difficulties") if k in data}


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same directory (flush, fsync,
    rename), so that a reader never sees half a file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise PathError(
            [
                Diagnostic(
                    str(path),
                    f"directory {directory} does not exist",
                    hint="create it first or choose another -o path",
                )
            ]
        )
    if path.is_dir():
        raise PathError([Diagnostic(str(path), "is a directory", hint="give a file name")])
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise PathError(
            [
                Diagnostic(
                    str(path),
                    f"cannot write: {error.strerror}",
                    hint="check permissions and free space",
                )
            ]
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    from game.tools.synthetic import generate_yaml

    if args.locations < 10:
        raise PathError(
            [
                Diagnostic(
                    "--locations",
                    f"{args.locations} is too few",
                    hint="a synthetic scenario needs at least 10 locations",
                )
            ]
        )
    text = generate_yaml(args.locations, args.seed, base_sections())
    write_atomic(Path(args.output), text)
    print(f"wrote {args.output}: {args.locations} locations, seed {args.seed}")
    return 0
