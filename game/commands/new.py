"""`corridor new FILE`: write a small, commented starter scenario to begin a new crisis from.

It validates without a warning and plays as it is; every figure in it is a placeholder marked
`assumption:`. An existing file is never replaced (like `git init` refusing a repository)."""

from __future__ import annotations

import argparse
import os
import sys

from game.errors import CorridorError, Diagnostic


def run(args: argparse.Namespace) -> int:
    from game.inert import inert
    from game.saves.output import target_kind, write_output
    from game.scenario.starter import starter_text

    path = args.file
    if path == "-":  # `corridor new - > file.yaml`
        write_output(path, starter_text("my_scenario.yaml").encode("utf-8"))
        return 0
    if os.path.lexists(path):
        raise CorridorError(
            [
                Diagnostic(
                    inert(path),
                    "the file exists already; `corridor new` does not replace a file",
                    hint="give a new file name, or move the file away first",
                )
            ]
        )
    if target_kind(path) != "file":
        raise CorridorError(
            [
                Diagnostic(
                    inert(path), "not a file name", hint="give a file name such as crisis.yaml"
                )
            ]
        )
    write_output(path, starter_text(path).encode("utf-8"))
    shown = inert(path)
    print(
        f"wrote {shown}: a starter scenario (5 places, 4 roads, 3 events, placeholders marked "
        f"as assumptions).\nNext: corridor validate {shown}, then corridor {shown}",
        file=sys.stderr,
    )
    return 0
