"""Today's bombardment intensity (0..1) of one place or road, as the engine applies it.

The bombardment rule (`bombardment.intensities`) computes these for every place each turn; the
interface uses the same functions to show a place's or a road's intensity, so what the player
reads is what the engine uses: the heavier of the standing bombardment and a running strike,
scaled down by a pause (places) or lifted by a corridor (roads), never above 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.state import LocationState, RoadState

if TYPE_CHECKING:  # a turn's working copies have the same fields
    from game.engine.work import MutableLocation, MutableRoad


def place_intensity(loc: LocationState | MutableLocation, pause_factor: float) -> float:
    """A place's intensity today; `pause_factor` is the model's `pause_bombardment_factor`."""
    value = loc.bombardment
    if loc.strike_days and loc.strike > value:
        value = loc.strike
    if value and loc.pause_days:
        value *= pause_factor
    return min(1.0, value)


def road_intensity(road: RoadState | MutableRoad) -> float:
    """A road's intensity today (0 while a corridor holds)."""
    if road.corridor_days:
        return 0.0
    value = road.bombardment
    if road.strike_days and road.strike > value:
        value = road.strike
    return min(1.0, value)
