"""`corridor` (title screen) and `corridor play [SCENARIO] [--seed N] [--difficulty D]
[--load FILE]` (straight into a game).

Problems the user can fix (a broken scenario or save, an unknown difficulty) are raised as
`CorridorError`s before the interface starts, so they print as messages, never as tracebacks.
"""

from __future__ import annotations

import argparse

from game.errors import Diagnostic, ScenarioError


def run(args: argparse.Namespace) -> int:
    """Start the Textual game; returns the exit status."""
    from game.paths import resolve_scenario

    saves_dir = getattr(args, "saves_dir", None)
    if getattr(args, "load", None):
        from game.app.session import GameSession

        session = GameSession.load(args.load, saves_dir=saves_dir)
        return _run_app(session=session, saves_dir=saves_dir)

    path = resolve_scenario(args.scenario)
    if getattr(args, "title", False):
        # The title screen first, from the file's meta block; the scenario loads behind it.
        from game.ui.support.title_card import peek

        card = peek(path)
        if card is not None:
            return _run_app(scenario_path=path, title_card=card, saves_dir=saves_dir)

    from game.scenario import load_scenario

    scenario = load_scenario(path)
    difficulty = args.difficulty
    if difficulty is not None and difficulty not in {d.id for d in scenario.difficulties}:
        known = ", ".join(d.id for d in scenario.difficulties) or "none"
        raise ScenarioError(
            [
                Diagnostic(
                    file=str(path),
                    message=f"unknown difficulty {difficulty!r}",
                    hint=f"choose one of the scenario's presets: {known}",
                )
            ]
        )
    return _run_app(
        scenario=scenario,
        seed=args.seed,
        difficulty=difficulty,
        saves_dir=saves_dir,
        title=bool(getattr(args, "title", False)),
    )


def _run_app(**kwargs) -> int:
    from game.ui.app import CorridorApp

    app = CorridorApp(**kwargs)
    app.run()
    return int(app.return_code or 0)
