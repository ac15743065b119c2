"""Fixtures for every test: saves never land in the tester's own saves folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _saves_in_a_temporary_folder(tmp_path_factory, monkeypatch):
    """Games that autosave without a saves directory of their own write to the per-user data
    folder by default (game/paths.py); in the tests, to a temporary folder instead (also for
    the commands they run in subprocesses, which inherit the environment)."""
    monkeypatch.setenv("CORRIDOR_SAVES", str(tmp_path_factory.mktemp("saves")))
