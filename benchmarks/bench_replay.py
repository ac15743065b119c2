"""Replay verification: `corridor replay --verify` on a save of 1,000 turns, and its memory.

The save is written by `corridor simulate --turns 1000 --save FILE` (policy none, Idlib), then
verified in process, median of a few runs. Verifying streams the save, so its peak memory
should not grow with the number of turns: peak RSS of a fresh `replay --verify` process is
measured for a 100-turn and a 1,000-turn save, and their difference reported.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from benchmarks.common import Figure, Section, median_time, peak_rss_mb

_VERIFY = "from game.cli import main; raise SystemExit(main(['replay', '--verify', {path!r}]))"


def _cli(argv: list[str]) -> int:
    from game.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    if status:
        raise RuntimeError(f"corridor {' '.join(argv)} exited {status}: {err.getvalue()[-400:]}")
    return status


def make_save(path: Path, turns: int, seed: int = 1) -> None:
    """A save of `turns` turns of the Idlib scenario with no orders, through the CLI."""
    _cli(["simulate", "--turns", str(turns), "--seed", str(seed), "--save", str(path)])


def run(baseline_s: float, quick: bool = False) -> Section:
    section = Section()
    try:
        import game.commands.replay
        import game.commands.simulate  # noqa: F401
    except ImportError as error:
        reason = f"replay/simulate commands not available ({error})"
        section.figures.append(Figure("replay_verify_1000_s", None, "s", "<= 1", note=reason))
        return section
    turns = 100 if quick else 1000
    with tempfile.TemporaryDirectory(prefix="corridor-bench-") as tmp:
        save = Path(tmp) / f"verify_{turns}.jsonl"
        try:
            make_save(save, turns)
        except Exception as error:  # a figure with its reason, never a crash of the suite
            section.figures.append(
                Figure("replay_verify_1000_s", None, "s", "<= 1", note=f"cannot save: {error}")
            )
            return section
        seconds = median_time(
            lambda: _cli(["replay", "--verify", str(save)]),
            repeats=1 if quick else 3,
            warmup=0 if quick else 1,
        )
        if quick:
            seconds *= 1000 / turns  # scaled: the quick mode verifies 100 turns
        section.figures.append(
            Figure(
                "replay_verify_1000_s",
                seconds,
                "s",
                "<= 1",
                seconds / baseline_s,
                "baseline",
                note=f"{save.stat().st_size / 1e6:.1f} MB save"
                + (" (quick: 100 turns, scaled)" if quick else ""),
            )
        )
        if not quick:
            small = Path(tmp) / "verify_100.jsonl"
            make_save(small, 100)
            rss_small = peak_rss_mb(_VERIFY.format(path=str(small)))
            rss_large = peak_rss_mb(_VERIFY.format(path=str(save)))
            section.figures.append(
                Figure(
                    "replay_verify_rss_growth_mb",
                    rss_large - rss_small,
                    "MiB",
                    "",
                    note=f"peak RSS 1,000 turns {rss_large:.0f} MiB - 100 turns "
                    f"{rss_small:.0f} MiB",
                )
            )
    return section
