"""The overview (every place in one sortable table) and the map's layers (issue 18)."""

from __future__ import annotations

from textual.widgets import DataTable

from game.app.overview import LAYER_STEPS, PlaceRow, layer_level, layer_levels, place_rows
from game.engine.aid import coverage, needs_met
from game.engine.network import network
from game.ui.screens.main import MainScreen
from game.ui.screens.overview import OverviewScreen
from game.ui.widgets.legend import MapLegend
from game.ui.widgets.map import CorridorMap


def _row(**figures) -> PlaceRow:
    base = dict(
        id="x",
        name="X",
        held_by_attacker=False,
        encircled=False,
        residents=0,
        sheltered=0,
        unsheltered=0,
        trapped=0,
        food_pct=None,
        water_pct=None,
        shelter_pct=None,
        threat=0.0,
    )
    base.update(figures)
    return PlaceRow(**base)


def test_layer_levels_follow_their_steps():
    low, mid, high = LAYER_STEPS["unsheltered"]
    assert [layer_level(_row(unsheltered=n), "unsheltered") for n in (0, low, mid, high)] == [
        0,
        1,
        2,
        3,
    ]
    assert layer_level(_row(food_pct=100.0, water_pct=100.0, shelter_pct=95.0), "needs") == 0
    assert layer_level(_row(food_pct=50.0, water_pct=20.0, shelter_pct=90.0), "needs") == 3
    assert layer_level(_row(threat=0.3), "threat") == 2
    assert layer_levels([_row(threat=0.0)], "threat") == {}
    assert layer_level(_row(capture_chance=0.3), "front") == 2
    assert layer_level(_row(capture_chance=1.0), "front") == 3


def test_the_front_layer_is_the_forecast_of_captures(mini):
    """The `front` layer shows the engine forecast's chance that each place is taken within
    five days (the same figure as the place panel's outlook)."""
    from game.engine import new_game
    from game.engine.forecast import place_outlook

    state = new_game(mini, 7)
    rows = {row.id: row for row in place_rows(mini, state)}
    ahead = place_outlook(mini, state, 5)
    assert ahead  # the fixture's timeline takes places within five days
    for place, outlook in ahead.items():
        assert rows[place].capture_chance == outlook.chance
    assert all(rows[p].capture_chance == 0.0 for p in rows if p not in ahead)


def test_needs_per_place_add_up_to_the_engines_coverage(mini):
    """The overview's needs are the engine's own rule, place by place."""
    from game.engine import new_game
    from game.engine.needs_harm import covered_by_response, params_of
    from game.engine.threat import threat_by_id

    state = new_game(mini, 7)
    needs = params_of(network(mini).params)
    threats = threat_by_id(mini, state)
    attackers = {f.id for f in mini.factions if f.role.value == "attacker"}
    places = [ls for ls in state.locations if ls.sheltered + ls.unsheltered]
    places = [ls for ls in places if ls.control not in attackers]

    def response(ls):
        return covered_by_response(needs, ls.sheltered, ls.unsheltered, threats[ls.id])

    covered = sum(sum(needs_met(ls, response(ls))) for ls in places)
    in_need = sum(ls.sheltered + ls.unsheltered for ls in places)
    pct, need = coverage(mini, state)
    assert need == in_need and round(100.0 * covered / (3 * in_need), 1) == pct
    rows = {row.id: row for row in place_rows(mini, state)}
    for ls in places:
        food, water, shelter = needs_met(ls, response(ls))
        displaced = ls.sheltered + ls.unsheltered
        row = rows[ls.id]
        assert (row.food_pct, row.water_pct, row.shelter_pct) == tuple(
            100.0 * met / displaced for met in (food, water, shelter)
        )


async def test_overview_sorts_and_goes_to_a_place(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", "v")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        table = overview.query_one(DataTable)
        assert table.row_count == len(app.session.scenario.locations)

        def shown() -> list[str]:
            return [table.get_row_at(i)[0] for i in range(table.row_count)]

        rows = overview.sorted_rows()
        assert [r.unsheltered for r in rows] == sorted((r.unsheltered for r in rows), reverse=True)
        assert shown() == [r.name for r in rows]
        await pilot.press("s")  # next column: trapped
        assert overview.sort_key == "trapped"
        await pilot.press("r")
        assert overview.reverse
        rows = overview.sorted_rows()
        assert [r.trapped for r in rows] == sorted(r.trapped for r in rows)
        await pilot.press("S", "S", "S")  # back to residents
        assert overview.sort_key == "residents"
        first = overview.sorted_rows()[0].id
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.selected == first


async def test_map_layers_switch_with_a_key(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "enter")
        main = app.screen
        the_map = main.query_one(CorridorMap)
        legend = main.query_one(MapLegend)
        assert not the_map.map_state.levels
        rows = place_rows(app.session.scenario, app.session.state, main.last_events())
        for layer in ("unsheltered", "needs", "threat", "front"):
            await pilot.press("w")
            assert main.map_layer == layer
            assert the_map.map_state.levels == layer_levels(rows, layer)
            assert "Layer:" in str(legend.render())
            if layer == "threat":
                assert the_map.map_state.levels  # the threat layer shows somewhere
        await pilot.press("w")
        assert main.map_layer is None and not the_map.map_state.levels
        assert "Layer:" not in str(legend.render())
