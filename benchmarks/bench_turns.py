"""Engine turn time on synthetic countries: the 6,000-place figure and the scaling curve.

Each size: generate (in process, deterministic), load and validate through the real loader,
then time `step` turn by turn on a game with no player orders; the figure is the median turn.
A 20,000-place file is larger than the loader's 5 MiB safety cap, so for that size only the
cap is lifted inside this process (the file is our own generated text, not hostile input).
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Iterator
from typing import Any

from benchmarks.common import Figure, Section

SYNTHETIC_LOCATIONS = 6000
SCALING_SIZES = (100, 1000, 6000, 20000)


@contextlib.contextmanager
def lifted_size_cap(max_bytes: int) -> Iterator[None]:
    """Raise the loader's size cap for our own generated text, restoring it afterwards."""
    from game.scenario import loader

    old = loader.MAX_BYTES
    loader.MAX_BYTES = max(old, max_bytes)
    try:
        yield
    finally:
        loader.MAX_BYTES = old


def load_synthetic(locations: int, seed: int = 1) -> tuple[Any, dict[str, float]]:
    """Generate, load and validate a synthetic scenario; returns it and the seconds each
    stage took (generate, load = parse + validate)."""
    from game.commands.generate import base_sections
    from game.scenario import load_scenario_bytes
    from game.tools.synthetic import generate_yaml

    t0 = time.perf_counter()
    data = generate_yaml(locations, seed, base_sections()).encode("utf-8")
    t1 = time.perf_counter()
    with lifted_size_cap(len(data) + 1):
        scenario = load_scenario_bytes(data, f"<synthetic {locations}>")
    t2 = time.perf_counter()
    return scenario, {"generate_s": t1 - t0, "load_s": t2 - t1, "bytes": len(data)}


def turn_times(scenario: Any, seed: int, turns: int) -> list[float]:
    """Seconds of each `step` of a game with no orders, for up to `turns` turns."""
    from game.engine import Rng, new_game, step

    state = new_game(scenario, seed)
    rng = Rng(seed)
    times = []
    for _ in range(turns):
        if state.game_over:
            break
        t0 = time.perf_counter()
        state, _events = step(scenario, state, (), rng)
        times.append(time.perf_counter() - t0)
    return times


def median_turn_ms(scenario: Any, seeds: int, turns: int) -> tuple[float, list[float]]:
    """Median turn in ms over `seeds` games of up to `turns` turns, and all the times."""
    all_times: list[float] = []
    for seed in range(1, seeds + 1):
        all_times += turn_times(scenario, seed, turns)
    return statistics.median(all_times) * 1000, all_times


def run(baseline_s: float, quick: bool = False) -> Section:
    """The synthetic figures and the scaling curve."""
    section = Section()
    sizes = (100, 1000) if quick else SCALING_SIZES
    synthetic_n = 1000 if quick else SYNTHETIC_LOCATIONS
    detail: dict[str, Any] = {}
    try:
        from game.engine import new_game, step  # noqa: F401
    except ImportError as error:
        reason = f"engine not available ({error})"
        section.figures.append(Figure("synthetic_locations", synthetic_n, "places"))
        section.figures.append(Figure("synthetic_turn_ms", None, "ms", "<= 50", note=reason))
        for n in SCALING_SIZES:
            section.figures.append(Figure(f"scaling_{n}_turn_ms", None, "ms", note=reason))
        return section
    results: dict[int, float] = {}
    for n in sizes:
        scenario, stages = load_synthetic(n)
        turns = 30 if n <= 6000 else 12
        seeds = 2 if n <= 1000 and not quick else 1
        if quick:
            turns = 5
        ms, times = median_turn_ms(scenario, seeds, turns)
        results[n] = ms
        detail[str(n)] = {
            "locations": len(scenario.locations),
            "roads": len(scenario.roads),
            "turns_timed": len(times),
            "turn_ms_median": ms,
            "turn_ms_max": max(times) * 1000 if times else None,
            "generate_s": stages["generate_s"],
            "load_s": stages["load_s"],
            "file_mb": stages["bytes"] / 1e6,
        }
    if synthetic_n not in results:
        scenario, _ = load_synthetic(synthetic_n)
        results[synthetic_n], _ = median_turn_ms(scenario, 1, 5 if quick else 30)
    base_ms = baseline_s * 1000
    section.figures.append(Figure("synthetic_locations", synthetic_n, "places"))
    syn = results[synthetic_n]
    section.figures.append(
        Figure("synthetic_turn_ms", syn, "ms", "<= 50", syn / base_ms, "baseline")
    )
    load_6000 = detail.get(str(synthetic_n), {}).get("load_s")
    if load_6000 is not None:
        section.figures.append(
            Figure(
                "synthetic_load_s",
                load_6000,
                "s",
                "",
                load_6000 / baseline_s,
                "baseline",
                note=f"parse + validate {synthetic_n} places",
            )
        )
    for n in SCALING_SIZES:
        if n in results:
            per_place = results[n] / (detail[str(n)]["locations"] + detail[str(n)]["roads"])
            section.figures.append(
                Figure(
                    f"scaling_{n}_turn_ms",
                    results[n],
                    "ms",
                    "",
                    results[n] / base_ms,
                    "baseline",
                    note=f"{per_place * 1000:.2f} us per place+road",
                )
            )
        else:
            section.figures.append(
                Figure(f"scaling_{n}_turn_ms", None, "ms", note="skipped in --quick mode")
            )
    section.extra["scaling"] = detail
    return section
