"""Peak resident memory of whole headless games, each in a fresh process.

`game_peak_rss_mb`: load Idlib and play a full game with no orders (`run_game`, which keeps
every state of the game, as a session's history does). `synthetic_peak_rss_mb`: the same for
the 6,000-place synthetic scenario, loading the file included. The baseline is a fresh
interpreter that imports the engine and the loader but does nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Figure, Section, peak_rss_mb

_BARE = "import game.engine, game.scenario.load"
_IDLIB = (
    "from game.paths import bundled_scenario\n"
    "from game.scenario import load_scenario\n"
    "from game.engine.simulate import run_game\n"
    "run_game(load_scenario(bundled_scenario()), 1, 'none')\n"
)
_FILE = (
    "from game.scenario import load_scenario\n"
    "from game.engine.simulate import run_game\n"
    "run_game(load_scenario({path!r}), 1, 'none')\n"
)


def run(baseline_s: float, quick: bool = False) -> Section:
    section = Section()
    try:
        from game.engine.simulate import run_game  # noqa: F401
    except ImportError as error:
        reason = f"run_game not available ({error})"
        section.figures.append(Figure("game_peak_rss_mb", None, "MiB", "<= 120", note=reason))
        section.figures.append(Figure("synthetic_peak_rss_mb", None, "MiB", "<= 400", note=reason))
        return section
    from game.commands.generate import base_sections
    from game.tools.synthetic import generate_yaml

    bare = peak_rss_mb(_BARE)
    game = peak_rss_mb(_IDLIB)
    section.figures.append(
        Figure("game_peak_rss_mb", game, "MiB", "<= 120", game / bare, "bare interpreter")
    )
    n = 1000 if quick else 6000
    with tempfile.TemporaryDirectory(prefix="corridor-bench-") as tmp:
        path = Path(tmp) / f"synthetic_{n}.yaml"
        path.write_text(generate_yaml(n, 1, base_sections()), encoding="utf-8")
        synthetic = peak_rss_mb(_FILE.format(path=str(path)))
    section.figures.append(
        Figure(
            "synthetic_peak_rss_mb",
            synthetic,
            "MiB",
            "<= 400",
            synthetic / bare,
            "bare interpreter",
            note=f"{n} places, load + {30} turns",
        )
    )
    section.extra["bare_interpreter_rss_mb"] = bare
    return section
