"""`corridor simulate`: play games headless with a policy, export the figures as CSV (with HXL
hashtags), summarise many seeds, and score a policy against the no-intervention baseline.

    corridor simulate [SCENARIO] --seed N [--turns T] [--policy P] [--csv FILE] [--hxl]
                      [--runs K] [--workers W] [--difficulty D] [--save FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.errors import CorridorError, Diagnostic

# Final figures summarised across seeds (`--runs K`).
SUMMARY_FIGURES: tuple[str, ...] = (
    "displaced_since_december",
    "sheltered",
    "unsheltered",
    "trapped",
    "harmed_estimate",
    "needs_covered_pct",
    "convoys_delivered",
    "convoys_blocked",
    "localities_taken",
    "evacuated",
)
SCORE_FIGURES: tuple[str, ...] = (
    "needs_met_per_day",
    "extra_sheltered_per_day",
    "reached_per_day",
    "evacuated",
    "harm_avoided",
    "helped",
)


def _error(where: str, message: str, hint: str) -> CorridorError:
    return CorridorError([Diagnostic(file=where, message=message, hint=hint)])


def run(args: argparse.Namespace) -> int:
    from game.engine.policies import POLICIES
    from game.paths import resolve_scenario
    from game.scenario import load_scenario

    if args.policy not in POLICIES:
        raise _error(
            "--policy", f"unknown policy {args.policy!r}", f"choose one of: {', '.join(POLICIES)}"
        )
    path = resolve_scenario(args.scenario)
    scenario = load_scenario(path)
    _freeze_heap()
    known = [d.id for d in scenario.difficulties]
    if args.difficulty is not None and args.difficulty not in known:
        raise _error(
            "--difficulty",
            f"unknown difficulty {args.difficulty!r}",
            f"this scenario has: {', '.join(known) or 'no presets'}",
        )
    if args.save and args.runs > 1:
        raise _error("--save", "--save records one game", "drop --runs, or --save")
    seeds = list(range(args.seed, args.seed + args.runs))
    out = sys.stderr if args.csv == "-" else sys.stdout
    if args.runs == 1:
        return _one(args, scenario, seeds[0], out)
    results = run_many(
        str(path),
        seeds,
        args.policy,
        args.turns,
        args.difficulty,
        args.workers,
        rows=bool(args.csv),
    )
    if args.csv:
        rows = [row for result in results for row in result.rows]
        write_csv(args.csv, rows, hxl=args.hxl, extra=("seed", "policy"))
    print(summary_text(results, args.policy, scenario.meta.title), file=out)
    return 0


def _one(args: argparse.Namespace, scenario: Any, seed: int, out: Any) -> int:
    from game.engine.score import score_game
    from game.engine.simulate import run_game

    record = run_game(scenario, seed, args.policy, turns=args.turns, difficulty=args.difficulty)
    if args.save:
        save_record(record, args.save)
    if args.csv:
        write_csv(args.csv, [f.as_row() for f in record.figures], hxl=args.hxl)
    final = record.figures[-1]
    print(
        f"{scenario.meta.title}: seed {seed}, policy {record.policy}, "
        f"{record.turns} turns to {final.date.isoformat()}",
        file=out,
    )
    for name in SUMMARY_FIGURES:
        print(f"  {name:26s} {_fmt(getattr(final, name))}", file=out)
    print("  (harm figures are model estimates)", file=out)
    if record.policy != "none":
        print("Against the no-intervention baseline from the same seed:", file=out)
        for line in score_game(record).lines():
            print(f"  {line}", file=out)
    return 0


def save_record(record: Any, target: str) -> Path:
    """Write a replayable save of a played record through the saves helper's `GameSession`
    (the save format is theirs): replays its orders into a session without autosave."""
    from game.app.session import GameSession

    session = GameSession.new(
        record.scenario, record.seed, difficulty=record.difficulty, autosave=False
    )
    for turn, orders in enumerate(record.orders, start=1):
        for order in orders:
            reason = session.queue(order)
            if reason is not None:
                raise _error(
                    target,
                    f"turn {turn}: the session refused an order: {reason}",
                    "report this: the policy and the session disagree",
                )
        session.end_turn()
    return session.save_to(target)


# --- many seeds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunResult:
    """One game's outcome, small enough to send back from a worker process."""

    seed: int
    final: dict[str, float]
    score: dict[str, float] | None
    rows: tuple[tuple, ...]


