"""Engine turn-time benchmark (issue 4): the median time of one `step` of the bundled Idlib
scenario, and optionally of a synthetic country-scale scenario, each also printed as a ratio
against baselines measured in the same run: a fixed pure-Python workload
(`benchmarks.common.baseline_workload`) and `state_hash` of the same state.

    python -m benchmarks.bench_engine [--quick] [--synthetic FILE] [--json]

Targets: <= 2 ms a turn for Idlib, <= 50 ms for a 6,000-place scenario. No assertions: the
figures are for reading (and for `python -m benchmarks`, which calls `run`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from typing import Any


def _turn_times(
    scenario: Any, seeds: range, turns: int | None = None, policy: str | None = None
) -> list[float]:
    """Seconds of every `step` (policy orders chosen outside the timing) of several games."""
    from game.engine import Rng, new_game, step
    from game.engine.policies import POLICIES

    choose = POLICIES[policy] if policy else None
    times: list[float] = []
    for seed in seeds:
        state = new_game(scenario, seed)
        rng = Rng(seed)
        played = 0
        while not state.game_over and (turns is None or played < turns):
            orders = choose(scenario, state) if choose else []
            t0 = time.perf_counter()
            state, _ = step(scenario, state, orders, rng)
            times.append(time.perf_counter() - t0)
            played += 1
    return times


def _hash_seconds(scenario: Any, repeats: int) -> float:
    """Median seconds of `state_hash` of the state after five turns."""
    from game.engine import Rng, new_game, state_hash, step

    state = new_game(scenario, 1)
    rng = Rng(1)
    for _ in range(min(5, scenario.meta.turns - 1)):
        state, _ = step(scenario, state, [], rng)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        state_hash(state)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _baseline_seconds(repeats: int) -> float:
    from benchmarks.common import baseline_seconds

    return baseline_seconds(repeats=repeats)


def run(quick: bool = False, synthetic: str | None = None) -> dict[str, float]:
    """Every figure of this benchmark, as a dict (milliseconds and ratios)."""
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    idlib = load_scenario(bundled_scenario("idlib"))
    base = _baseline_seconds(3 if quick else 9)
    seeds = range(1, 3 if quick else 11)
    turn = statistics.median(_turn_times(idlib, seeds))
    greedy = statistics.median(_turn_times(idlib, range(1, 2 if quick else 4), policy="greedy"))
    hashed = _hash_seconds(idlib, 5 if quick else 51)
    figures = {
        "idlib_turn_ms": turn * 1000,
        "idlib_turn_per_baseline": turn / base,
        "idlib_turn_per_state_hash": turn / hashed,
        "idlib_greedy_turn_ms": greedy * 1000,
        "state_hash_ms": hashed * 1000,
        "baseline_ms": base * 1000,
    }
    if synthetic:
        big = load_scenario(synthetic)
        big_turn = statistics.median(_turn_times(big, range(1, 2), turns=5 if quick else 30))
        figures.update(
            {
                "synthetic_locations": float(len(big.locations)),
                "synthetic_turn_ms": big_turn * 1000,
                "synthetic_turn_per_baseline": big_turn / base,
            }
        )
    # the end-of-run baseline says how much the machine's load drifted during the run
    figures["baseline_end_ms"] = _baseline_seconds(3 if quick else 9) * 1000
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few games: a smoke test")
    parser.add_argument("--synthetic", metavar="FILE", help="also time this (large) scenario")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(quick=args.quick, synthetic=args.synthetic)
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    print(f"idlib turn        {figures['idlib_turn_ms']:8.3f} ms  (target <= 2 ms)")
    print(
        f"  per baseline    {figures['idlib_turn_per_baseline']:8.4f}  "
        f"(baseline workload {figures['baseline_ms']:.1f} ms at start, "
        f"{figures['baseline_end_ms']:.1f} ms at end)"
    )
    print(
        f"  per state_hash  {figures['idlib_turn_per_state_hash']:8.3f}  "
        f"(state_hash {figures['state_hash_ms']:.3f} ms)"
    )
    print(f"idlib greedy turn {figures['idlib_greedy_turn_ms']:8.3f} ms  (orders timed apart)")
    if "synthetic_turn_ms" in figures:
        print(
            f"synthetic turn    {figures['synthetic_turn_ms']:8.3f} ms  "
            f"({int(figures['synthetic_locations'])} places; target <= 50 ms)"
        )
        print(f"  per baseline    {figures['synthetic_turn_per_baseline']:8.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
