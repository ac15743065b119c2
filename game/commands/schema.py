"""`corridor schema [-o FILE]`: print or write the JSON Schema of the scenario format."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from game.inert import inert
    from game.saves.output import STDOUT, write_output
    from game.scenario.schema import schema_text

    target = STDOUT if args.output is None else args.output
    write_output(target, schema_text().encode("utf-8"))
    if target != STDOUT:
        print(f"wrote {inert(args.output)}", file=sys.stderr)
    return 0
