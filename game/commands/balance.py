"""`corridor balance`: every built-in policy over many seeds against the baseline of each seed;
writes the balance report (docs/balance.md).

    corridor balance [SCENARIO] [--seeds N] [--first-seed S] [--policies P,Q] [--difficulty D]
                     [--workers W] [-o FILE]
"""

from __future__ import annotations

import argparse
import sys

from game.errors import CorridorError, Diagnostic

DEFAULT_COMMAND = "corridor balance --seeds 20 --workers 2 -o docs/balance.md"


def _error(where: str, message: str, hint: str) -> CorridorError:
    return CorridorError([Diagnostic(file=where, message=message, hint=hint)])


def run(args: argparse.Namespace) -> int:
    from game.app.balance import measure, render
    from game.commands.options import check_seed_run, usable_workers
    from game.engine.policies import POLICIES
    from game.paths import resolve_scenario
    from game.saves.output import STDOUT, check_distinct, target_kind
    from game.scenario import load_scenario

    check_seed_run(args.first_seed, args.seeds, "--first-seed")
    output = args.output or STDOUT
    target_kind(output)  # a target that cannot be written is refused before the games
    workers, note = usable_workers(args.workers)
    if note:
        print(note, file=sys.stderr)
    policies = [p.strip() for p in args.policies.split(",") if p.strip()] if args.policies else []
    for name in policies:
        if name not in POLICIES:
            raise _error("--policies", f"unknown policy {name!r}", f"known: {', '.join(POLICIES)}")
    path = resolve_scenario(args.scenario)
    check_distinct({"-o": output}, {"scenario": str(path)})
    scenario = load_scenario(path)  # reports a broken file before any game is played
    known = [d.id for d in scenario.difficulties]
    if args.difficulty is not None and args.difficulty not in known:
        raise _error(
            "--difficulty",
            f"unknown difficulty {args.difficulty!r}",
            f"this scenario has: {', '.join(known) or 'no presets'}",
        )
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    report = measure(path, seeds, policies or None, args.difficulty, workers)
    command = " ".join(["corridor", "balance", *_shown_args(args)])
    text = render(report, command)
    from game.inert import inert
    from game.saves.output import write_output

    write_output(output, text.encode("utf-8"))
    if output != STDOUT:
        print(f"wrote {inert(output)} ({len(seeds)} seeds per policy)", file=sys.stderr)
    return 0


def _shown_args(args: argparse.Namespace) -> list[str]:
    """The arguments that change the report, as a reader would type them again."""
    shown = [args.scenario] if args.scenario else []
    shown += ["--seeds", str(args.seeds)]
    if args.first_seed != 1:
        shown += ["--first-seed", str(args.first_seed)]
    if args.policies:
        shown += ["--policies", args.policies]
    if args.difficulty:
        shown += ["--difficulty", args.difficulty]
    if args.output and args.output != "-":
        shown += ["-o", args.output]
    return shown
