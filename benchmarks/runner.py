"""`python -m benchmarks [--json FILE] [--markdown FILE] [--quick] [--only NAMES] [--against PATH]`:
the suite.

Every figure is printed with its target and a ratio against a baseline measured in the same
run (a fixed pure-Python workload for times, a bare interpreter for memory, a minimal Textual
app for start-up). A section that cannot run (its dependency missing, an error) reports its
figures as null with the reason, never a made-up number.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, baseline_seconds, fmt, table
from benchmarks.versus import AGAINST_ENV

# section name -> (module, the keys it reports, for nulls when it fails)
SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "idlib": ("benchmarks.bench_idlib", ("idlib_turn_ms",)),
    "synthetic": (
        "benchmarks.bench_turns",
        (
            "synthetic_locations",
            "synthetic_turn_ms",
            "scaling_100_turn_ms",
            "scaling_1000_turn_ms",
            "scaling_6000_turn_ms",
            "scaling_20000_turn_ms",
        ),
    ),
    "headless": ("benchmarks.bench_headless", ("headless_games_per_s",)),
    "replay": ("benchmarks.bench_replay", ("replay_verify_1000_s",)),
    "startup": ("benchmarks.bench_startup", ("startup_ratio",)),
    "memory": ("benchmarks.bench_memory", ("game_peak_rss_mb", "synthetic_peak_rss_mb")),
    "flee": ("benchmarks.flee_peer", ("flee_speedup", "flee_ard")),
    "versus": ("benchmarks.versus", ("versus_idlib_game", "versus_synthetic_turn")),
}
REQUIRED_KEYS = (
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


def run_sections(names: Sequence[str], quick: bool, log: Any) -> dict[str, Any]:
    """Run the named sections; the report as a JSON-able dict."""
    started = time.perf_counter()
    base = baseline_seconds()
    print(f"baseline workload: {base * 1000:.1f} ms (median)", file=log, flush=True)
    figures: list[Figure] = []
    details: dict[str, Any] = {}
    timings: dict[str, float] = {}
    for name in names:
        module_name, keys = SECTIONS[name]
        t0 = time.perf_counter()
        print(f"[{name}] ...", file=log, flush=True)
        try:
            section = importlib.import_module(module_name).run(base, quick=quick)
            figures += section.figures
            details.update(section.extra)
        except Exception as error:  # report, keep going: other sections still count
            reason = f"error: {type(error).__name__}: {error}"
            traceback.print_exc(file=log)
            figures += [Figure(k, None, note=reason) for k in keys]
        timings[name] = time.perf_counter() - t0
        print(f"[{name}] {timings[name]:.1f}s", file=log, flush=True)
    base_end = baseline_seconds()
    report: dict[str, Any] = {f.key: f.value for f in figures}
    for key in REQUIRED_KEYS:
        report.setdefault(key, None)
    report["ratios"] = {f.key: f.ratio for f in figures if f.ratio is not None}
    report["ratio_baselines"] = {f.key: f.ratio_of for f in figures if f.ratio_of}
    report["targets"] = {f.key: f.target for f in figures if f.target}
    report["meets_target"] = {f.key: f.meets_target() for f in figures if f.target}
    report["notes"] = {f.key: f.note for f in figures if f.note}
    report["units"] = {f.key: f.unit for f in figures if f.unit}
    report["baseline_ms"] = base * 1000
    report["baseline_end_ms"] = base_end * 1000
    report["baseline_drift"] = base_end / base
    report["section_seconds"] = timings
    report["elapsed_s"] = time.perf_counter() - started
    report["quick"] = quick
    report["machine"] = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    report["details"] = details
    report["_figures"] = figures
    return report


def render(report: dict[str, Any]) -> str:
    """The table: figure, value, unit, target, met?, ratio to its baseline, note."""
    rows = [["figure", "value", "unit", "target", "ok", "vs baseline", "note"]]
    for f in report["_figures"]:
        ok = {True: "yes", False: "NO", None: ""}[f.meets_target()]
        ratio = f"{fmt(f.ratio)} x {f.ratio_of}" if f.ratio is not None else ""
        note = f.note.strip().splitlines()[0] if f.note.strip() else ""
        note = note if len(note) <= 110 else note[:107] + "..."
        rows.append(
            [
                f.key,
                fmt(f.value),
                f.unit,
                f.target,
                ok,
                ratio,
                note if f.value is not None else f"null: {note}",
            ]
        )
    lines = [table(rows), ""]
    lines.append(
        f"baseline {report['baseline_ms']:.1f} ms at start, {report['baseline_end_ms']:.1f} ms at "
        f"end (drift x{report['baseline_drift']:.2f}); total {report['elapsed_s']:.0f}s"
    )
    return "\n".join(lines)


def render_markdown(report: dict[str, Any]) -> str:
    """The same table as Markdown, with the machine and run conditions, for a results file."""
    lines = [
        "| figure | value | unit | target | met | vs same-run baseline | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in report["_figures"]:
        ok = {True: "yes", False: "**no**", None: ""}[f.meets_target()]
        ratio = f"{fmt(f.ratio)} × {f.ratio_of}" if f.ratio is not None else ""
        note = " ".join(f.note.split()).replace("|", "/")
        value = fmt(f.value) if f.value is not None else "null"
        lines.append(f"| `{f.key}` | {value} | {f.unit} | {f.target} | {ok} | {ratio} | {note} |")
    m = report["machine"]
    lines += [
        "",
        f"Python {m['python']} ({m['implementation']}), {m['cpus']} CPUs, {m['platform']}. "
        f"Baseline workload {report['baseline_ms']:.1f} ms at start, "
        f"{report['baseline_end_ms']:.1f} ms at end; run took {report['elapsed_s']:.0f} s"
        + (" (--quick)" if report["quick"] else "")
        + ".",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes and few repeats (a smoke test, not a measurement)",
    )
    parser.add_argument(
        "--only", metavar="NAMES", help=f"comma-separated sections: {', '.join(SECTIONS)}"
    )
    parser.add_argument(
        "--against",
        metavar="PATH",
        help="another checkout: the versus section times both trees (ratio this / other)",
    )
    args = parser.parse_args(argv)
    if args.against:
        os.environ[AGAINST_ENV] = str(Path(args.against).resolve())
    names = list(SECTIONS)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in SECTIONS]
        if unknown:
            parser.error(f"unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    report = run_sections(names, args.quick, sys.stderr)
    print(render(report))
    if args.markdown:
        Path(args.markdown).write_text(render_markdown(report), encoding="utf-8")
    if args.json:
        data = {k: v for k, v in report.items() if not k.startswith("_")}
        path = Path(args.json)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    return 0
