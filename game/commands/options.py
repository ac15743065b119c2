"""The command line's numbers: each option's range, checked when the arguments are read, before
any work starts, with the range in the error and in `--help`.

A number is written in ASCII digits, optionally after a minus sign: not `1e9`, `0x10`, `1_000`,
`1.0`, fullwidth or Arabic-Indic digits (which Python's `int` would take), nor with spaces.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

_WHOLE = re.compile(r"-?[0-9]+")
_MAX_DIGITS = 30  # anything longer is out of every range; never handed to int()


@dataclass(frozen=True)
class Range:
    """An option's inclusive range and what to call it in messages."""

    low: int
    high: int

    def text(self) -> str:
        return f"{_number(self.low)} to {_number(self.high)}"


def _number(value: int) -> str:
    if value == MAX_SEED:
        return "2**63-1"
    return f"{value:,}"


MAX_SEED = 2**63 - 1
SEEDS = Range(0, MAX_SEED)
RUNS = Range(1, 100_000)
BALANCE_SEEDS = Range(1, 10_000)  # per policy; the report keeps every seed's outcome
WORKERS = Range(1, 1_024)  # and at most the CPUs there are (see `usable_workers`)
# A saved game of this length fits a save comfortably: ~0.7 KB a turn for any policy on the
# Idlib map, ~1.1 KB at most, so 10,000 turns are ~11 MB of the 64 MiB a save may be, with the
# snapshots' 16 MiB and the largest embedded scenario (10 MiB escaped) on top.
TURNS = Range(1, 10_000)
# The largest synthetic country whose file the scenario loader accepts, with a margin: ~585
# bytes a place whatever the seed, so 8,000 places are ~4.7 MB of the loader's 5 MiB (9,100
# is the most that fits for some seeds). tests/reliability/test_option_ranges.py loads it.
LOCATIONS = Range(10, 8_000)
PORTS = Range(1, 65_535)  # TCP ports (`corridor serve --port`)


def whole_number(name: str, allowed: Range) -> Callable[[str], int]:
    """An argparse `type` reading a whole number within `allowed`."""

    def parse(text: str) -> int:
        if not _WHOLE.fullmatch(text) or len(text) > _MAX_DIGITS:
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number from {allowed.text()}, written in digits; "
                f"got {shown!r}"
            )
        value = int(text)
        if not allowed.low <= value <= allowed.high:
            raise argparse.ArgumentTypeError(f"{name} must be from {allowed.text()}, got {text}")
        return value

    parse.__name__ = name  # argparse names the type in some messages
    return parse


def check_seed_run(first: int, count: int, option: str = "--seed") -> None:
    """`CorridorError` unless seeds first..first+count-1 all lie within SEEDS."""
    last = first + count - 1
    if last > SEEDS.high:
        from game.errors import CorridorError, Diagnostic

        raise CorridorError(
            [
                Diagnostic(
                    file=option,
                    message=f"the seeds {first}..{last} go past the largest seed, "
                    f"{SEEDS.high} (2**63-1)",
                    hint=f"use {option} {SEEDS.high - count + 1} or lower, or fewer games",
                )
            ]
        )


def usable_workers(asked: int) -> tuple[int, str | None]:
    """`asked` worker processes capped at the CPUs this process may use; a note if capped."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    if asked <= cpus:
        return asked, None
    return cpus, f"note: --workers {asked:,} capped at {cpus}, the CPUs available"
