"""This engine against another checkout of Corridor, in one run: a whole Idlib game and a turn
of the 6,000-place synthetic country, each timed in both trees and printed as the ratio
this / other (e.g. after / before a refactor).

    python -m benchmarks --only versus --against /work/wt/engine-before
    python -m benchmarks.versus /work/wt/engine-before [--rounds N] [--quick]

The two trees are timed in child processes that take turns (this, other, this, other, ...),
so a change in the machine's load during the run falls on both alike; each child reports the
CPU time of its median game or turn, and the figure is the median over the rounds. A child
imports `game` from its own tree and uses only the engine's public interface (`new_game`,
`step`, `Rng`, the scenario loader and the synthetic-country generator), so any checkout since
those existed can be compared. Without `--against` the figures are null.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, Figure, Section

AGAINST_ENV = "CORRIDOR_BENCH_AGAINST"  # how `python -m benchmarks --against` passes the tree

# Run in a child with the tree to time as its working directory and import path.
_CHILD = r"""
import json, statistics, sys, time
from game.engine import Rng, new_game, step

what, repeats = sys.argv[1], int(sys.argv[2])

def cpu_of(fn):
    t0 = time.process_time()
    fn()
    return time.process_time() - t0

if what == "idlib":
    from game.paths import bundled_scenario
    from game.scenario import load_scenario
    scenario = load_scenario(bundled_scenario("idlib"))
    def game(seed):
        state, rng = new_game(scenario, seed), Rng(seed)
        while not state.game_over:
            state, _ = step(scenario, state, (), rng)
    game(1)
    times = [cpu_of(lambda: game(seed)) for seed in range(1, repeats + 1)]
else:
    from game.commands.generate import base_sections
    from game.scenario import load_scenario_bytes
    from game.tools.synthetic import generate_yaml
    data = generate_yaml(int(what), 1, base_sections()).encode()  # under the loader's cap
    scenario = load_scenario_bytes(data, "<synthetic>")
    state, rng = new_game(scenario, 1), Rng(1)
    times = []
    for _ in range(repeats):
        if state.game_over:
            break
        t0 = time.process_time()
        state, _ = step(scenario, state, (), rng)
        times.append(time.process_time() - t0)
print(json.dumps(statistics.median(times)))
"""


def _child_seconds(tree: Path, what: str, repeats: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, what, str(repeats)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"{tree}: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
    return float(json.loads(proc.stdout))


def compare(other: Path, what: str, repeats: int, rounds: int) -> dict[str, Any]:
    """Median seconds of a unit (`idlib`: a whole game; a number: a turn of a synthetic
    country of that many places) in this tree and in `other`, over `rounds` alternations."""
    here: list[float] = []
    there: list[float] = []
    for _ in range(rounds):
        here.append(_child_seconds(ROOT, what, repeats))
        there.append(_child_seconds(other, what, repeats))
    this_s, other_s = statistics.median(here), statistics.median(there)
    return {"this_s": this_s, "other_s": other_s, "ratio": this_s / other_s}


# figure key -> (unit timed, repeats per child, target for this / other, what it is)
FIGURES: dict[str, tuple[str, int, str, str]] = {
    "versus_idlib_game": ("idlib", 15, "<= 1.5", "a whole Idlib game, no orders"),
    "versus_synthetic_turn": ("6000", 30, "<= 3", "a turn of the 6,000-place country"),
}


def run(baseline_s: float, quick: bool = False) -> Section:
    """The `versus` section of `python -m benchmarks` (null without --against)."""
    del baseline_s  # the other tree is this section's baseline
    section = Section()
    against = os.environ.get(AGAINST_ENV)
    for key, (what, repeats, target, words) in FIGURES.items():
        if not against:
            section.figures.append(
                Figure(key, None, "x", target, note="no other tree: pass --against PATH")
            )
            continue
        if quick:
            what, repeats = ("idlib", 2) if what == "idlib" else ("1000", 3)
        result = compare(Path(against), what, repeats, 2 if quick else 5)
        section.figures.append(
            Figure(
                key,
                result["ratio"],
                "x",
                target,
                note=f"{words}: {result['this_s'] * 1000:.1f} ms here, "
                f"{result['other_s'] * 1000:.1f} ms in {against} (median CPU time)",
            )
        )
        section.extra[key] = {**result, "against": against, "unit": what}
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.versus", description=__doc__)
    parser.add_argument("other", help="another checkout of Corridor (its repository root)")
    parser.add_argument("--rounds", type=int, default=5, help="alternations (default 5)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    args = parser.parse_args(argv)
    for key, (what, repeats, target, words) in FIGURES.items():
        if args.quick:
            what, repeats = ("idlib", 2) if what == "idlib" else ("1000", 3)
        result = compare(Path(args.other), what, repeats, args.rounds)
        print(
            f"{key}: {result['ratio']:.3f} x (target {target}; {words}: "
            f"{result['this_s'] * 1000:.1f} ms here, {result['other_s'] * 1000:.1f} ms there)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
