"""`corridor simulate`: play games headless with a policy, export the figures as CSV (with HXL
hashtags), summarise many seeds, and score a policy against the no-intervention baseline.

    corridor simulate [SCENARIO] --seed N [--turns T] [--policy P] [--csv FILE] [--hxl]
                      [--runs K] [--workers W] [--difficulty D] [--save FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from game.commands.csv_output import csv_output
from game.commands.places_csv import PLACE_COLUMNS, PLACE_HXL, place_rows
from game.errors import CorridorError, Diagnostic
from game.inert import inert

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
    from game.commands.options import check_seed_run, usable_workers
    from game.engine.policies import POLICIES
    from game.paths import resolve_scenario
    from game.saves.output import check_distinct, target_kind
    from game.scenario import load_scenario

    # Everything that can be refused is, before the scenario loads and any game is played.
    if args.policy not in POLICIES:
        raise _error(
            "--policy", f"unknown policy {args.policy!r}", f"choose one of: {', '.join(POLICIES)}"
        )
    if args.save and args.runs > 1:
        raise _error("--save", "--save records one game", "drop --runs, or --save")
    if args.places_csv and args.runs > 1:
        raise _error("--places-csv", "--places-csv records one game", "drop --runs")
    check_seed_run(args.seed, args.runs)
    for target in (args.csv, args.save, args.places_csv):
        if target is not None:
            target_kind(target)
    path = resolve_scenario(args.scenario)
    outputs = {"--csv": args.csv, "--save": args.save, "--places-csv": args.places_csv}
    check_distinct({k: v for k, v in outputs.items() if v}, {"scenario": str(path)})
    workers, note = usable_workers(args.workers) if args.runs > 1 else (1, None)
    if note:
        print(note, file=sys.stderr)
    scenario = load_scenario(path)
    _freeze_heap()
    known = [d.id for d in scenario.difficulties]
    if args.difficulty is not None and args.difficulty not in known:
        raise _error(
            "--difficulty",
            f"unknown difficulty {inert(args.difficulty)!r}",
            f"this scenario has: {', '.join(known) or 'no presets'}",
        )
    out = sys.stderr if "-" in (args.csv, args.places_csv) else sys.stdout
    if args.runs == 1:
        return _one(args, scenario, args.seed, out)
    seeds = range(args.seed, args.seed + args.runs)
    summary = Summary(args.policy)
    with csv_output(args.csv, args.hxl, extra=("seed", "policy")) as table:
        results = play_many(
            str(path), seeds, args.policy, args.turns, args.difficulty, workers, rows=bool(table)
        )
        for result in results:
            summary.add(result)
            if table is not None:
                table.rows(result.rows)
    print(summary.text(inert(scenario.meta.title)), file=out)
    return 0


def _one(args: argparse.Namespace, scenario: Any, seed: int, out: Any) -> int:
    """One game, played turn by turn into the CSV and the save as it goes: nothing of it is
    kept but its end, however many turns it lasts."""
    from game.engine.score import score_game
    from game.engine.simulate import PlayedTurn, play_to_end

    save: Any = None

    def each(played: PlayedTurn) -> None:
        nonlocal save
        if played.turn == 0:
            if args.save:
                from game.app.headless import HeadlessSave

                save = HeadlessSave(played_scenario, seed, args.difficulty, played.state)
            return
        if table is not None and played.figures is not None:
            table.row(played.figures.as_row())
        if places is not None:
            places.rows(place_rows(played))
        if save is not None:
            save.add(played.orders, played.state, played.figures)

    played_scenario = _with_turns(scenario, args.turns)
    layout = (PLACE_COLUMNS, PLACE_HXL)
    with (
        csv_output(args.csv, args.hxl) as table,
        csv_output(args.places_csv, args.hxl, layout=layout) as places,
    ):
        outcome = play_to_end(played_scenario, seed, args.policy, None, args.difficulty, each)
        if save is not None:
            from game.saves.output import write_output

            write_output(args.save, save.to_bytes(str(args.save)))
    final = outcome.final_figures
    assert final is not None  # a game lasts at least one turn
    print(
        f"{inert(scenario.meta.title)}: seed {seed}, policy {outcome.policy}, "
        f"{outcome.turns} turns to {final.date.isoformat()}",
        file=out,
    )
    for name in SUMMARY_FIGURES:
        print(f"  {name:26s} {_fmt(getattr(final, name))}", file=out)
    print("  (harm figures are model estimates)", file=out)
    if outcome.policy != "none":
        print("Against the no-intervention baseline from the same seed:", file=out)
        for line in score_game(outcome).lines():
            print(f"  {line}", file=out)
    return 0


def _with_turns(scenario: Any, turns: int | None) -> Any:
    from game.engine.simulate import with_turns

    return with_turns(scenario, turns) if turns else scenario


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
    sight: each collection during the games would walk it all again."""
    import gc

    gc.collect()
    gc.freeze()


