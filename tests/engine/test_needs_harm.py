"""The needs-harm rule (engine/needs_harm.py), one behaviour per test, and its invariants."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.needs_harm import (
    NeedsParams,
    PlaceDay,
    covered_by_response,
    dead_from,
    existing_coverage,
    next_food_gap,
    place_harm,
    round_harm,
)

P = NeedsParams(
    needs_mortality=1.5e-5,
    needs_fatal_share=0.3,
    malnutrition_days=14.0,
    tent_exposure=0.5,
    baseline_coverage=0.5,
    access_loss=1.0,
)


def day(**kw) -> PlaceDay:
    values = dict(
        sheltered=10_000,
        unsheltered=0,
        capacity=10_000,
        water_covered=10_000,
        food_covered=10_000,
        food_gap=0.0,
    )
    values.update(kw)
    return PlaceDay(**values)


def test_no_harm_where_every_need_is_met():
    harm = place_harm(P, day())
    assert harm.need_days == (0.0, 0.0, 0.0)
    assert harm.deaths == 0.0 and harm.harmed == 0.0


def test_each_unmet_need_harms_in_proportion():
    water = place_harm(P, day(water_covered=6_000))
    assert water.need_days == (4_000.0, 0.0, 0.0)
    assert water.deaths == pytest.approx(4_000 * 1.5e-5)
    assert water.harmed == pytest.approx(water.deaths / 0.3)
    twice = place_harm(P, day(water_covered=2_000))
    assert twice.deaths == pytest.approx(2 * water.deaths)
    shelter = place_harm(P, day(sheltered=6_000, unsheltered=4_000))
    assert shelter.need_days == (0.0, 0.0, 4_000.0)


def test_delivering_water_reduces_the_harm_in_proportion_to_the_gap_it_fills():
    gap_only = place_harm(P, day(water_covered=5_000))
    half_filled = place_harm(P, day(water_covered=7_500))
    assert half_filled.deaths == pytest.approx(gap_only.deaths / 2)


def test_hunger_harms_over_weeks():
    """Food unmet builds the food memory slowly, and it fades slowly once food arrives."""
    gap = 0.0
    first = None
    for _ in range(14):
        harm = place_harm(P, day(food_covered=5_000, food_gap=gap))
        first = first if first is not None else harm.deaths
        gap = harm.food_gap
    assert first == pytest.approx(10_000 * 0.5 / 14 * 1.5e-5, rel=1e-4)  # memory kept to 6 places
    assert 0.25 < gap < 0.5  # two weeks of half rations: most of the way to 0.5
    fed = place_harm(P, day(food_covered=10_000, food_gap=gap))
    assert 0 < fed.deaths < place_harm(P, day(food_covered=5_000, food_gap=gap)).deaths
    assert fed.food_gap == pytest.approx(gap * 13 / 14, abs=1e-6)


def test_tents_protect_less_than_built_places_and_more_than_nothing():
    built = place_harm(P, day(capacity=10_000))
    tents = place_harm(P, day(capacity=0))
    none = place_harm(P, day(sheltered=0, unsheltered=10_000, capacity=0))
    assert built.deaths == 0.0
    assert tents.need_days[2] == 5_000.0
    assert none.need_days[2] == 10_000.0
    assert built.deaths < tents.deaths < none.deaths


def test_access_is_lost_as_the_front_nears():
    assert existing_coverage(P, 0.0) == 0.5
    assert existing_coverage(P, 0.2) == pytest.approx(0.4)
    assert existing_coverage(P, 1.0) == 0.0
    assert existing_coverage(P, 3.0) == 0.0  # threat is capped at 1
    assert covered_by_response(P, 1_001, 0, 0.0) == 501
    half = dataclasses.replace(P, unsheltered_access=0.5)
    assert covered_by_response(half, 1_000, 1_000, 0.0) == 750
    none_lost = dataclasses.replace(P, access_loss=0.0)
    assert existing_coverage(none_lost, 1.0) == 0.5


def test_food_memory_moves_a_fraction_of_the_way_each_day():
    assert next_food_gap(P, 0.0, 1.0) == pytest.approx(1 / 14, abs=1e-6)
    assert next_food_gap(P, 0.5, 0.5) == 0.5
    one_day = dataclasses.replace(P, malnutrition_days=0.2)  # at least a day
    assert next_food_gap(one_day, 0.3, 0.9) == 0.9


places = st.builds(
    PlaceDay,
    sheltered=st.integers(0, 200_000),
    unsheltered=st.integers(0, 200_000),
    capacity=st.integers(0, 200_000),
    water_covered=st.integers(0, 400_000),
    food_covered=st.integers(0, 400_000),
    food_gap=st.floats(0.0, 1.0),
)
rates = st.builds(
    NeedsParams,
    needs_mortality=st.floats(0.0, 0.01),
    needs_fatal_share=st.floats(0.01, 1.0),
    malnutrition_days=st.floats(1.0, 60.0),
    tent_exposure=st.floats(0.0, 1.0),
    baseline_coverage=st.floats(0.0, 1.0),
    access_loss=st.floats(0.0, 1.0),
)


@given(rates, places, st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_harm_is_whole_people_never_more_than_are_there_and_the_dead_leave_the_pools(
    p, place, u, v
):
    harm = place_harm(p, place)
    displaced = place.sheltered + place.unsheltered
    assert 0.0 <= harm.food_gap <= 1.0
    assert all(x >= 0.0 for x in harm.need_days)
    assert 0.0 <= harm.harmed <= displaced
    harmed, killed = round_harm(p, harm, displaced, (u, v))
    assert 0 <= killed <= harmed <= displaced
    assert abs(harmed - harm.harmed) <= 1.0
    from_sheltered, from_unsheltered = dead_from(harm, killed, place.sheltered, place.unsheltered)
    assert from_sheltered + from_unsheltered == killed
    assert 0 <= from_sheltered <= place.sheltered
    assert 0 <= from_unsheltered <= place.unsheltered
    if harmed:
        assert sum(harm.harmed_by_cause(harmed)) == harmed


@given(rates, places)
def test_the_same_day_gives_the_same_harm(p, place):
    assert place_harm(p, place) == place_harm(p, place)
