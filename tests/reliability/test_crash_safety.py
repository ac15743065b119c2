"""Crash safety beyond the saves helper's tests (tests/saves/test_save_crash.py kills a player at
random moments, tests/saves/test_save_paths.py and test_session.py make os.write/os.fsync fail
once): here every system call of an autosave is a crash point, every one of them can fail, and
the disk really fills up.

- Crash points: a forked player is SIGKILLed just before the k-th file-system call of an
  autosave (or a named save), for every k; after each, "Continue" (the latest autosave, or
  its previous generation when the latest does not load) gives the game at the last turn or
  the one before, never nothing.
- Failing calls: each call of an autosave fails with ENOSPC in turn; the session reports a
  SaveError, keeps playing, and Continue still finds the previous game.
- A real full disk: a 128 KiB tmpfs (when this process may mount one; skipped otherwise).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from game.app.session import GameSession
from game.engine.orders import LaunchAppeal
from game.errors import SaveError
from game.replay.resimulate import with_turns
from game.saves import atomic as atomic_module
from game.saves import latest_autosave, previous_autosave
from game.saves.names import BACKUP_SUFFIX
from tests.reliability.support import small_scenario

FS_CALLS = ("open", "write", "fsync", "replace", "close", "lstat", "unlink", "mkdir", "scandir")
START_TURN = 4


@pytest.fixture(scope="module")
def scenario():
    return with_turns(small_scenario(), 1000)


def continue_game(directory: Path) -> GameSession | None:
    """What the title screen's Continue should do: the latest autosave, else its previous
    generation when the latest does not load."""
    latest = latest_autosave(directory)
    if latest is None:
        return None
    try:
        return GameSession.load(latest, autosave=False)
    except SaveError:
        previous = previous_autosave(latest)
        if previous is None:
            raise
        return GameSession.load(previous, autosave=False)


@pytest.fixture(scope="module")
def template(tmp_path_factory, scenario):
    """A saves directory after START_TURN turns: the autosave and its previous generation."""
    directory = tmp_path_factory.mktemp("template")
    session = GameSession.new(scenario, 3, saves_dir=directory)
    for _ in range(START_TURN):
        session.end_turn()
    session.save("named")
    return directory


def _fresh(template: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(template, into)
    return into


class _Countdown:
    """Wraps the os functions the saves code calls; the k-th call does `action` first."""

    def __init__(self, target: int, action) -> None:
        self.target = target
        self.action = action
        self.calls = 0
        self.names: list[str] = []

    def install(self, monkeypatch) -> None:
        for name in FS_CALLS:
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, real))

    def _wrap(self, name, real):
        def call(*args, **kwargs):
            self.calls += 1
            self.names.append(name)
            if self.calls == self.target:
                self.action(name)
            return real(*args, **kwargs)

        return call


# --- crash points (kill -9 before each file-system call) ------------------------------------


def _crash_child(directory: Path, target: int, what: str) -> None:
    """In the child: load the game, queue an order, then save with the k-th call killing us."""
    session = GameSession.load(latest_autosave(directory), saves_dir=directory)
    session.queue(LaunchAppeal())
    mp = pytest.MonkeyPatch()
    countdown = _Countdown(target, lambda name: os.kill(os.getpid(), signal.SIGKILL))
    countdown.install(mp)
    if what == "autosave":
        session.end_turn()
    else:
        session.save("named")
    mp.undo()
    os._exit(0 if session.autosave_error is None else 3)


def _crash_at(directory: Path, target: int, what: str) -> int:
    """Fork a player that dies at call `target`; returns its wait status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            _crash_child(directory, target, what)
        finally:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    return status


@pytest.mark.parametrize("what", ["autosave", "named save"])
def test_kill_before_every_file_system_call_of_a_save(template, tmp_path, what):
    killed = 0
    for target in range(1, 200):
        directory = _fresh(template, tmp_path / "saves")
        status = _crash_at(directory, target, what)
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0, f"the save failed in the child (status {status})"
            break
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        killed += 1
        game = continue_game(directory)
        assert game is not None, f"crash point {target}: nothing to continue"
        assert game.turn in (START_TURN, START_TURN + 1), f"crash point {target}: {game.turn}"
        named = GameSession.load(directory / "named.jsonl", autosave=False)
        assert named.turn in (START_TURN, START_TURN + 1), f"crash point {target}"
    else:
        pytest.fail("the save never completed")
    assert killed >= 4, f"only {killed} crash points: the hook missed the save's calls"
    print(f"{what}: {killed} crash points, each left a loadable game")


# --- every call failing (a full disk at any moment) --------------------------------------------


def _calls_of_one_autosave(template: Path, tmp_path: Path, monkeypatch) -> list[str]:
    directory = _fresh(template, tmp_path / "count")
    session = GameSession.load(latest_autosave(directory), saves_dir=directory)
    counter = _Countdown(0, lambda name: None)
    with monkeypatch.context() as mp:
        counter.install(mp)
        session.end_turn()
    assert session.autosave_error is None
    return counter.names


