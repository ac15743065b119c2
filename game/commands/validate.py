"""`corridor validate FILE...`: check scenario files; one summary line per valid file.

Every file is checked even if an earlier one fails; problems go to stderr and the exit status is
2 if any file is invalid. Likely mistakes in a valid file (`game.scenario.lint`) are printed as
warnings, on stderr, and leave the status at 0 (1 with `--strict`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.errors import EXIT_USER_ERROR, Diagnostic, ScenarioError
from game.inert import inert
from game.scenario.model import Scenario


def run(args: argparse.Namespace) -> int:
    from game.paths import resolve_scenario
    from game.scenario.load import load_scenario

    status = 0
    for arg in args.files:
        path = resolve_scenario(arg)
        try:
            if Path(arg) != path:  # a bundled name
                if not path.exists():
                    raise _unknown_name(arg)
                path = _shown(path)
            warnings: list[Diagnostic] = []
            scenario = load_scenario(path, warnings=warnings)
        except ScenarioError as error:
            print(error.format(), file=sys.stderr)
            count = len(error.diagnostics)
            print(
                f"{inert(str(path))}: invalid — {count} error{'s' if count != 1 else ''}",
                file=sys.stderr,
            )
            status = EXIT_USER_ERROR
            continue
        for warning in warnings:
            print(warning.format(), file=sys.stderr)
        line = summary(str(path), scenario)
        if warnings:
            line += f", {_count(len(warnings), 'warning')}"
            if getattr(args, "strict", False) and status == 0:
                status = 1
        print(inert(line))
    return status


def _shown(path: Path) -> Path:
    """A bundled scenario's path relative to the working directory when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


def _unknown_name(arg: str) -> ScenarioError:
    from game.paths import scenarios_dir

    bundled = sorted(p.stem for p in scenarios_dir().glob("*.yaml"))
    names = ", ".join(bundled) if bundled else "none found"
    return ScenarioError(
        [
            Diagnostic(
                arg,
                f"`{arg}` is neither a file nor a bundled scenario",
                hint=f"give the path of a .yaml file, or a bundled scenario name ({names})",
            )
        ]
    )


def summary(name: str, scenario: Scenario) -> str:
    """`name: ok — 28 locations, 41 roads, 17 events, 1,234,567 people`."""
    people = sum(location.population for location in scenario.locations)
    return (
        f"{name}: ok — {_count(len(scenario.locations), 'location')}, "
        f"{_count(len(scenario.roads), 'road')}, {_count(len(scenario.timeline), 'event')}, "
        f"{people:,} people"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
