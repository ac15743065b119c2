"""The map drawing (pure): projection, symbols by control and status, labels, flows, zoom."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.model import RoadStatus
from game.text.names import short_label
from game.ui.support import glyphs, mapdraw


def _state(scenario, **kw):
    defaults = dict(control={}, road_status={}, encircled=frozenset(), flows={}, selected=None)
    defaults.update(kw)
    return mapdraw.MapState(**defaults)


def _find(picture, ch):
    return [(x, y) for y, row in enumerate(picture.chars) for x, c in enumerate(row) if c == ch]


def test_north_is_up_and_east_is_right(mini):
    lay = mapdraw.layout(mini, 60, 20)
    # Atmeh camps lie north of Maaret al-Numan; Saraqeb east of Kafr Nabl
    assert lay.cells["atmeh_camps"][1] < lay.cells["maaret_al_numan"][1]
    assert lay.cells["saraqeb"][0] > lay.cells["kafr_nabl"][0]


@settings(max_examples=40, deadline=None)
@given(width=st.integers(8, 160), height=st.integers(4, 60))
def test_markers_are_distinct_and_inside(mini, width, height):
    lay = mapdraw.layout(mini, width, height)
    cells = list(lay.cells.values())
    assert len(cells) == len(set(cells))
    for x, y in cells:
        assert 0 <= x < width and 0 <= y < height
    picture = mapdraw.draw(mini, lay, _state(mini, selected="saraqeb"))
    # labels and roads never hide a marker
    for place, (x, y) in lay.cells.items():
        assert picture.owner[y][x] == place
        assert picture.roles[y][x] not in ("label", "label_city", "label_selected", "road")


def test_symbols_follow_control_and_status(mini):
    lay = mapdraw.layout(mini, 70, 24)
    picture = mapdraw.draw(mini, lay, _state(mini, encircled=frozenset({"maaret_al_numan"})))
    x, y = lay.cells["khan_sheikhoun"]
    assert picture.chars[y][x] == glyphs.HELD_ATTACKER
    x, y = lay.cells["saraqeb"]
    assert picture.chars[y][x] == glyphs.HELD_DEFENDER
    x, y = lay.cells["maaret_al_numan"]
    assert picture.chars[y][x] == glyphs.ENCIRCLED
    x, y = lay.cells["atmeh_camps"]
    assert picture.chars[y][x] == glyphs.CAMP
    x, y = lay.cells["bab_al_hawa"]
    assert picture.chars[y][x] == glyphs.CROSSING
    # the closed M5 south of Maaret and the contested M5 north of it
    owners = {}
    for yy, row in enumerate(picture.owner):
        for xx, owner in enumerate(row):
            owners.setdefault(owner, set()).add(picture.chars[yy][xx])
    assert owners["m5_khan_maaret"] <= {glyphs.ROAD_CLOSED}
    assert owners["m5_maaret_saraqeb"] <= {glyphs.ROAD_CONTESTED}
    assert owners["saraqeb_idlib"] <= {glyphs.ROAD_OPEN}


def test_a_capture_changes_the_symbol_and_draws_a_front(mini):
    lay = mapdraw.layout(mini, 70, 24)
    before = mapdraw.draw(mini, lay, _state(mini))
    after = mapdraw.draw(
        mini,
        lay,
        _state(
            mini,
            control={"maaret_al_numan": "government"},
            road_status={"maaret_kafr_nabl": RoadStatus.CLOSED},
        ),
    )
    x, y = lay.cells["maaret_al_numan"]
    assert before.chars[y][x] == glyphs.HELD_DEFENDER
    assert after.chars[y][x] == glyphs.HELD_ATTACKER
    assert _find(after, glyphs.FRONT)
    assert any(
        picture_owner == "maaret_kafr_nabl" and ch == glyphs.ROAD_CLOSED
        for row_o, row_c in zip(after.owner, after.chars, strict=True)
        for picture_owner, ch in zip(row_o, row_c, strict=True)
    )


def test_flows_point_the_way_people_go(mini):
    lay = mapdraw.layout(mini, 70, 24)
    # maaret_kafr_nabl runs from Maaret (east) to Kafr Nabl (west): + means a -> b, westward
    west = mapdraw.draw(mini, lay, _state(mini, flows={"maaret_kafr_nabl": 50}))
    east = mapdraw.draw(mini, lay, _state(mini, flows={"maaret_kafr_nabl": -5000}))
    assert _find(west, "←") and not _find(west, "⇐")
    assert _find(east, "⇒")


def test_selected_place_is_marked_and_named_in_full(mini):
    lay = mapdraw.layout(mini, 50, 18)
    picture = mapdraw.draw(mini, lay, _state(mini, selected="maaret_al_numan"))
    x, y = lay.cells["maaret_al_numan"]
    assert picture.roles[y][x] == "selected"
    text = "\n".join("".join(row) for row in picture.chars)
    assert "Maaret al-Numan" in text


def test_zoom_keeps_the_centre_and_drops_far_places(mini):
    lay = mapdraw.layout(mini, 50, 18, zoom=3, center="maaret_al_numan")
    assert "maaret_al_numan" in lay.cells
    assert "atmeh_camps" not in lay.cells
    assert "atmeh_camps" in lay.outside


def test_short_labels():
    assert short_label("Villages south-east of Maaret al-Numan (Maar Shamarin)") == "SE villages"
    assert short_label("Villages on the M5 between A and B") == "M5 villages"
    assert short_label("Western suburbs of Aleppo (al-Rashidin)") == "W Aleppo suburbs"
    assert short_label("Dana and nearby camps") == "Dana camps"
    assert short_label("Saraqeb") == "Saraqeb"


def test_day_flows_follow_the_reported_direction(mini):
    import datetime as dt

    from game.engine import Event, new_game
    from game.ui.support.map_view import day_flows, map_state

    state = new_game(mini, 7)
    fled = Event(
        1,
        dt.date(2020, 1, 24),
        "displacement",
        "maaret_al_numan",
        "threat",
        "An estimated 1,500 people fled Maaret al-Numan, most toward Kafr Nabl.",
        {"people": 1500, "toward": "kafr_nabl"},
        estimate=True,
    )
    other = Event(
        1,
        dt.date(2020, 1, 24),
        "harm",
        "maaret_al_numan",
        "bombardment",
        "An estimated 3 people harmed.",
        {"harmed": 3},
        estimate=True,
    )
    # maaret_kafr_nabl runs from Maaret (a) to Kafr Nabl (b): a positive flow
    assert day_flows(mini, state, [fled, other]) == {"maaret_kafr_nabl": 1500}
    # the direction is the engine's `toward` figure, not a name found in the prose
    unnamed = dataclasses.replace(fled, figures={"people": 1500})
    assert day_flows(mini, state, [unnamed]) == {}
    lay = mapdraw.layout(mini, 70, 24)
    picture = mapdraw.draw(mini, lay, map_state(mini, state, None, [fled]))
    assert _find(picture, "⇐")  # Kafr Nabl lies west: many people, a double arrow


def _label_runs(picture):
    """(y, x from, x to, place) of each label drawn."""
    runs = []
    for y, row in enumerate(picture.roles):
        x = 0
        while x < len(row):
            if row[x].startswith("label"):
                start, owner = x, picture.owner[y][x]
                while x < len(row) and row[x].startswith("label") and picture.owner[y][x] == owner:
                    x += 1
                runs.append((y, start, x, owner))
            else:
                x += 1
    return runs


def test_labels_at_80x24_never_run_together():
    """Two names on a row keep two blank cells between them (`Jisr Ariha` was two places),
    and a name never touches another place's marker, so that it reads as its own; a name
    that cannot be placed so is shortened or left out (the panel names every place)."""
    from pathlib import Path

    from game.scenario import load_scenario

    idlib = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "idlib.yaml")
    for width, height, selected in ((40, 18, "maaret_al_numan"), (44, 24, None), (56, 24, None)):
        lay = mapdraw.layout(idlib, width, height)
        picture = mapdraw.draw(idlib, lay, _state(idlib, selected=selected))
        runs = sorted(_label_runs(picture))
        for (y1, _, end, a), (y2, start, _, b) in pairwise(runs):
            if y1 == y2:
                assert start - end >= 2, f"{a} and {b} run together on row {y1}"
        markers = {cell: place for place, cell in lay.cells.items()}
        for y, start, end, place in runs:
            for cell in ((start - 1, y), (end, y)):
                assert markers.get(cell, place) == place, f"{place}'s name touches {cell}"
        labelled = {owner for *_, owner in runs}
        assert len(labelled) >= len(lay.cells) // 2  # most places keep a name
