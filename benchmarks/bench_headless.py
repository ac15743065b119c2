"""Headless throughput: full Idlib games with no player orders, on every core.

Each worker process loads the scenario once and plays whole games (`run_game`, policy `none`)
over consecutive seeds; the figure is games finished per wall-clock second across workers,
the median of a few rounds. Pool start-up and scenario loading are outside the timed part.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import statistics
import time
from typing import Any

from benchmarks.common import Figure, Section

_SCENARIO: Any = None


def _init(path: str, freeze: bool = False) -> None:
    global _SCENARIO
    from game.scenario import load_scenario

    _SCENARIO = load_scenario(path)
    from game.engine.simulate import run_game

    run_game(_SCENARIO, 0, "none")  # warm: compiled network, imports
    if freeze:  # the variant: long-lived objects out of the cyclic GC's way
        gc.collect()
        gc.freeze()


def _play(seeds: range) -> int:
    from game.engine.simulate import run_game

    for seed in seeds:
        run_game(_SCENARIO, seed, "none")
    return len(seeds)


def games_per_second(
    path: str, workers: int, games: int, rounds: int, freeze: bool = False
) -> list[float]:
    """Games per second in each of `rounds` rounds of `games` games over `workers` processes
    (`freeze`: each worker calls gc.freeze() after loading, a variant for comparison)."""
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    rates = []
    with ctx.Pool(workers, initializer=_init, initargs=(path, freeze)) as pool:
        pool.map(_play, [range(0, 1)] * workers)  # every worker initialised before timing
        for r in range(rounds):
            per = games // workers
            chunks = [range(1000 * r + k * per, 1000 * r + (k + 1) * per) for k in range(workers)]
            t0 = time.perf_counter()
            done = sum(pool.map(_play, chunks))
            rates.append(done / (time.perf_counter() - t0))
    return rates


def _games_for(path: str, workers: int, seconds: float) -> int:
    """How many games make a round of about `seconds` (so a slow engine keeps the suite
    short and a fast one is still timed over enough games): 20..400, a multiple of workers."""
    from game.engine.simulate import run_game
    from game.scenario import load_scenario

    scenario = load_scenario(path)
    run_game(scenario, 0, "none")
    t0 = time.perf_counter()
    run_game(scenario, 1, "none")
    per_game = max(1e-4, time.perf_counter() - t0)
    games = int(seconds * workers / per_game)
    return max(20, min(400, games - games % workers))


def run(baseline_s: float, quick: bool = False) -> Section:
    from game.paths import bundled_scenario

    section = Section()
    try:
        from game.engine.simulate import run_game  # noqa: F401
    except ImportError as error:
        section.figures.append(
            Figure(
                "headless_games_per_s",
                None,
                "games/s",
                ">= 100",
                note=f"run_game not available ({error})",
            )
        )
        return section
    workers = max(1, min(2, os.cpu_count() or 1))
    rounds = 1 if quick else 3
    games = 20 if quick else _games_for(str(bundled_scenario()), workers, seconds=6.0)
    rates = games_per_second(str(bundled_scenario()), workers, games, rounds)
    rate = statistics.median(rates)
    section.figures.append(
        Figure(
            "headless_games_per_s",
            rate,
            "games/s",
            ">= 100",
            rate * baseline_s,
            "games per baseline",
            note=f"{workers} processes, {games} games x {rounds}",
        )
    )
    section.extra["headless_rates"] = rates
    if not quick:
        frozen = games_per_second(str(bundled_scenario()), workers, games, 1, freeze=True)[0]
        section.figures.append(
            Figure(
                "headless_games_per_s_gc_frozen",
                frozen,
                "games/s",
                "",
                frozen * baseline_s,
                "games per baseline",
                note="variant: gc.freeze() after loading in each worker (1 round)",
            )
        )
    return section
