"""The place and road panels show what the timeline may bring in the next days, with the
engine forecast's chances and the event's basis."""

from __future__ import annotations

from game.engine import new_game
from game.engine.forecast import forecast
from game.ui.support.outlook import chance_words, outlook_lines, outlook_section
from game.ui.widgets.place_panel import location_markup, road_markup
from tests.engine.fixtures import make_scenario


def test_chance_words():
    assert chance_words(1.0) == "certain"
    assert chance_words(0.451) == "about 45%"
    assert chance_words(0.02) == "under 5%"


def test_a_place_lists_its_expected_capture_with_the_forecast_chance():
    scenario = make_scenario(turns=12)
    state = new_game(scenario, 1)
    chance = {f.event.id: f.within(12) for f in forecast(scenario, state, 12)}
    lines = outlook_lines(scenario, state, "saraqeb", days=12)
    taken = [line for line in lines if "taken by Government" in line]
    assert len(taken) == 1
    assert chance_words(chance["saraqeb_captured"]) in taken[0]
    assert "Saraqeb taken (projection)" in taken[0]
    strikes = [line for line in lines if "strikes at 0.80 for 3 days" in line]
    assert strikes and lines.index(strikes[0]) < lines.index(taken[0])  # likeliest first


def test_nothing_expected_means_no_section():
    scenario = make_scenario(turns=12)
    state = new_game(scenario, 1)
    assert outlook_section(scenario, state, "atmeh", days=5) == []
    assert "Expected in the next" not in location_markup(scenario, state, (), "atmeh")


def test_panels_show_the_outlook_and_roads_likely_to_close():
    scenario = make_scenario(turns=12)
    state = new_game(scenario, 1)
    text = location_markup(scenario, state, (), "maaret")
    assert "Expected in the next 5 days" in text
    assert "taken by Government" in text
    assert "(closed: certain in 5 d)" in text  # the M5 north, with Kfar Roummah's fall
    road = road_markup(scenario, state, "m5_maaret_saraqeb")
    assert "becomes closed" in road and "Kfar Roummah taken" in road
