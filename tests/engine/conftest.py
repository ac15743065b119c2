"""Shared fixtures for the engine tests."""

from __future__ import annotations

import pytest

from tests.engine.fixtures import make_scenario


@pytest.fixture(scope="session")
def scenario():
    """The small Idlib-like fixture scenario (built in Python, no YAML)."""
    return make_scenario()
