"""The game's responsiveness (issue 5): ending a turn and repainting, and start-up.

    python benchmarks/bench_ui.py [--quick] [--scenario FILE]

* **End turn + repaint**: in a headless app (Textual's Pilot) on the Idlib scenario at 80x24
  and 120x40, the time from the End-turn action to the turn report painted on screen, and from
  closing the report to the map painted again. The engine step, the autosave (a real atomic
  write), the panels' redraw and Textual's layout and paint are all inside. Baseline in the
  same run: a minimal Textual app updating one label on a key press, measured the same way.
* **Start-up**: `corridor` (the title screen) and a minimal Textual app, each started as a
  process on a pseudo-terminal, timed until their first screen's text appears; alternated,
  median of N. The ratio is the figure (target: at most 1.5).

Prints a table; `startup_ratio()`, `end_turn()` and `run()` return the figures as dicts for the
benchmark suite (`benchmarks/bench_startup.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IDLIB = ROOT / "scenarios" / "idlib.yaml"
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[@-Z\\-_]|\x1b\][^\x07]*\x07")

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Minimal Textual app ready")

Minimal().run()
"""


# --- end turn + repaint ---------------------------------------------------------------------


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 2)


async def _end_turns(scenario: Path, size: tuple[int, int], turns: int) -> dict[str, float]:
    from game.ui.app import CorridorApp
    from game.ui.screens.main import MainScreen
    from game.ui.screens.turn_report import TurnReportScreen

    with tempfile.TemporaryDirectory() as saves:
        app = CorridorApp(scenario, seed=1, title=False, saves_dir=saves, autosave=True)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            wall, cpu, back = [], [], []

            def stamp(into: list, event: asyncio.Event) -> None:
                # runs right after the paint, before anything scheduled later
                into.append((time.perf_counter(), time.process_time()))
                event.set()

            for _ in range(turns):
                main = app.screen
                assert isinstance(main, MainScreen)
                if main.view.state.game_over:
                    break
                painted, marks = asyncio.Event(), []
                t0, c0 = time.perf_counter(), time.process_time()
                main.action_end_turn()  # what `n` runs
                report = app.screen_stack[-1]
                assert isinstance(report, TurnReportScreen)
                report.call_after_refresh(stamp, marks, painted)
                await painted.wait()
                wall.append(marks[0][0] - t0)
                cpu.append(marks[0][1] - c0)
                await pilot.pause()  # the main screen redraws behind the report
                repainted, marks = asyncio.Event(), []
                t0 = time.perf_counter()
                report.action_close()  # what Enter runs
                main.call_after_refresh(stamp, marks, repainted)
                await repainted.wait()
                back.append(marks[0][0] - t0)
                await pilot.pause()
    return {
        "end_turn_ms": _median_ms(wall),
        "end_turn_p90_ms": round(sorted(wall)[int(len(wall) * 0.9) - 1] * 1000, 2),
        "end_turn_cpu_ms": _median_ms(cpu),
        "close_report_ms": _median_ms(back),
    }


async def _minimal_repaint(size: tuple[int, int], presses: int) -> float:
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("0", id="label")

    app = Minimal()
    times = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        label = app.query_one("#label", Static)
        for i in range(presses):
            painted, marks = asyncio.Event(), []

            def stamp(into: list = marks, event: asyncio.Event = painted) -> None:
                into.append(time.perf_counter())
                event.set()

            t0 = time.perf_counter()
            label.update(str(i))
            app.screen.call_after_refresh(stamp)
            await painted.wait()
            times.append(marks[0] - t0)
            await pilot.pause()
    return _median_ms(times)


def end_turn(quick: bool = False, scenario: Path = IDLIB) -> dict[str, float]:
    """End turn + repaint on `scenario` at 80x24 and 120x40 (ms), with the minimal-app
    baseline and the ratio to it."""
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    turns = 4 if quick else 12
    figures: dict[str, float] = {}
    for size in ((80, 24), (120, 40)):
        tag = f"{size[0]}x{size[1]}"
        result = asyncio.run(_end_turns(scenario, size, turns))
        figures.update({f"{k.removesuffix('_ms')}_{tag}_ms": v for k, v in result.items()})
    baseline = asyncio.run(_minimal_repaint((80, 24), 5 if quick else 15))
    figures["minimal_repaint_ms"] = baseline
    figures["end_turn_ratio"] = round(figures["end_turn_80x24_ms"] / max(baseline, 0.01), 2)
    return figures


