"""The intensity the interface shows for a place or road is the one the bombardment rule uses."""

from __future__ import annotations

from game.engine import NegotiateCorridor, NegotiatePause, Rng, new_game, step
from game.engine.bombardment import intensities
from game.engine.intensity import place_intensity, road_intensity
from game.engine.network import network
from game.engine.work import Work
from game.paths import resolve_scenario
from game.scenario import load_scenario


def test_shown_intensities_are_the_engines_on_every_turn_of_a_game():
    scenario = load_scenario(resolve_scenario("idlib"))
    factor = network(scenario).params.pause_bombardment_factor
    orders = {
        1: [NegotiatePause("maaret_al_numan")],
        2: [NegotiateCorridor(scenario.roads_at("maaret_al_numan")[0].id)],
        6: [NegotiatePause("saraqeb")],
    }
    state, rng = new_game(scenario, 3), Rng(3)
    seen_strike = seen_over_one = False
    for turn in range(1, 21):
        work = Work(scenario, state, rng)
        intensities(work)
        assert work.loc_intensity == [place_intensity(loc, factor) for loc in state.locations]
        assert work.road_intensity == [road_intensity(road) for road in state.roads]
        seen_strike |= any(loc.strike_days for loc in state.locations)
        seen_over_one |= any(loc.bombardment + loc.strike > 1 for loc in state.locations)
        state, _events = step(scenario, state, orders.get(turn, ()), rng)
    assert seen_strike and seen_over_one  # the cases a plain sum would show wrongly
