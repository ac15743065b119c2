"""Threat as people feel it now: for the UI, the policies and tests (no state change)."""

from __future__ import annotations

from game.engine import bombardment, displacement
from game.engine.rng import Rng
from game.engine.state import State
from game.engine.work import Work
from game.scenario.model import Scenario


def location_threats(scenario: Scenario, state: State) -> list[float]:
    """Threat 0..1 at each location (same order as `scenario.locations`), from front
    proximity, bombardment, encirclement and projected threats as they stand in `state`."""
    work = Work(scenario, state, Rng(state.seed))
    bombardment.intensities(work)
    hostile = [work.hostile_at(i) for i in range(work.n_locs)]
    return displacement.threats(work, hostile)


def threat_by_id(scenario: Scenario, state: State) -> dict[str, float]:
    """The same, keyed by location id (rounded to 3 decimals for display)."""
    return {
        loc.id: round(t, 3)
        for loc, t in zip(scenario.locations, location_threats(scenario, state), strict=True)
    }
