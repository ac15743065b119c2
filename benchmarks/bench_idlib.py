"""Median engine turn on the Idlib scenario: from the engine helper's bench_engine.py when it
is there (one implementation of that figure), else timed here the same way as the synthetic
turns (`step` with no orders, every turn of a few games)."""

from __future__ import annotations

from benchmarks.adapt import call_module
from benchmarks.common import Figure, Section


def run(baseline_s: float, quick: bool = False) -> Section:
    section = Section()
    figures, reason = call_module("benchmarks.bench_engine", "idlib_turn_ms", quick=quick)
    value = figures.get("idlib_turn_ms")
    note = "from bench_engine.py"
    if value is None:
        try:
            from benchmarks.bench_turns import median_turn_ms
            from game.paths import bundled_scenario
            from game.scenario import load_scenario

            scenario = load_scenario(bundled_scenario())
            value, _ = median_turn_ms(scenario, seeds=2 if quick else 10, turns=30)
            note = f"timed here ({reason or 'bench_engine gave no idlib_turn_ms'})"
        except ImportError as error:
            section.figures.append(
                Figure("idlib_turn_ms", None, "ms", "<= 2", note=f"engine not available: {error}")
            )
            return section
    section.figures.append(
        Figure(
            "idlib_turn_ms",
            float(value),
            "ms",
            "<= 2",
            float(value) / (baseline_s * 1000),
            "baseline",
            note=note,
        )
    )
    section.extra["bench_engine"] = {k: v for k, v in figures.items() if k != "idlib_turn_ms"}
    return section
