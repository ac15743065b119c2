"""A second scenario written from docs/scenario-format.md alone (Saraqeb and the M4/M5
junction, turns of two days): it validates without a warning, its editor schema accepts it,
it plays whole games, and the documented rules hold in it."""

from __future__ import annotations

import jsonschema

from game.engine.simulate import play_to_end
from game.scenario.basis import Basis, event_basis
from game.scenario.load import load_scenario
from game.scenario.loader import load_nodes
from game.scenario.nodes import to_plain
from game.scenario.schema import scenario_schema

from .helpers import FIXTURES

SARAQEB = FIXTURES / "saraqeb.yaml"


def test_it_validates_without_a_warning() -> None:
    warnings: list = []
    scenario = load_scenario(SARAQEB, warnings=warnings)
    assert [w.format() for w in warnings] == []
    assert scenario.meta.turn_days == 2 and scenario.meta.last_day.isoformat() == "2020-02-13"


def test_the_editor_schema_accepts_it() -> None:
    root, _ = load_nodes(SARAQEB.read_bytes(), "saraqeb.yaml")
    validator = jsonschema.Draft202012Validator(scenario_schema())
    assert [e.message for e in validator.iter_errors(to_plain(root))] == []


def test_every_event_is_a_projection_as_the_docs_say() -> None:
    """All but the first are uncertain; the first is certain and cites the article, but its
    author set `basis: projected` (a town named as likely next is not a reported event)."""
    scenario = load_scenario(SARAQEB)
    assert {event_basis(e) for e in scenario.timeline} == {Basis.PROJECTED}


def test_it_plays_whole_games_and_saraqeb_empties() -> None:
    scenario = load_scenario(SARAQEB)
    start = scenario.location_by_id["saraqeb"].population
    for seed in (1, 2, 3):
        seen: dict[str, int] = {}

        def each(played, seen=seen) -> None:
            for place in played.state.locations:
                seen[place.id] = place.residents + place.sheltered + place.unsheltered

        outcome = play_to_end(scenario, seed, "greedy", each=each)
        assert outcome.turns == scenario.meta.turns
        assert seen["saraqeb"] < start * 0.8  # threatened, struck: people leave
        assert seen["maaret_al_numan"] == 2000  # held by the attacker: no threat, no flight
