"""`corridor load FILE`: continue a saved game (the same as `corridor play --load FILE`)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    """Load the save (errors print as messages, exit 2) and open it in the game."""
    from game.app.session import GameSession
    from game.ui.app import CorridorApp

    saves_dir = getattr(args, "saves_dir", None)
    session = GameSession.load(args.file, saves_dir=saves_dir)
    app = CorridorApp(session=session, saves_dir=saves_dir)
    app.run()
    return int(app.return_code or 0)