_SCENARIOS: dict[tuple[str, int | None], Any] = {}


def _scenario(path: str, turns: int | None) -> Any:
    key = (path, turns)
    if key not in _SCENARIOS:
        from game.engine.simulate import with_turns
        from game.scenario import load_scenario

        scenario = load_scenario(path)
        _SCENARIOS[key] = with_turns(scenario, turns) if turns else scenario
        _freeze_heap()
    return _SCENARIOS[key]


def _freeze_heap() -> None:
    """Move what is loaded so far (modules, the scenario) out of the cyclic garbage collector's
    sight: headless games keep every state, and each collection would walk it all again."""
    import gc

    gc.collect()
    gc.freeze()


def play_one(job: tuple[str, int, str, int | None, str | None, bool]) -> RunResult:
    """Play one seed (and its baseline if the policy is not `none`); runs in workers too."""
    from game.engine.score import score
    from game.engine.simulate import run_game

    path, seed, policy, turns, difficulty, want_rows = job
    scenario = _scenario(path, turns)
    record = run_game(scenario, seed, policy, difficulty=difficulty)
    final = record.figures[-1]
    figures = {name: getattr(final, name) for name in SUMMARY_FIGURES}
    result_score = None
    if policy != "none":
        base = run_game(scenario, seed, "none", difficulty=difficulty)
        s = score(record, base)
        result_score = {name: float(getattr(s, name)) for name in SCORE_FIGURES}
    rows: tuple[tuple, ...] = ()
    if want_rows:
        rows = tuple((*f.as_row(), seed, policy) for f in record.figures)
    return RunResult(seed, figures, result_score, rows)


def run_many(
    path: str,
    seeds: Sequence[int],
    policy: str,
    turns: int | None,
    difficulty: str | None,
    workers: int,
    rows: bool = False,
) -> list[RunResult]:
    """Play every seed, in `workers` processes if more than one; results in seed order."""
    jobs = [(path, seed, policy, turns, difficulty, rows) for seed in seeds]
    if workers <= 1 or len(jobs) <= 1:
        return [play_one(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        return list(pool.map(play_one, jobs, chunksize=max(1, len(jobs) // (4 * workers))))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) with linear interpolation between order statistics."""
    data = sorted(values)
    if not data:
        return 0.0
    pos = (len(data) - 1) * q
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def summary_text(results: Sequence[RunResult], policy: str, title: str) -> str:
    """Median and 10-90% range of the final figures (and of the score) across seeds."""
    seeds = [r.seed for r in results]
    lines = [
        f"{title}: policy {policy}, {len(results)} runs (seeds {seeds[0]}..{seeds[-1]})",
        f"  {'final figure':26s} {'median':>12s} {'10%':>12s} {'90%':>12s}",
    ]
    for name in SUMMARY_FIGURES:
        values = [r.final[name] for r in results]
        lines.append(_summary_line(name, values))
    scored = [r.score for r in results if r.score is not None]
    if scored:
        lines.append("  against the no-intervention baseline (same seeds):")
        for name in SCORE_FIGURES:
            lines.append(_summary_line(name, [s[name] for s in scored]))
    lines.append("  (harm figures are model estimates)")
    return "\n".join(lines)


def _summary_line(name: str, values: Sequence[float]) -> str:
    return (
        f"  {name:26s} {_fmt(statistics.median(values)):>12s} "
        f"{_fmt(percentile(values, 0.1)):>12s} {_fmt(percentile(values, 0.9)):>12s}"
    )


def _fmt(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


# --- CSV ----------------------------------------------------------------------------------------


def csv_text(rows: Sequence[Sequence[Any]], hxl: bool = False, extra: Sequence[str] = ()) -> str:
    """The CSV: header (CSV_COLUMNS first), optional HXL hashtag row, one row per turn."""
    from game.engine.outcomes import ALL_COLUMNS, HXL_TAGS

    columns = (*ALL_COLUMNS, *extra)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    if hxl:
        writer.writerow([HXL_TAGS.get(c, "") for c in columns])
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(
    target: str, rows: Sequence[Sequence[Any]], hxl: bool = False, extra: Sequence[str] = ()
) -> None:
    """Write to `target` ('-' = stdout) through the one output writer (`game.saves.output`)."""
    from game.saves.output import write_output

    write_output(target, csv_text(rows, hxl=hxl, extra=extra).encode("utf-8"))
