"""`corridor replay FILE`: watch a saved game; `corridor replay --verify FILE`: check it headless.

Verify exits 0 with a one-line summary when every state hash matches, 1 with a desync report
naming the first turn that differs, and 2 (through the CLI) when the file itself is bad.
"""

from __future__ import annotations

import sys
from argparse import Namespace

from game.inert import inert

EXIT_DESYNC = 1


def _checks() -> tuple:
    """Per-turn checks verify runs besides the hashes: the conservation audit, when present."""
    try:
        from game.replay import audit
    except ImportError:
        return ()
    check = getattr(audit, "audit_turn", None)
    return (check,) if callable(check) else ()


def run(args: Namespace) -> int:
    if args.verify:
        from game.replay.verify import verify_save

        result = verify_save(args.file, checks=_checks())
        report = inert(result.summary(), keep_newlines=True)  # a file name may hold controls
        if result.ok:
            print(report)
            return 0
        print(report, file=sys.stderr)
        return EXIT_DESYNC
    return _view(args)


def _view(args: Namespace) -> int:
    from game.app.session import GameSession
    from game.saves.reader import read_save

    read_save(args.file)  # a bad file is a clear error before any screen opens
    session = GameSession.load(
        args.file, saves_dir=getattr(args, "saves_dir", None), autosave=False
    )
    try:
        from game.ui.screens.replay import run_replay_viewer
    except ImportError:
        print(
            f"{args.file}: {session.turn} turns; the replay viewer is not available in this "
            "build (use --verify to check the save)",
            file=sys.stderr,
        )
        return 2
    return int(run_replay_viewer(session, saves_dir=getattr(args, "saves_dir", None)) or 0)
