"""Headless throughput: full Idlib games with no player orders, on every core.

Each worker process plays whole games (policy `none`) over consecutive seeds the way a batch
run does (`corridor simulate --runs K --workers W`): through the command's own worker function
`game.commands.simulate.play_one`, which loads the scenario once per process and moves it out of
the cyclic GC's sight (`gc.freeze()`), then plays `run_game` and returns the final figures. The
figure is games finished per wall-clock second across workers, the median of a few rounds. Pool
start-up and scenario loading are outside the timed part. A variant times bare `run_game`
calls without the freeze, as this benchmark did before (the GC then walks the scenario's
objects in every full collection: overhead a real batch run does not pay).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import time
from typing import Any

from benchmarks.common import Figure, Section

_SCENARIO: Any = None


_PATH = ""
_BARE = False


def _init(path: str, bare: bool = False) -> None:
    global _SCENARIO, _PATH, _BARE
    _PATH, _BARE = path, bare
    if bare:  # the variant: the scenario loaded here, no freeze
        from game.engine.simulate import run_game
        from game.scenario import load_scenario

        _SCENARIO = load_scenario(path)
        run_game(_SCENARIO, 0, "none")  # warm: compiled network, imports
    else:
        from game.commands.simulate import play_one

        play_one((path, 0, "none", None, None, False))  # loads, freezes, warms


def _play(seeds: range) -> int:
    if _BARE:
        from game.engine.simulate import run_game

        for seed in seeds:
            run_game(_SCENARIO, seed, "none")
    else:
        from game.commands.simulate import play_one

        for seed in seeds:
            play_one((_PATH, seed, "none", None, None, False))
    return len(seeds)


def games_per_second(
    path: str, workers: int, games: int, rounds: int, bare: bool = False
) -> list[float]:
    """Games per second in each of `rounds` rounds of `games` games over `workers` processes
    (`bare`: bare `run_game` calls without the batch run's gc.freeze(), for comparison)."""
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    rates = []
    with ctx.Pool(workers, initializer=_init, initargs=(path, bare)) as pool:
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
            note=f"{workers} processes, {games} games x {rounds}, as `simulate --runs` plays them",
        )
    )
    section.extra["headless_rates"] = rates
    if not quick:
        bare = games_per_second(str(bundled_scenario()), workers, games, 1, bare=True)[0]
        section.figures.append(
            Figure(
                "headless_games_per_s_bare_run_game",
                bare,
                "games/s",
                "",
                bare * baseline_s,
                "games per baseline",
                note="variant: bare run_game calls, no gc.freeze() (the former way; 1 round)",
            )
        )
    return section
