"""Fixtures for the UI tests: a small fixed scenario, a fixed seed, an app factory.

Animations are off and the input cursor does not blink, so that screens are the same on every
run (snapshot tests compare them byte for byte).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

FIXTURE = Path(__file__).parent / "fixtures" / "mini.yaml"
SEED = 7


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch):
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(scope="session")
def mini():
    """The fixture scenario, loaded."""
    from game.scenario import load_scenario

    return load_scenario(FIXTURE)


@pytest.fixture
def make_app(tmp_path):
    """`make_app(**kwargs)` -> a CorridorApp on the fixture scenario, seed 7, saves in a
    temporary directory (no autosave unless asked)."""
    from game.ui.app import CorridorApp

    def factory(**kwargs):
        kwargs.setdefault("seed", SEED)
        kwargs.setdefault("saves_dir", tmp_path / "saves")
        kwargs.setdefault("autosave", False)
        if "scenario" not in kwargs and "session" not in kwargs and "load" not in kwargs:
            kwargs.setdefault("scenario_path", FIXTURE)
        return CorridorApp(**kwargs)

    return factory


def flat(app) -> str:
    """The screen's words joined by single spaces (for phrases that wrap)."""
    return " ".join(screen_text(app).split())


def screen_text(app) -> str:
    """What the terminal shows, as plain text (for asserting on what the player sees)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)
