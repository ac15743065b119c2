"""Go to a place (`g`): type part of its name to filter the list, Enter selects it on the map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.inert import markup_escape as escape
from game.ui.screens.choice import Choice, ChoiceScreen

if TYPE_CHECKING:
    from game.scenario.model import Scenario


def place_choices(scenario: Scenario) -> list[Choice]:
    """Every location, by name, with its kind."""
    places = sorted(scenario.locations, key=lambda loc: loc.name.lower())
    return [
        Choice(
            f"{escape(loc.name)}  [dim]{loc.kind.value}[/]",
            loc.id,
            f"{loc.name} {loc.id} {loc.kind.value}",
        )
        for loc in places
    ]


class PlacePickerScreen(ChoiceScreen):
    """Returns a location id, or None (Escape)."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(
            "Go to a place", place_choices(scenario), placeholder="type part of a name"
        )
        self.scenario = scenario
