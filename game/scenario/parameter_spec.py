"""A model parameter's specification: name, unit, meaning, bounds and default (the registry is
`game.scenario.parameters.PARAMETERS`)."""

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
    default: float | None = None  # used when a scenario leaves the parameter out
    group: str = "model"  # displacement, harm, aid, diplomacy: for docs and the UI


def optional(
    name: str,
    unit: str,
    default: float,
    description: str,
    minimum: float | None = 0.0,
    maximum: float | None = None,
    group: str = "model",
) -> ParameterSpec:
    """A parameter a scenario may leave out: it then takes `default`."""
    return ParameterSpec(
        name=name,
        unit=unit,
        description=description,
        required=False,
        minimum=minimum,
        maximum=maximum,
        default=default,
        group=group,
    )
