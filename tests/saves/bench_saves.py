"""Measure saves: verify time of a 1,000-turn game, size per turn, autosave cost per turn.

    python -m tests.saves.bench_saves [--turns 1000] [--scenario PATH ...]

Each figure is printed with a baseline measured in the same run, as a ratio:
- verify against playing the same game headless (`run_game`, no hashing): verify must step the
  engine too, so the ratio shows what hashing and reading add;
- the atomic whole-file autosave against appending the turn's line and fsyncing (the
  alternative JSON Lines invites; see docs/save-format.md).
Not a test: timings vary with the machine; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from game.app.headless import record_to_bytes
from game.engine.simulate import run_game
from game.replay.resimulate import with_turns
from game.replay.verify import verify_save
from game.saves.atomic import write_atomic
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCENARIOS = [ROOT / "tests/saves/fixtures/small.yaml", ROOT / "scenarios/idlib.yaml"]


def _best(fn, repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of `repeat` runs (CPU time is the steadier figure
    on a shared machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def bench_verify(scenario_path: Path, turns: int, directory: Path) -> Path:
    scenario = with_turns(load_scenario(scenario_path), turns)
    record = run_game(scenario, 1, "none")
    data = record_to_bytes(record)
    path = directory / f"{scenario.meta.id}-{turns}.jsonl"
    path.write_bytes(data)
    play, play_cpu = _best(lambda: run_game(scenario, 1, "none"))
    verify, verify_cpu = _best(lambda: verify_save(path))
    result = verify_save(path)
    assert result.ok, result.summary()
    lines = data.count(b"\n")
    header = len(data.split(b"\n", 2)[0]) + len(data.split(b"\n", 2)[1]) + 2
    per_turn = (len(data) - header) / max(1, result.turns_verified)
    print(f"{scenario.meta.id}: {result.turns_verified} turns, {lines} lines")
    print(
        f"  verify              {verify:7.3f} s wall, {verify_cpu:.3f} s CPU  (baseline: playing"
        f" it headless {play:.3f} s wall, {play_cpu:.3f} s CPU; ratio {verify_cpu / play_cpu:.2f})"
    )
    print(
        f"  file                {len(data) / 1e6:7.3f} MB  (embedded scenario"
        f" {header / 1e3:.0f} kB, {per_turn / 1e3:.2f} kB per turn with a snapshot every 10 turns)"
    )
    return path


def bench_autosave(save: Path, directory: Path, turns_list: list[int]) -> None:
    data = save.read_bytes()
    lines = data.splitlines(keepends=True)
    for turns in turns_list:
        if turns + 3 > len(lines):
            continue
        whole = b"".join(lines[: 2 + turns]) + lines[-1]
        line = lines[2 + turns - 1]
        target = directory / "autosave.jsonl"
        backup = directory / "autosave.prev.jsonl"
        appended = directory / "appended.jsonl"
        appended.write_bytes(whole)
        atomic_times, append_times = [], []
        for _ in range(20):
            start = time.perf_counter()
            write_atomic(target, whole, backup=backup)
            atomic_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            with open(appended, "ab") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            append_times.append(time.perf_counter() - start)
        atomic = statistics.median(atomic_times)
        append = statistics.median(append_times)
        print(
            f"  autosave at turn {turns:4d} ({len(whole) / 1e3:6.0f} kB): atomic rewrite "
            f"{atomic * 1e3:6.2f} ms  (baseline: append + fsync {append * 1e3:.2f} ms; "
            f"ratio {atomic / append:.1f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--scenario", type=Path, action="append")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:  # the project's disk, not a tmpfs
        directory = Path(tmp)
        for scenario_path in args.scenario or DEFAULT_SCENARIOS:
            save = bench_verify(scenario_path, args.turns, directory)
            bench_autosave(save, directory, [30, 100, args.turns])


if __name__ == "__main__":
    main()