def play_one(job: tuple[str, int, str, int | None, str | None, bool]) -> RunResult:
    """Play one seed (and its baseline if the policy is not `none`); runs in workers too.
    Only the game's end is kept (and its CSV rows, if asked)."""
    from game.engine.score import score
    from game.engine.simulate import PlayedTurn, play_to_end

    path, seed, policy, turns, difficulty, want_rows = job
    scenario = _scenario(path, turns)
    rows: list[tuple] = []

    def each(played: PlayedTurn) -> None:
        if want_rows and played.figures is not None:
            rows.append((*played.figures.as_row(), seed, policy))

    outcome = play_to_end(scenario, seed, policy, difficulty=difficulty, each=each)
    final = outcome.final_figures
    figures = {name: getattr(final, name) for name in SUMMARY_FIGURES}
    result_score = None
    if policy != "none":
        base = play_to_end(scenario, seed, "none", difficulty=difficulty)
        s = score(outcome, base)
        result_score = {name: float(getattr(s, name)) for name in SCORE_FIGURES}
    return RunResult(seed, figures, result_score, tuple(rows))


def _play_chunk(job: tuple[str, int, int, str, int | None, str | None, bool]) -> list[RunResult]:
    path, first, count, policy, turns, difficulty, rows = job
    return [
        play_one((path, seed, policy, turns, difficulty, rows))
        for seed in range(first, first + count)
    ]


CHUNK_SEEDS = 8  # seeds a worker plays per task: fewer round trips, results still in order


def play_many(
    path: str,
    seeds: range,
    policy: str,
    turns: int | None,
    difficulty: str | None,
    workers: int,
    rows: bool = False,
) -> Iterator[RunResult]:
    """Play every seed, in `workers` processes if more than one; results in seed order, as
    they come. At most a few tasks per worker are in flight, so neither the seeds nor the
    results are ever all in memory, whatever `--runs` is."""
    if workers <= 1 or len(seeds) <= 1:
        for seed in seeds:
            yield play_one((path, seed, policy, turns, difficulty, rows))
        return
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    chunks = (
        (path, first, min(CHUNK_SEEDS, seeds.stop - first), policy, turns, difficulty, rows)
        for first in range(seeds.start, seeds.stop, CHUNK_SEEDS)
    )
    with ProcessPoolExecutor(max_workers=min(workers, len(seeds))) as pool:
        pending: deque[Future[list[RunResult]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_play_chunk, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) with linear interpolation between order statistics."""
    data = sorted(values)
    if not data:
        return 0.0
    pos = (len(data) - 1) * q
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


class Summary:
    """The final figures of many games, kept as plain arrays of numbers (8 bytes a figure a
    game), for the median and the 10-90% range."""

    def __init__(self, policy: str) -> None:
        self.policy = policy
        self.first_seed: int | None = None
        self.last_seed: int | None = None
        self.count = 0
        self.final = {name: array("d") for name in SUMMARY_FIGURES}
        self.score = {name: array("d") for name in SCORE_FIGURES}

    def add(self, result: RunResult) -> None:
        if self.first_seed is None:
            self.first_seed = result.seed
        self.last_seed = result.seed
        self.count += 1
        for name in SUMMARY_FIGURES:
            self.final[name].append(float(result.final[name]))
        if result.score is not None:
            for name in SCORE_FIGURES:
                self.score[name].append(result.score[name])

    def text(self, title: str) -> str:
        """Median and 10-90% range of the final figures (and of the score) across seeds."""
        lines = [
            f"{title}: policy {self.policy}, {self.count} runs "
            f"(seeds {self.first_seed}..{self.last_seed})",
            f"  {'final figure':26s} {'median':>12s} {'10%':>12s} {'90%':>12s}",
        ]
        for name in SUMMARY_FIGURES:
            lines.append(_summary_line(name, self.final[name]))
        if self.score[SCORE_FIGURES[0]]:
            lines.append("  against the no-intervention baseline (same seeds):")
            for name in SCORE_FIGURES:
                lines.append(_summary_line(name, self.score[name]))
        lines.append("  (harm figures are model estimates)")
        return "\n".join(lines)


def summary_text(results: Sequence[RunResult], policy: str, title: str) -> str:
    """Median and 10-90% range of the final figures (and of the score) across seeds."""
    summary = Summary(policy)
    for result in results:
        summary.add(result)
    return summary.text(title)


def _summary_line(name: str, values: Sequence[float]) -> str:
    return (
        f"  {name:26s} {_fmt(statistics.median(values)):>12s} "
        f"{_fmt(percentile(values, 0.1)):>12s} {_fmt(percentile(values, 0.9)):>12s}"
    )


def _fmt(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"
