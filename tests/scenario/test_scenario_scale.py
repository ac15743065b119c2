"""Large scenarios: a file with a thousand places loads, and one with a thousand broken
references reports every one of them while did-you-mean stays within its budget (so a
country-scale file with many errors is still checked quickly)."""

from __future__ import annotations

from game.scenario import load_scenario_text
from game.scenario.checker import SUGGESTION_BUDGET

from .helpers import diagnostics, minimal_text

N = 1000


def big_scenario(broken: bool = False) -> str:
    """The minimal fixture plus N villages in a chain of roads (ends misspelt if `broken`)."""
    text = minimal_text()
    places = "".join(
        f"  - {{id: village_{i}, name: Village {i}, kind: village, lat: 35.{i:04d}, lon: 36.5,"
        f" population: {100 + i}, displaced: 0, shelter_capacity: 0, control: opposition,"
        f' source: "assumption: synthetic"}}\n'
        for i in range(N)
    )
    roads = "".join(
        f"  - {{id: road_{i}, from: village_{i}, to: {'vilage' if broken else 'village'}_{i + 1},"
        f' km: 2, control: opposition, status: open, source: "assumption: synthetic"}}\n'
        for i in range(N - 1)
    )
    text = text.replace("roads:\n", places + "roads:\n" + roads, 1)
    return text


def test_a_thousand_places_load() -> None:
    scenario = load_scenario_text(big_scenario())
    assert len(scenario.locations) == N + 4
    assert len(scenario.roads) == N - 1 + 3
    assert scenario.roads_at("village_500")[0].id == "road_499"


def test_every_broken_reference_is_reported_within_the_suggestion_budget() -> None:
    found = diagnostics(big_scenario(broken=True))
    ends = [d for d in found if "end `vilage_" in d.message]
    assert len(ends) == N - 1
    suggested = [d for d in ends if d.hint and d.hint.startswith("did you mean")]
    assert suggested and suggested[0].hint == "did you mean `village_1`?"
    assert len(suggested) <= SUGGESTION_BUDGET // (N + 4) + 1
    lines = [d.line or 0 for d in found]
    assert lines == sorted(lines)
