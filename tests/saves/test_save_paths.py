"""Atomic writes, safe save names and the saves directory: nothing escapes, nothing half-written."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from game.errors import PathError, SaveError
from game.saves import atomic
from game.saves.atomic import clean_stale_temps, write_atomic
from game.saves.names import (
    autosave_paths,
    check_save_name,
    ensure_saves_dir,
    resolve_saves_dir,
    save_path,
)


def _temps(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


def test_write_atomic_replaces_content(tmp_path):
    target = tmp_path / "a.jsonl"
    write_atomic(target, b"one\n")
    write_atomic(target, b"two\n")
    assert target.read_bytes() == b"two\n"
    assert _temps(tmp_path) == []


def test_backup_keeps_previous_generation(tmp_path):
    target, backup = tmp_path / "a.jsonl", tmp_path / "a.prev.jsonl"
    write_atomic(target, b"one\n", backup=backup)
    assert not backup.exists()
    write_atomic(target, b"two\n", backup=backup)
    assert (target.read_bytes(), backup.read_bytes()) == (b"two\n", b"one\n")


def test_refuses_to_write_through_symlink(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    saves = tmp_path / "saves"
    saves.mkdir()
    link = saves / "game.jsonl"
    link.symlink_to(outside)
    with pytest.raises(PathError, match="symbolic link"):
        write_atomic(link, b"evil")
    assert outside.read_text() == "keep me"
    with pytest.raises(PathError, match="symbolic link"):
        save_path(saves, "game")


def test_refuses_symlinked_backup(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (tmp_path / "a.prev.jsonl").symlink_to(outside)
    (tmp_path / "a.jsonl").write_bytes(b"old")
    with pytest.raises(PathError):
        write_atomic(tmp_path / "a.jsonl", b"new", backup=tmp_path / "a.prev.jsonl")
    assert outside.read_text() == "keep me" and (tmp_path / "a.jsonl").read_bytes() == b"old"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EDQUOT, errno.EIO])
def test_write_failure_keeps_previous_and_cleans_temp(tmp_path, monkeypatch, code):
    target = tmp_path / "a.jsonl"
    write_atomic(target, b"good\n")
    calls = {"n": 0}
    real_write = os.write

    def failing_write(fd, data):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data[:3])  # short writes exercise the loop

    monkeypatch.setattr(atomic.os, "write", failing_write)
    with pytest.raises(SaveError) as info:
        write_atomic(target, b"a much longer new content\n")
    message = info.value.format()
    assert "previous save, if any, is unchanged" in message
    if code == errno.ENOSPC:
        assert "disk is full" in message
    assert target.read_bytes() == b"good\n"
    assert _temps(tmp_path) == []


def test_fsync_failure_is_a_save_error(tmp_path, monkeypatch):
    target = tmp_path / "a.jsonl"
    target.write_bytes(b"good\n")

    def bad_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", bad_fsync)
    with pytest.raises(SaveError, match="Input/output error"):
        write_atomic(target, b"new\n")
    assert target.read_bytes() == b"good\n" and _temps(tmp_path) == []


def test_close_failure_after_a_good_write_removes_the_temp(tmp_path, monkeypatch):
    """close may report a deferred write error (NFS); the temp file must not stay behind and
    the descriptor must not be closed a second time."""
    target = tmp_path / "a.jsonl"
    target.write_bytes(b"good\n")
    real_close = os.close
    closed = []

    def failing_close(fd):
        closed.append(fd)
        real_close(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "close", failing_close)
    with pytest.raises(SaveError, match="disk is full"):
        write_atomic(target, b"new\n")
    monkeypatch.undo()
    assert len(closed) == len(set(closed)) == 1
    assert target.read_bytes() == b"good\n" and _temps(tmp_path) == []


def test_write_error_is_reported_when_close_also_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.jsonl"
    real_close = os.close

    def failing_write(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def failing_close(fd):
        real_close(fd)
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(atomic.os, "write", failing_write)
    monkeypatch.setattr(atomic.os, "close", failing_close)
    with pytest.raises(SaveError, match="disk is full"):
        write_atomic(target, b"new\n")
    monkeypatch.undo()
    assert not target.exists() and _temps(tmp_path) == []


def test_directory_fsync_close_failure_is_tolerated(tmp_path, monkeypatch):
    """The rename has landed; a failing close of the directory handle must not turn a
    completed save into an error."""
    target = tmp_path / "a.jsonl"
    real_close = os.close
    calls = []

    def close(fd):
        calls.append(fd)
        real_close(fd)
        if len(calls) == 2:  # the first close is the temp file's, the second the directory's
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(atomic.os, "close", close)
    write_atomic(target, b"new\n")
    monkeypatch.undo()
    assert len(calls) == 2 and target.read_bytes() == b"new\n" and _temps(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory_is_a_clear_error(tmp_path):
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="permission denied"):
            write_atomic(directory / "a.jsonl", b"x")
    finally:
        directory.chmod(0o700)


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(SaveError, match="directory does not exist"):
        write_atomic(tmp_path / "nope" / "a.jsonl", b"x")


def test_clean_stale_temps_spares_live_processes(tmp_path):
    dead = tmp_path / f"{atomic.TEMP_PREFIX}999999999-abc{atomic.TEMP_SUFFIX}"
    mine = tmp_path / f"{atomic.TEMP_PREFIX}{os.getpid()}-abc{atomic.TEMP_SUFFIX}"
    other = tmp_path / "unrelated.tmp"
    for path in (dead, mine, other):
        path.write_bytes(b"x")
    assert clean_stale_temps(tmp_path) == 1
    assert not dead.exists() and mine.exists() and other.exists()


@pytest.mark.parametrize(
    "name",
    [
        "../evil",
        "..",
        ".",
        "a/b",
        "a\\b",
        "/etc/passwd",
        "/tmp/x.jsonl",
        "~/x",
        ".hidden",
        "",
        "   ",
        "con",
        "NUL.txt",
        "lpt1",
        "autosave-idlib-1",
        "x\x00y",
        "x\ny",
        "tab\there",
        "a" * 200,
        "trailing.",
        "game.prev",
        "semi;colon",
        "star*",
    ],
)
def test_bad_save_names_refused(tmp_path, name):
    with pytest.raises(PathError) as info:
        save_path(tmp_path, name)
    assert "save name" in info.value.format()
    assert str(tmp_path) in info.value.format()


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("before-saraqeb", "before-saraqeb.jsonl"),
        ("  day 5 (convoys)  ", "day 5 (convoys).jsonl"),
        ("game.jsonl", "game.jsonl"),
        ("معرة النعمان", "معرة النعمان.jsonl"),
        ("v1.2", "v1.2.jsonl"),
    ],
)
def test_good_save_names_stay_inside(tmp_path, name, file):
    path = save_path(tmp_path, name)
    assert path == tmp_path / file
    assert path.parent == tmp_path


def test_check_save_name_normalises():
    assert check_save_name("Cafe\u0301", Path(".")) == "Café"


def test_saves_dir_resolution(tmp_path, monkeypatch):
    """By default saves go to the per-user data folder, whatever folder the game starts in."""
    monkeypatch.delenv("CORRIDOR_SAVES", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    if sys.platform.startswith("linux"):
        assert resolve_saves_dir() == tmp_path / "data" / "corridor" / "saves"
    assert resolve_saves_dir().name == "saves" and resolve_saves_dir() != tmp_path / "saves"
    monkeypatch.chdir(tmp_path / "..")
    assert resolve_saves_dir() == resolve_saves_dir()  # the same from another folder
    monkeypatch.setenv("CORRIDOR_SAVES", str(tmp_path / "env"))
    assert resolve_saves_dir() == tmp_path / "env"
    assert resolve_saves_dir(tmp_path / "arg") == tmp_path / "arg"


def test_ensure_saves_dir(tmp_path):
    assert ensure_saves_dir(tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(PathError, match="not a directory"):
        ensure_saves_dir(tmp_path / "file")


def test_autosave_paths_are_safe_for_any_scenario_id(tmp_path):
    main, prev = autosave_paths(tmp_path, "../../Evil id/\x00", 42)
    assert main.parent == tmp_path and prev.parent == tmp_path
    assert main.name == "autosave-evil_id-42.jsonl"
    assert prev.name == "autosave-evil_id-42.prev.jsonl"
