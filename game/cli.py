"""The command line: `corridor [COMMAND] ...` and `python -m game ...`.

Each command's work lives in `game/commands/<name>.py` as `run(args) -> int`, imported only when
that command runs, so that start-up stays fast. User errors (`CorridorError`) become messages on
stderr and exit status 2 here, in one place.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from game import __version__
from game.errors import EXIT_USER_ERROR, CorridorError


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("seed must be between 0 and 2**63-1")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="corridor",
        description="Corridor: a humanitarian strategy game for the terminal (Idlib, Jan 2020). "
        "With no command, opens the title screen on the bundled Idlib scenario.",
    )
    parser.add_argument("--version", action="version", version=f"corridor {__version__}")
    parser.add_argument(
        "--saves-dir",
        metavar="DIR",
        help="where saves and autosaves go (default: $CORRIDOR_SAVES or ./saves)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="start a new game (or load one with --load)")
    play.add_argument("scenario", nargs="?", help="scenario file or bundled name (default: idlib)")
    play.add_argument("--seed", type=_seed, default=None, help="random seed (default: random)")
    play.add_argument("--difficulty", metavar="ID", help="difficulty preset id of the scenario")
    play.add_argument("--load", metavar="FILE", help="continue a saved game")

    load = sub.add_parser("load", help="continue a saved game")
    load.add_argument("file", help="save file")

    validate = sub.add_parser("validate", help="check scenario files and summarise them")
    validate.add_argument("files", nargs="+", metavar="FILE")

    schema = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    sim = sub.add_parser("simulate", help="run games headless with a policy")
    sim.add_argument("scenario", nargs="?", help="scenario file or bundled name (default: idlib)")
    sim.add_argument("--seed", type=_seed, default=1, help="random seed (default: 1)")
    sim.add_argument("--turns", type=_positive, help="turns to play (default: the scenario's)")
    sim.add_argument("--policy", default="none", help="none (baseline) or a built-in policy")
    sim.add_argument("--difficulty", metavar="ID", help="difficulty preset id")
    sim.add_argument("--csv", metavar="FILE", help="per-turn figures as CSV ('-' = stdout)")
    sim.add_argument("--hxl", action="store_true", help="add a row of HXL hashtags to the CSV")
    sim.add_argument("--runs", type=_positive, default=1, help="games over seeds seed..seed+K-1")
    sim.add_argument("--workers", type=_positive, default=1, help="processes for --runs")
    sim.add_argument("--save", metavar="FILE", help="write a replayable save of the game")

    bal = sub.add_parser(
        "balance", help="every built-in policy over many seeds against the baseline (report)"
    )
    bal.add_argument("scenario", nargs="?", help="scenario file or bundled name (default: idlib)")
    bal.add_argument("--seeds", type=_positive, default=20, help="seeds per policy (default: 20)")
    bal.add_argument("--first-seed", type=_seed, default=1, help="first seed (default: 1)")
    bal.add_argument("--policies", metavar="P,Q", help="policies to play (default: all)")
    bal.add_argument("--difficulty", metavar="ID", help="difficulty preset id")
    bal.add_argument("--workers", type=_positive, default=1, help="processes (default: 1)")
    bal.add_argument("-o", "--output", metavar="FILE", help="write the Markdown report to FILE")

    replay = sub.add_parser("replay", help="watch a saved game, or --verify it headless")
    replay.add_argument("file", help="save file")
    replay.add_argument("--verify", action="store_true", help="re-simulate and check every hash")

    gen = sub.add_parser("generate", help="write a synthetic country-scale scenario")
    gen.add_argument("--locations", type=_positive, default=6000)
    gen.add_argument("--seed", type=_seed, default=1)
    gen.add_argument("-o", "--output", metavar="FILE", required=True)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "play"
    if args.command is None:
        args.scenario, args.seed, args.difficulty, args.load = None, None, None, None
        args.title = True
    else:
        args.title = False
    module = importlib.import_module(f"game.commands.{command}")
    try:
        return int(module.run(args))
    except CorridorError as error:
        print(error.format(), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
