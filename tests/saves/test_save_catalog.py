"""Listing saves for the Load screen; Continue's latest autosave and its fallback."""

from __future__ import annotations

import os

import pytest

from game.app.session import GameSession
from game.errors import SaveError
from game.saves import latest_autosave, list_saves, previous_autosave, summarize


@pytest.fixture
def saves(small_scenario, tmp_path):
    directory = tmp_path / "saves"
    a = GameSession.new(small_scenario, 1, saves_dir=directory, durable=False)
    for _ in range(3):
        a.end_turn()
    a.save("three turns")
    b = GameSession.new(small_scenario, 2, saves_dir=directory, durable=False)
    for _ in range(5):
        b.end_turn()
    return directory, a, b


def test_list_saves_gives_turn_date_scenario(saves):
    directory, a, b = saves
    infos = {info.name: info for info in list_saves(directory)}
    assert set(infos) == {"three turns", a.autosave_path.stem, b.autosave_path.stem}
    assert a.autosave_path.stem.startswith("autosave-saves_fixture-1-")
    named = infos["three turns"]
    assert (named.turn, named.seed, named.scenario_id) == (3, 1, "saves_fixture")
    assert named.date == a.state.date.isoformat()
    assert named.scenario_title == small_title(a)
    assert named.ok and not named.autosave
    second = infos[b.autosave_path.stem]
    assert second.turn == 5 and second.autosave
    backups = [i for i in list_saves(directory, include_backups=True) if i.backup]
    assert {i.turn for i in backups} == {2, 4}


def small_title(session):
    return session.scenario.meta.title


def test_damaged_save_is_listed_with_its_problem(saves):
    directory, _, _ = saves
    (directory / "broken.jsonl").write_bytes(b'{"kind": "corridor-save"')
    info = next(i for i in list_saves(directory) if i.name == "broken")
    assert not info.ok and "cut off" in info.problem


def test_latest_autosave_is_the_last_written(saves):
    directory, a, b = saves
    assert latest_autosave(directory) == b.autosave_path
    a.end_turn()
    os.utime(a.autosave_path, ns=(2**62, 2**62))  # surely newer, whatever the clock resolution
    assert latest_autosave(directory) == a.autosave_path


def test_corrupt_latest_autosave_falls_back_to_previous(saves):
    directory, _, b = saves
    latest = latest_autosave(directory)
    data = latest.read_bytes()
    latest.write_bytes(data[: len(data) - 40])  # damaged after the fact
    with pytest.raises(SaveError):
        GameSession.load(latest, autosave=False)
    previous = previous_autosave(latest)
    assert previous is not None and previous.name.endswith(".prev.jsonl")
    assert GameSession.load(previous, autosave=False).turn == b.turn - 1


def test_previous_autosave_none_when_it_is_damaged_too(saves):
    directory, _, b = saves
    previous = previous_autosave(b.autosave_path)
    previous.write_bytes(b"garbage\n")
    assert previous_autosave(b.autosave_path) is None
    assert previous_autosave(directory / "three turns.jsonl") is None


def test_orphan_backup_counts_as_latest(saves):
    directory, _, b = saves
    backup = previous_autosave(b.autosave_path)
    b.autosave_path.unlink()  # as if killed between the two renames
    for path in directory.iterdir():
        if path != backup:
            os.utime(path, ns=(10**9, 10**9))
    assert latest_autosave(directory) == backup


def test_empty_or_missing_directory(tmp_path):
    assert list_saves(tmp_path / "none") == []
    assert latest_autosave(tmp_path / "none") is None
    assert summarize(tmp_path / "none.jsonl").problem is not None
