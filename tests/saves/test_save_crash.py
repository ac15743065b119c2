"""Kill -9 in the middle of autosaving, many times: the saves directory always holds a loadable
save, and no turn is lost except the one in flight.

A child process (forked, so that it starts in milliseconds) continues the game from the latest
autosave and plays turns as fast as it can, reporting each turn once `end_turn()` (and so the
autosave) has returned. The parent SIGKILLs it at a random moment and then checks the directory.
Run the long profile with `python -m pytest -m slow tests/saves/test_save_crash.py`
(CORRIDOR_KILLS=N changes its count).
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from game.app.session import GameSession
from game.errors import SaveError
from game.replay.resimulate import with_turns
from game.saves import latest_autosave
from tests.saves.conftest import candidate_orders

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")

GAME_TURNS = 100_000  # the fixture extended, so that games never end during the test
KILLS_PER_GAME = 20  # a new game (seed) every so many kills keeps reloads short


def autosave_of(saves_dir: Path, scenario_id: str, seed: int) -> tuple[Path, Path]:
    """The autosave of the game of this seed (each game has its own identity in its name,
    `autosave-<scenario>-<seed>-<id>.jsonl`) and its previous generation; a name of no file
    when the game has not autosaved yet."""
    prefix = f"autosave-{scenario_id}-{seed}-"
    names = set()
    if saves_dir.is_dir():
        for path in saves_dir.iterdir():
            if path.name.startswith(prefix) and path.name.endswith(".jsonl"):
                names.add(path.name.removesuffix(".jsonl").removesuffix(".prev"))
    assert len(names) <= 1, f"seed {seed} has several games: {sorted(names)}"
    stem = names.pop() if names else prefix + "none"
    return saves_dir / f"{stem}.jsonl", saves_dir / f"{stem}.prev.jsonl"


def _child(scenario, saves_dir, seed, fd) -> None:
    """Continue this seed's game from its autosave (or start it) and play until killed."""
    candidates = candidate_orders(scenario)
    main, previous = autosave_of(saves_dir, scenario.meta.id, seed)
    session = None
    for path in (main, previous):
        if path.exists():
            try:
                session = GameSession.load(path, saves_dir=saves_dir)
                break
            except SaveError:
                continue
    if session is None:
        session = GameSession.new(scenario, seed, saves_dir=saves_dir)
    os.write(fd, f"{session.turn}\n".encode())
    rng = random.Random(seed * 7919 + session.turn)
    while True:
        for _ in range(rng.randrange(3)):
            session.queue(rng.choice(candidates))
        session.end_turn()
        if session.autosave_error is not None:
            os.write(fd, b"error\n")
            return
        os.write(fd, f"{session.turn}\n".encode())


def _run_and_kill(scenario, saves_dir, seed, delay) -> int:
    """Fork a player, kill it after `delay` s of play; returns the last turn it reported saved."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            _child(scenario, saves_dir, seed, write_fd)
        finally:
            os._exit(0)
    os.close(write_fd)
    # wait until the child has (re)loaded the game, then let it play for `delay` seconds
    ready, _, _ = select.select([read_fd], [], [], 60)
    assert ready, "the child did not start"
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    output = b""
    while chunk := os.read(read_fd, 65536):
        output += chunk
    os.close(read_fd)
    lines = output.decode().split()
    assert "error" not in lines, "an autosave failed in the child"
    return max(int(x) for x in lines)


def _kill_many(scenario, saves_dir, kills: int, rng: random.Random) -> dict[str, int]:
    stats = {"kills": 0, "mid_write": 0, "main_missing": 0, "turns": 0}
    for kill in range(kills):
        seed = 1000 + kill // KILLS_PER_GAME
        reported = _run_and_kill(scenario, saves_dir, seed, rng.uniform(0.0, 0.03))
        stats["kills"] += 1
        if saves_dir.is_dir() and any(p.name.endswith(".tmp") for p in saves_dir.iterdir()):
            stats["mid_write"] += 1
        main, previous = autosave_of(saves_dir, scenario.meta.id, seed)
        if main.exists():
            loaded = GameSession.load(main, autosave=False)  # must never fail
        elif previous.exists():
            stats["main_missing"] += 1
            loaded = GameSession.load(previous, autosave=False)
        else:
            assert reported == 0, f"kill {kill}: turn {reported} was reported saved, no file"
            continue
        assert reported <= loaded.turn <= reported + 1, (
            f"kill {kill}: the child reported turn {reported} saved, the autosave holds "
            f"turn {loaded.turn}"
        )
        stats["turns"] = max(stats["turns"], loaded.turn)
        latest = latest_autosave(saves_dir)
        assert latest is not None
        GameSession.load(latest, autosave=False)
    stats["files_left"] = len(list(saves_dir.iterdir())) if saves_dir.is_dir() else 0
    return stats


@pytest.fixture(scope="module")
def long_scenario(small_scenario):
    return with_turns(small_scenario, GAME_TURNS)


def test_kill_during_autosave(long_scenario, tmp_path):
    stats = _kill_many(long_scenario, tmp_path / "saves", 30, random.Random(30))
    assert stats["kills"] == 30
    print(f"kill test: {stats}")


@pytest.mark.slow
def test_kill_during_autosave_many(long_scenario, tmp_path):
    kills = int(os.environ.get("CORRIDOR_KILLS", "200"))
    stats = _kill_many(long_scenario, tmp_path / "saves", kills, random.Random(kills))
    assert stats["kills"] == kills
    print(f"kill test: {stats}")
