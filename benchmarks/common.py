"""Shared pieces of the benchmark suite: medians, the same-run baseline, peak RSS of a child.

Machines here are noisy (two cores shared with other work), so every time is a median of
repeated runs and is also printed as a ratio against a fixed pure-Python workload timed in the
same run: a ratio moves less than a raw time when the machine is busy.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Figure:
    """One reported figure: a value or None with the reason it is missing."""

    key: str
    value: float | None
    unit: str = ""
    target: str = ""  # e.g. "<= 2"
    ratio: float | None = None  # against the same-run baseline
    ratio_of: str = ""  # what the ratio is against, for the table
    note: str = ""

    def meets_target(self) -> bool | None:
        """True/False when there is a value and a target, else None."""
        if self.value is None or not self.target:
            return None
        op, _, bound = self.target.partition(" ")
        limit = float(bound)
        return self.value <= limit if op == "<=" else self.value >= limit


@dataclass
class Section:
    """What one benchmark module returns."""

    figures: list[Figure] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)  # more detail for the JSON


def median_time(fn: Callable[[], object], repeats: int, warmup: int = 1) -> float:
    """Median wall time of `fn()` in seconds over `repeats` runs, after `warmup` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def baseline_workload() -> int:
    """A fixed pure-Python workload (dicts, lists, arithmetic, as the engine does): the unit
    against which times are compared. About 20-40 ms on the machines here."""
    table: dict[int, float] = {}
    total = 0
    for i in range(60_000):
        key = (i * 7919) % 10007
        table[key] = table.get(key, 0.0) + i * 0.5
        if i % 3 == 0:
            total += len(str(i))
    items = sorted(table.items())
    return total + int(sum(v for _, v in items[:1000]))


def baseline_seconds(repeats: int = 9) -> float:
    """Median seconds of the baseline workload, measured now."""
    return median_time(baseline_workload, repeats=repeats, warmup=2)


def peak_rss_mb(code: str, env: dict[str, str] | None = None, timeout: float = 300) -> float:
    """Peak resident memory (MiB) of a fresh `python -c code` process, from the kernel's
    accounting of that child alone (wait4), so other children of this process do not count."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), full_env.get("PYTHONPATH", "")) if p
    )
    proc = subprocess.Popen(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise RuntimeError(f"child did not finish in {timeout:.0f}s")
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}): {err.strip()[-400:]}")
    return usage.ru_maxrss / 1024.0  # Linux reports KiB


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for the table: significant digits, or '-' for None."""
    if value is None:
        return "-"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}"


def table(rows: Sequence[Sequence[str]]) -> str:
    """Plain left-aligned columns."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