# --- start-up -------------------------------------------------------------------------------


def _time_to_text(
    argv: list[str],
    marker: bytes,
    env: dict[str, str],
    timeout: float = 30.0,
    size: tuple[int, int] = (80, 24),
) -> float:
    """Seconds from spawning `argv` on a pty of `size` until `marker` is on its screen."""
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    try:
        fcntl_size = struct.pack("HHHH", size[1], size[0], 0, 0)
        import fcntl

        fcntl.ioctl(fd, termios.TIOCSWINSZ, fcntl_size)
        os.kill(pid, signal.SIGWINCH)
        seen = b""
        while True:
            left = timeout - (time.perf_counter() - t0)
            if left <= 0:
                raise TimeoutError(f"{argv}: {marker!r} did not appear in {timeout} s")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{argv} exited before showing {marker!r}") from None
            if not chunk:
                raise RuntimeError(f"{argv} exited before showing {marker!r}")
            seen = seen[-4096:] + chunk
            if marker in ANSI.sub(b"", seen):
                return time.perf_counter() - t0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def startup_ratio(quick: bool = False, runs: int | None = None) -> dict[str, float]:
    """Time to the first screen of `corridor` and of a minimal Textual app, alternated, median
    of `runs`; `startup_ratio` is corridor / minimal."""
    runs = runs or (3 if quick else 9)
    python = sys.executable
    corridor = str(Path(python).parent / "corridor")
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": tmp,
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
            "CORRIDOR_SAVES": str(Path(tmp) / "saves"),
            "TEXTUAL_ANIMATIONS": "none",
            "LANG": "C.UTF-8",
        }
        if "PYTHONPATH" in os.environ:
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        ours, theirs = [], []
        # one warm-up of each (file system cache, .pyc files)
        _time_to_text([corridor], b"New game", env)
        _time_to_text([python, str(minimal)], b"Minimal Textual app ready", env)
        for _ in range(runs):
            ours.append(_time_to_text([corridor], b"New game", env))
            theirs.append(_time_to_text([python, str(minimal)], b"Minimal Textual app ready", env))
    ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
    return {
        "startup_ratio": round(ours_s / theirs_s, 3),
        "corridor_startup_s": round(ours_s, 3),
        "minimal_textual_startup_s": round(theirs_s, 3),
    }


def run(quick: bool = False) -> dict[str, float]:
    """Every figure of this benchmark."""
    return {**startup_ratio(quick=quick), **end_turn(quick=quick)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repeats (a smoke test)")
    parser.add_argument("--scenario", type=Path, default=IDLIB)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    start = startup_ratio(quick=args.quick)
    turns = end_turn(quick=args.quick, scenario=args.scenario)
    print(f"{'figure':<34} {'value':>10}  target / baseline")
    print(f"{'corridor start-up (s)':<34} {start['corridor_startup_s']:>10.3f}")
    print(
        f"{'minimal Textual app start-up (s)':<34} {start['minimal_textual_startup_s']:>10.3f}"
        "  baseline"
    )
    print(f"{'start-up ratio':<34} {start['startup_ratio']:>10.2f}  <= 1.5")
    for tag in ("80x24", "120x40"):
        print(
            f"{'end turn + repaint ' + tag + ' (ms)':<34} {turns[f'end_turn_{tag}_ms']:>10.1f}"
            f"  < 100 (p90 {turns[f'end_turn_p90_{tag}_ms']:.1f}, "
            f"cpu {turns[f'end_turn_cpu_{tag}_ms']:.1f})"
        )
        print(
            f"{'close report + repaint ' + tag + ' (ms)':<34} "
            f"{turns[f'close_report_{tag}_ms']:>10.1f}"
        )
    print(f"{'minimal app label repaint (ms)':<34} {turns['minimal_repaint_ms']:>10.1f}  baseline")
    print(f"{'end turn 80x24 / minimal repaint':<34} {turns['end_turn_ratio']:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
