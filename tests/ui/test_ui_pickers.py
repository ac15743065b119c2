"""Road pickers (issue 18): the selected place's roads first, agreed corridors and closed
roads marked, and a filter as you type."""

from __future__ import annotations

import dataclasses

from game.scenario.model import RoadStatus
from game.ui.screens.choice import ChoiceScreen
from game.ui.screens.order_dialog import OrderDialog
from game.ui.support.road_choices import road_choices
from game.ui.widgets.pick_field import PickField

from .test_ui_game import goto


def test_the_selected_places_roads_come_first_and_are_marked(mini):
    from game.engine import new_game

    state = new_game(mini, 7)
    roads = list(state.roads)
    first = next(i for i, r in enumerate(roads) if "maaret" in r.id and r.status != "closed")
    roads[first] = dataclasses.replace(roads[first], corridor_days=3)
    state = dataclasses.replace(state, roads=tuple(roads))
    choices = road_choices(mini, state, near="maaret_al_numan")
    here = {r.id for r in mini.roads_at("maaret_al_numan")}
    assert {c.value for c in choices[: len(here)]} == here
    assert all(c.group == "Roads of Maaret al-Numan" for c in choices[: len(here)])
    assert choices[0].value == roads[first].id  # the agreed corridor leads its group
    assert "corridor agreed, 3 days left" in choices[0].label
    for choice in choices:
        if state.road(choice.value).status == RoadStatus.CLOSED:
            assert "× closed" in choice.label
    assert len(choices) == len(mini.roads)


async def test_corridor_road_picker_filters_as_you_type(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "Maaret")
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, OrderDialog)
        field = dialog.query_one("#order-road", PickField)
        assert app.focused is field
        await pilot.press("enter")
        picker = app.screen
        assert isinstance(picker, ChoiceScreen)
        here = [r.id for r in app.session.scenario.roads_at("maaret_al_numan")]
        assert set(picker.shown_values()[: len(here)]) == set(here)
        await pilot.press(*"kafr nabl")
        shown = picker.shown_values()
        assert shown and all("kafr_nabl" in road for road in shown)
        assert len(shown) < len(app.session.scenario.roads)
        await pilot.press("down", "enter")
        assert app.screen is dialog
        assert field.value == shown[1]
        assert dialog.order is not None and dialog.order.road == shown[1]


async def test_evacuation_offers_only_the_places_roads(make_app):
    app = make_app(title=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "Maaret")
        await pilot.press("e")
        field = app.screen.query_one("#order-road", PickField)
        assert {c.value for c in field.choices} == {
            r.id for r in app.session.scenario.roads_at("maaret_al_numan")
        }
