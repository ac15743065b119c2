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


_HWM_SNIPPET = """
def _corridor_report_hwm():
    import resource, sys
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    kib = int(line.split()[1])
                    break
            else:
                raise OSError
    except OSError:
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write("\\nCORRIDOR_PEAK_KIB %d\\n" % kib)
    sys.stdout.flush()
import atexit
atexit.register(_corridor_report_hwm)
"""


def peak_rss_mb(code: str, env: dict[str, str] | None = None, timeout: float = 300) -> float:
    """Peak resident memory (MiB) of a fresh `python -c code` process. The child reports its own
    high-water mark (VmHWM) at exit: the rusage of a child also counts the parent's pages it
    held between fork and exec, which would make every figure at least this process's size."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), full_env.get("PYTHONPATH", "")) if p
    )
    try:
        proc = subprocess.run(
            [PYTHON, "-c", _HWM_SNIPPET + code],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"child did not finish in {timeout:.0f}s") from None
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("CORRIDOR_PEAK_KIB "):
            return int(line.split()[1]) / 1024.0
    raise RuntimeError("child did not report its peak memory")


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for the table: significant digits, or '-' for None."""
    if value is None:
        return "-"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:#.{digits}g}".rstrip(".")


def table(rows: Sequence[Sequence[str]]) -> str:
    """Plain left-aligned columns."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
