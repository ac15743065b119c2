"""The benchmark suite runs end to end in --quick mode and reports every key (no timing
assertions: numbers here are not measurements)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

REQUIRED = (
    "idlib_turn_ms",
    "synthetic_locations",
    "synthetic_turn_ms",
    "headless_games_per_s",
    "replay_verify_1000_s",
    "startup_ratio",
    "flee_speedup",
    "flee_ard",
    "game_peak_rss_mb",
    "synthetic_peak_rss_mb",
    "scaling_100_turn_ms",
    "scaling_1000_turn_ms",
    "scaling_6000_turn_ms",
    "scaling_20000_turn_ms",
)
# With the engine and loader in the tree, these must be measured even in quick mode.
MEASURED_IN_QUICK = (
    "idlib_turn_ms",
    "synthetic_locations",
    "synthetic_turn_ms",
    "scaling_100_turn_ms",
    "scaling_1000_turn_ms",
    "headless_games_per_s",
    "game_peak_rss_mb",
    "synthetic_peak_rss_mb",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "out.json"
    env = {**os.environ, "FLEE_PYTHON": os.environ.get("FLEE_PYTHON", "/nonexistent/python")}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "figure" in proc.stdout  # the table was printed
    return json.loads(out.read_text(encoding="utf-8"))


def test_every_key_is_a_number_or_null_with_a_reason(report):
    for key in REQUIRED:
        assert key in report, key
        value = report[key]
        if value is None:
            assert report["notes"].get(key), f"{key} is null without a reason"
        else:
            assert isinstance(value, (int, float)) and math.isfinite(value), key


def test_figures_whose_dependencies_exist_are_measured(report):
    pytest.importorskip("game.engine.simulate")
    for key in MEASURED_IN_QUICK:
        assert isinstance(report[key], (int, float)), (key, report["notes"].get(key))
        assert report[key] > 0


def test_times_carry_a_same_run_baseline_ratio(report):
    assert report["baseline_ms"] > 0 and report["baseline_end_ms"] > 0
    for key in ("idlib_turn_ms", "synthetic_turn_ms"):
        if report[key] is not None:
            ratio = report["ratios"][key]
            assert ratio == pytest.approx(report[key] / report["baseline_ms"])


def test_missing_flee_is_reported_not_faked(report):
    assert report["flee_speedup"] is None and report["flee_ard"] is None
    assert "flee peer skipped" in report["notes"]["flee_speedup"]
