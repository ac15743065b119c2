"""The game of one browser tab: `python -m game.web.tab SCENARIO [--seed N] [--saves-dir DIR]`.

`corridor serve` has textual-serve start one such process per tab, under Textual's web driver.
It opens the same title screen as `corridor`, on the served scenario; saves go where the
terminal game puts them (the same `--saves-dir`, $CORRIDOR_SAVES or default, through
`game.paths.saves_dir`).
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

from game.errors import EXIT_USER_ERROR, CorridorError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the title screen and the game for one tab; returns the exit status."""
    # Ctrl+C in the server's terminal reaches the tabs too. The server stops each tab itself,
    # and once the app runs Textual's web driver turns SIGINT into a clean exit; until then
    # (while importing) it would only print a traceback into the server's console.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parser = argparse.ArgumentParser(prog="python -m game.web.tab")
    parser.add_argument("scenario")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--saves-dir", default=None)
    args = parser.parse_args(argv)

    try:
        return _run(args.scenario, args.seed, args.saves_dir)
    except CorridorError as error:
        print(error.format(), file=sys.stderr)
        return EXIT_USER_ERROR


def _run(scenario: str, seed: int | None, saves_dir: str | None) -> int:
    """What `corridor` does: the title screen at once from the file's meta block, the
    scenario loading behind it (or, if the quick read fails, loaded first, so that its
    errors are reported)."""
    from game.paths import resolve_scenario
    from game.ui.app import CorridorApp
    from game.ui.support.title_card import peek

    path = resolve_scenario(scenario)
    card = peek(path)
    app = CorridorApp(scenario_path=path, title_card=card, seed=seed, saves_dir=saves_dir)
    app.run()
    return int(app.return_code or 0)


if __name__ == "__main__":
    raise SystemExit(main())