def test_enospc_at_every_call_of_an_autosave_is_reported_and_keeps_the_game(
    template, tmp_path, monkeypatch
):
    names = _calls_of_one_autosave(template, tmp_path, monkeypatch)
    assert "write" in names and "replace" in names
    failed = 0
    for target in range(1, len(names) + 1):
        directory = _fresh(template, tmp_path / "saves")
        session = GameSession.load(latest_autosave(directory), saves_dir=directory)
        before = {p.name: p.read_bytes() for p in directory.iterdir()}

        def full(name):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as mp:
            _Countdown(target, full).install(mp)
            session.end_turn()  # must not raise: the turn is played, the failure recorded
        assert session.turn == START_TURN + 1
        error = session.autosave_error
        if error is None:  # a call whose failure Corridor tolerates (fsync of the directory...)
            continue
        failed += 1
        assert isinstance(error, SaveError)
        assert "disk is full" in error.format() or "could not" in error.format()
        game = continue_game(directory)
        assert game is not None and game.turn in (START_TURN, START_TURN + 1), names[target - 1]
        if game.turn == START_TURN:  # the new save did not land: the old one is byte-identical
            kept = [n for n in before if (directory / n).exists()]
            assert any((directory / n).read_bytes() == before[n] for n in kept)
        assert not [p for p in directory.iterdir() if p.name.endswith(".tmp")], names[target - 1]
        session.end_turn()  # the session keeps going; with space back, the autosave works
        assert session.autosave_error is None
        assert continue_game(directory).turn == START_TURN + 2
    assert failed >= 3, f"only {failed} of {len(names)} calls could fail: {names}"


def test_temp_file_is_removed_when_closing_it_fails(tmp_path, monkeypatch):
    real_close = os.close

    def close(fd):
        real_close(fd)
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(atomic_module.os, "close", close)
    with pytest.raises(SaveError):
        atomic_module.write_atomic(tmp_path / "a.jsonl", b"x\n")
    monkeypatch.undo()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_rename_failure_between_the_two_renames_leaves_the_previous_generation(
    template, tmp_path, monkeypatch
):
    """The autosave is renamed to .prev, then the new file is renamed into place; if the second
    rename fails, only .prev holds the game: Continue must find it."""
    directory = _fresh(template, tmp_path / "saves")
    session = GameSession.load(latest_autosave(directory), saves_dir=directory)
    real = os.replace
    calls = []

    def replace(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic_module.os, "replace", replace)
    session.end_turn()
    monkeypatch.undo()
    assert session.autosave_error is not None
    main = session.autosave_path
    assert not main.exists()  # the state this test is about
    latest = latest_autosave(directory)
    assert latest is not None and latest.name.endswith(BACKUP_SUFFIX)
    assert continue_game(directory).turn == START_TURN


def test_named_save_on_a_full_disk_raises_and_keeps_the_old_file(template, tmp_path, monkeypatch):
    directory = _fresh(template, tmp_path / "saves")
    session = GameSession.load(latest_autosave(directory), saves_dir=directory)
    session.end_turn()
    before = (directory / "named.jsonl").read_bytes()

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_module.os, "write", full)
    with pytest.raises(SaveError, match="disk is full"):
        session.save("named")
    monkeypatch.undo()
    assert (directory / "named.jsonl").read_bytes() == before
    session.end_turn()  # still playable
    assert session.save("named") == directory / "named.jsonl"
    assert GameSession.load(directory / "named.jsonl", autosave=False).turn == session.turn


# --- a real full disk ---------------------------------------------------------------------------


@contextlib.contextmanager
def tiny_tmpfs(path: Path, size: str):
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_real_full_disk_is_reported_and_the_previous_save_survives(tmp_path, scenario):
    with tiny_tmpfs(tmp_path / "disk", "128k") as disk:
        session = GameSession.new(scenario, 9, saves_dir=disk)
        last_good = None
        for _ in range(400):
            session.end_turn()
            if session.autosave_error is not None:
                break
            last_good = session.autosave_path.read_bytes()
        error = session.autosave_error
        assert error is not None, "the disk never filled up"
        assert "disk is full" in error.format()
        assert last_good is not None
        failed_turn = session.turn
        # the game goes on in memory, and Continue still opens the last good autosave
        session.end_turn()
        assert session.turn == failed_turn + 1
        game = continue_game(disk)
        assert game is not None and game.turn == failed_turn - 1
        assert session.autosave_path.read_bytes() == last_good
        assert not [p for p in disk.iterdir() if p.name.endswith(".tmp")]
        with pytest.raises(SaveError, match="disk is full"):
            session.save("extra")
        # space comes back: the next autosave succeeds
        for path in disk.iterdir():
            if path.name.endswith(BACKUP_SUFFIX):
                path.unlink()
        session.end_turn()
        assert session.autosave_error is None
        assert continue_game(disk).turn == session.turn
