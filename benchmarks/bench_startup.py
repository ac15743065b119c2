"""Start-up: time to the first screen of `corridor` ÷ a minimal Textual app, same run.

The measurement itself is the ui helper's (`benchmarks/bench_ui.py`); this wraps it into the
suite's figures."""

from __future__ import annotations

from benchmarks.adapt import call_module
from benchmarks.common import Figure, Section


def run(baseline_s: float, quick: bool = False) -> Section:
    section = Section()
    figures, reason = call_module("benchmarks.bench_ui", "startup_ratio", quick=quick)
    value = figures.get("startup_ratio")
    if value is None:
        section.figures.append(
            Figure(
                "startup_ratio",
                None,
                "x",
                "<= 1.5",
                note=reason or "bench_ui gave no startup_ratio",
            )
        )
        return section
    parts = [
        f"{k}={v:.3g}"
        for k, v in figures.items()
        if k != "startup_ratio" and isinstance(v, (int, float))
    ]
    section.figures.append(
        Figure(
            "startup_ratio",
            float(value),
            "x",
            "<= 1.5",
            float(value),
            "minimal Textual app",
            note=", ".join(parts[:3]),
        )
    )
    section.extra["bench_ui"] = {k: v for k, v in figures.items() if k != "startup_ratio"}
    return section
