"""The model parameters a scenario's `model:` section must (or may) define, with their units.

The engine reads these by name (`scenario.param("leave_rate_front")`); the validator reports
missing required ones and unknown names (with a did-you-mean). The engine owns this list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    name: str
    unit: str
    description: str
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None


# Filled in by the engine; an empty registry accepts any parameter name.
PARAMETERS: dict[str, ParameterSpec] = {}
