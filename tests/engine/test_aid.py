"""Aid: convoys travel open roads, deliver against Sphere minimums and come back; closed
roads block them, bombarded roads strike them; stocks cover the day's gap."""

from __future__ import annotations

import datetime as dt

from game.engine import SendConvoy
from game.engine.aid import cargo_amount
from game.engine.network import network
from game.scenario.model import Cargo, EventKind, RoadChange, RoadStatus, TimelineEvent
from tests.engine.fixtures import chain, make_scenario, play


def test_cargo_is_measured_against_sphere_minimums():
    sc = make_scenario(
        model={
            "truck_water_litres": 30000,
            "sphere_water_lpd": 15,
            "truck_food_kcal": 2100000,
            "sphere_food_kcal": 2100,
            "truck_shelter_m2": 450,
            "sphere_shelter_m2": 4.5,
        }
    )
    p = network(sc).params
    assert cargo_amount(p, Cargo.WATER, 3) == 6000
    assert cargo_amount(p, Cargo.FOOD, 2) == 2000
    assert cargo_amount(p, Cargo.SHELTER, 1) == 100


def test_convoy_delivers_and_trucks_come_back():
    sc = make_scenario()
    order = SendConvoy("idlib", "ariha", Cargo.FOOD, 5)
    states, events = play(sc, 4, orders={1: [order]})
    s1 = states[0]
    assert s1.resources.trucks == 40 - 5
    assert s1.counters.convoys_delivered == 1  # 17 km: there the same day
    assert any(e.kind == "convoy" and "delivered" in e.message for e in events[0])
    assert states[-1].resources.trucks == 40
    assert not states[-1].convoys


def test_delivered_food_fills_the_daily_gap_and_raises_coverage():
    sc = make_scenario(model={"front_threat": 0.0, "bombardment_threat": 0.0})
    base, _ = play(sc, 2)
    helped, _ = play(sc, 2, orders={1: [SendConvoy("idlib", "ariha", Cargo.FOOD, 5)]})
    assert helped[0].day.reached > 0 and base[0].day.reached == 0
    assert helped[0].day.needs_covered_pct > base[0].day.needs_covered_pct
    ariha = helped[1].location("ariha")
    assert 0 < ariha.food < helped[0].location("ariha").food + 1


def test_convoy_turns_back_when_the_road_closes():
    ev = TimelineEvent(
        id="cut",
        kind=EventKind.ADVANCE,
        title="road cut",
        source=("assumption: t",),
        date=dt.date(2020, 1, 25),
        effects=(RoadChange("front_middle", status=RoadStatus.CLOSED),),
    )
    sc = chain(timeline=[ev], km=70, model={"convoy_km_per_day": 60})
    states, events = play(sc, 5, orders={1: [SendConvoy("camp", "front", Cargo.WATER, 5)]})
    assert states[-1].counters.convoys_blocked == 1
    assert states[-1].counters.convoys_delivered == 0
    assert any("cannot get through" in e.message for evs in events for e in evs)
    assert states[-1].resources.trucks == 40  # they came back


def test_convoys_on_bombarded_roads_get_struck():
    sc = chain(km=100, model={"convoy_strike_rate": 1.0, "convoy_km_per_day": 60})
    from dataclasses import replace

    roads = tuple(replace(r, bombardment=1.0) for r in sc.roads)
    sc = replace(sc, roads=roads)
    states, events = play(sc, 3, orders={1: [SendConvoy("camp", "middle", Cargo.FOOD, 10)]})
    assert states[-1].counters.convoys_struck == 1
    assert states[-1].counters.trucks_lost == 5
    assert any("hit on the road" in e.message for evs in events for e in evs)


def test_tents_shelter_people_at_once():
    sc = chain(front_pop=20000, middle_pop=0, camp_capacity=0)
    states, _ = play(sc, 2)
    assert states[-1].location("middle").unsheltered > 0
    helped, _ = play(sc, 3, orders={2: [SendConvoy("camp", "middle", Cargo.SHELTER, 10)]})
    middle = helped[1].location("middle")
    assert middle.tents > 0 and middle.sheltered > 0
