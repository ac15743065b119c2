"""The scenario format: load YAML safely, validate it, build frozen model objects.

`load_scenario(path)` and `load_scenario_text(text, name)` are imported lazily, so that
importing `game.scenario.model` alone does not import PyYAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.errors import ScenarioError

if TYPE_CHECKING:
    from game.scenario.load import load_scenario, load_scenario_bytes, load_scenario_text

__all__ = ["ScenarioError", "load_scenario", "load_scenario_bytes", "load_scenario_text"]


def __getattr__(name: str) -> Any:
    if name in ("load_scenario", "load_scenario_text", "load_scenario_bytes"):
        from game.scenario import load

        return getattr(load, name)
    raise AttributeError(f"module 'game.scenario' has no attribute {name!r}")
