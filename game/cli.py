"""The command line: `corridor [COMMAND] ...` and `python -m game ...`.

Each command's work lives in `game/commands/<name>.py` as `run(args) -> int`, imported only when
that command runs, so that start-up stays fast. User errors (`CorridorError`) become messages on
stderr and exit status 2 here, in one place.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import shutil
import signal
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

from game import __version__
from game.commands.options import (
    BALANCE_SEEDS,
    LOCATIONS,
    PORTS,
    RUNS,
    SEEDS,
    TURNS,
    WORKERS,
    whole_number,
)
from game.errors import EXIT_USER_ERROR, CorridorError
from game.paths import default_saves_dir, shown_path

EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a program a closed pipe ended


SEED = whole_number("seed", SEEDS)


class _Parser(argparse.ArgumentParser):
    """argparse drops a failed write of --help or a usage message and exits 0 all the same;
    here the failure reaches `main`, which reports it."""

    def _print_message(self, message: str, file: Any = None) -> None:
        stream = file or sys.stderr
        if message and stream is not None:
            stream.write(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = _Parser(
        prog="corridor",
        description="Corridor: a humanitarian strategy game for the terminal (Idlib, Jan 2020). "
        "With no command, opens the title screen on the bundled Idlib scenario; "
        "`corridor FILE` opens it on a scenario file (or a bundled name).",
        epilog="Writing a scenario: `corridor new FILE` writes a starter, `corridor validate "
        "FILE` checks it (docs/scenario-format.md), `corridor FILE` plays it.",
    )
    parser.add_argument("--version", action="version", version=f"corridor {__version__}")
    parser.add_argument(
        "--saves-dir",
        metavar="DIR",
        help="where saves and autosaves go (default: $CORRIDOR_SAVES, else "
        f"{shown_path(default_saves_dir())})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="start a new game (or load one with --load)")
    play.add_argument("scenario", nargs="?", help="scenario file or bundled name (default: idlib)")
    play.add_argument(
        "--seed", type=SEED, default=None, help=f"random seed, {SEEDS.text()} (default: random)"
    )
    play.add_argument("--difficulty", metavar="ID", help="difficulty preset id of the scenario")
    play.add_argument("--load", metavar="FILE", help="continue a saved game")

    load = sub.add_parser("load", help="continue a saved game")
    load.add_argument("file", help="save file")

    validate = sub.add_parser("validate", help="check scenario files and summarise them")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument(
        "--strict", action="store_true", help="exit with status 1 if there are warnings"
    )

    new = sub.add_parser(
        "new", help="write a small, commented starter scenario to begin a new one from"
    )
    new.add_argument(
        "file", metavar="FILE", help="the scenario file to write (must not exist; '-' = stdout)"
    )

    schema = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.add_argument(
        "--docs",
        metavar="PAGE",
        nargs="?",
        const="docs/scenario-format.md",
        help="instead, rewrite the generated reference section of PAGE "
        "(default: docs/scenario-format.md) from the format's tables",
    )

    sim = sub.add_parser(
        "simulate",
        help="run games headless with a policy",
        add_help=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sim.add_argument(
        "-h", "--help", action=_PoliciesHelp, help="show this help (with every policy) and exit"
    )
    sim.add_argument("scenario", nargs="?", help="scenario file or bundled name (default: idlib)")
    sim.add_argument(
        "--seed",
        type=SEED,
        default=1,
        help=f"random seed, {SEEDS.text()}; with --runs K, seed+K-1 too (default: 1)",
    )
    sim.add_argument(
        "--turns",
        type=whole_number("--turns", TURNS),
        help=f"turns to play, {TURNS.text()} (default: the scenario's)",
    )
    sim.add_argument(
        "--policy",
        default="none",
        help="none (the baseline) or a built-in policy, listed below (default: none)",
    )
    sim.add_argument("--difficulty", metavar="ID", help="difficulty preset id")
    sim.add_argument("--csv", metavar="FILE", help="per-turn figures as CSV ('-' = stdout)")
    sim.add_argument(
        "--places-csv",
        metavar="FILE",
        help="one row per place per turn as CSV ('-' = stdout): residents, displaced in and "
        "without shelter, trapped, harm estimate",
    )
    sim.add_argument(
        "--hxl", action="store_true", help="add a row of HXL hashtags to the CSV files"
    )
    sim.add_argument(
        "--runs",
        type=whole_number("--runs", RUNS),
        default=1,
        metavar="K",
        help=f"games over seeds seed..seed+K-1, {RUNS.text()} (default: 1)",
    )
    sim.add_argument(
        "--workers",
        type=whole_number("--workers", WORKERS),
        default=1,
        metavar="W",
        help=f"processes for --runs, {WORKERS.text()}, capped at the CPU count (default: 1)",
    )
    sim.add_argument("--save", metavar="FILE", help="write a replayable save of the game")

    bal = sub.add_parser(
        "balance", help="every built-in policy over many seeds against the baseline (report)"
    )
    bal.add_argument("scenario", nargs="?", help="scenario file or bundled name (default: idlib)")
    bal.add_argument(
        "--seeds",
        type=whole_number("--seeds", BALANCE_SEEDS),
        default=20,
        metavar="N",
        help=f"seeds per policy, {BALANCE_SEEDS.text()} (default: 20)",
    )
    bal.add_argument(
        "--first-seed",
        type=SEED,
        default=1,
        metavar="S",
        help=f"first seed, {SEEDS.text()}; S+N-1 too (default: 1)",
    )
    bal.add_argument("--policies", metavar="P,Q", help="policies to play (default: all)")
    bal.add_argument("--difficulty", metavar="ID", help="difficulty preset id")
    bal.add_argument(
        "--workers",
        type=whole_number("--workers", WORKERS),
        default=1,
        metavar="W",
        help=f"processes, {WORKERS.text()}, capped at the CPU count (default: 1)",
    )
    bal.add_argument("-o", "--output", metavar="FILE", help="write the Markdown report to FILE")

    replay = sub.add_parser("replay", help="watch a saved game, or --verify it headless")
    replay.add_argument("file", help="save file")
    replay.add_argument("--verify", action="store_true", help="re-simulate and check every hash")

    _add_serve(sub)

    gen = sub.add_parser("generate", help="write a synthetic country-scale scenario")
    gen.add_argument(
        "--locations",
        type=whole_number("--locations", LOCATIONS),
        default=6000,
        metavar="N",
        help=f"places in the country, {LOCATIONS.text()} (default: 6,000)",
    )
    gen.add_argument(
        "--seed", type=SEED, default=1, help=f"random seed, {SEEDS.text()} (default: 1)"
    )
    gen.add_argument("-o", "--output", metavar="FILE", required=True)

    parser.set_defaults(command_names=tuple(sub.choices))  # for `corridor FILE`
    return parser


class _PoliciesHelp(argparse.Action):
    """`simulate --help`: the usual help, then every built-in policy with one line each (the
    engine's policies are imported only when the help is asked for)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from game.engine.policies import POLICIES

        width = max(40, min(shutil.get_terminal_size().columns, 100) - 2)
        lines = [
            textwrap.fill(
                _first_sentence(policy.__doc__),
                width,
                initial_indent=f"  {name:10s} ",
                subsequent_indent=" " * 13,
            )
            for name, policy in POLICIES.items()
        ]
        parser.epilog = "policies (--policy):\n" + "\n".join(lines)
        parser.print_help()
        parser.exit()


def _first_sentence(doc: str | None) -> str:
    """The first sentence of a docstring, on one line."""
    text = " ".join((doc or "").split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _add_serve(sub: Any) -> None:
    serve = sub.add_parser(
        "serve",
        help="play in a web browser (serves the game on http://127.0.0.1:8000)",
        description="Serve the game to web browsers with textual-serve: open the address it "
        "prints; each browser tab plays its own game, with saves in the same place as the "
        "terminal game. Ctrl+C stops the server.",
    )
    serve.add_argument("scenario", nargs="?", help="scenario file or bundled name (default: idlib)")
    serve.add_argument(
        "--seed", type=SEED, default=None, help=f"random seed of every new game, {SEEDS.text()}"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this computer only). Any other "
        "address, such as 0.0.0.0 (every network interface), lets anyone who can reach this "
        "machine open the page and play: each visitor runs a game process here that reads and "
        "writes the saves directory; plain HTTP, no password",
    )
    serve.add_argument(
        "--port",
        type=whole_number("--port", PORTS),
        default=8000,
        help=f"TCP port to listen on, {PORTS.text()} (default: 8000)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Standard output failing (a closed pipe, a full device) ends the run quietly instead of in a
    traceback: a reader that went away (`| head`) is not an error worth a message, exit status
    141 as for SIGPIPE; any other failure is one line on stderr and exit status 2."""
    try:
        status = _run(argv)
    except OSError as error:
        if not _is_stream_error(error):
            raise  # an error on a named file is a CorridorError by now: this is a bug
        return _stdout_failed(error)
    except SystemExit as done:  # argparse: --help, --version, usage errors
        failure = _flush_stdout()
        if failure is not None:
            return _stdout_failed(failure)
        raise done from None
    failure = _flush_stdout()
    return status if failure is None else _stdout_failed(failure)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    scenario = _scenario_argument(parser, words)
    args = parser.parse_args(words)
    command = args.command or "play"
    if args.command is None:
        args.scenario, args.seed, args.difficulty, args.load = scenario, None, None, None
        args.title = True
    else:
        args.title = False
    module = importlib.import_module(f"game.commands.{command}")
    previous = {} if command in INTERACTIVE else _end_on_signals()
    try:
        return int(module.run(args))
    except CorridorError as error:
        say(error.format())
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


# Commands that run the Textual interface, which handles the terminal's signals itself.
INTERACTIVE = frozenset({"play", "load", "replay"})


def _scenario_argument(parser: argparse.ArgumentParser, words: list[str]) -> str | None:
    """`corridor FILE`: the title screen on a scenario file (or a bundled name). The first
    word that is not an option names a scenario when it is no command and is a file, ends in
    .yaml/.yml or names a bundled scenario; it is taken out of `words`. A misspelt command is
    left for argparse, which says which commands there are."""
    from game.paths import resolve_scenario

    commands = parser.get_default("command_names") or ()
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--saves-dir":
            index += 2
            continue
        if word.startswith("-"):
            if word.startswith("--saves-dir="):
                index += 1
                continue
            return None  # --help, --version: argparse's
        if word in commands:
            return None
        bundled = resolve_scenario(word)
        if os.path.exists(word) or word.endswith((".yaml", ".yml")) or bundled.exists():
            del words[index]
            return word
        return None
    return None


def _end_on_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP end the run through Python's clean-up (a file being written is left
    as it was, its temp file removed) instead of killing it in the middle of a write; returns
    the handlers replaced, to put back."""

    def end(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    replaced = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            replaced[number] = signal.signal(number, end)
    return replaced


def say(text: str) -> None:
    """A message on stderr; nothing (rather than a traceback) if stderr itself is gone."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


# What failing writes to standard output (or error) raise. Errors on files Corridor names carry
# the file's name and become CorridorErrors where they happen; these carry none.
_STREAM_ERRNOS = frozenset(
    {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF, errno.ENXIO}
)


def _is_stream_error(error: OSError) -> bool:
    return error.filename is None and error.errno in _STREAM_ERRNOS


def _flush_stdout() -> OSError | None:
    """Flush standard output; the error if that fails."""
    if sys.stdout is None:
        return None
    try:
        sys.stdout.flush()
    except OSError as error:
        return error
    except ValueError:  # closed
        return None
    return None


def _stdout_failed(error: OSError) -> int:
    """End after standard output failed: later writes (the interpreter's last flush) go to
    /dev/null, so nothing more is printed about it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    if error.errno == errno.EPIPE:
        return EXIT_CLOSED_PIPE
    from game.saves.atomic import reason_of

    reason = "no space left on the device" if error.errno == errno.ENOSPC else reason_of(error)[0]
    say(f"corridor: error: cannot write to standard output: {reason}")
    return EXIT_USER_ERROR
