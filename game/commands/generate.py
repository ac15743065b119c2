"""`corridor generate`: write a synthetic country-scale scenario (for benchmarks, scale tests)."""

from __future__ import annotations

import argparse
import sys
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
    from game.inert import inert
    from game.saves.output import STDOUT, target_kind, write_output

    target_kind(args.output)  # a target that cannot be written is refused before the work
    text = generate_yaml(args.locations, args.seed, base_sections())
    write_output(args.output, text.encode("utf-8"))
    if args.output != STDOUT:
        print(
            f"wrote {inert(args.output)}: {args.locations} locations, seed {args.seed}",
            file=sys.stderr,
        )
    return 0
