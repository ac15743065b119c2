"""Displacement: threat drives flight along open roads toward safer places with space; closed
exits trap people; travel takes time; everyone is conserved."""

from __future__ import annotations

import dataclasses
import datetime as dt

from game.engine import new_game
from game.engine.threat import threat_by_id
from game.scenario.model import Capture, EventKind, Threat, TimelineEvent
from tests.engine.fixtures import chain, loc, make_scenario, play, road


def _total(state):
    return state.population + state.counters.killed


def test_no_threat_no_flight():
    sc = chain(front_pop=10000, model={"front_threat": 0.0, "onward_rate_unsheltered": 0.0})
    states, _ = play(sc, 5)
    assert states[-1].location("front").residents == 10000
    assert states[-1].counters.displaced_in_game == 0


def test_front_line_threat_drives_flight_toward_safety():
    sc = chain(front_pop=10000, middle_pop=0)
    start = new_game(sc, 1)
    threat = threat_by_id(sc, start)
    assert threat["front"] > threat["middle"] >= threat["camp"]
    assert threat["enemy"] == 0.0
    states, events = play(sc, 6)
    s = states[-1]
    assert s.location("front").residents < 10000
    assert s.location("middle").displaced + s.location("camp").displaced + s.in_transit > 0
    assert s.location("enemy").population == 0  # nobody flees toward the attackers
    assert s.counters.displaced_since_december == 350000 + s.counters.displaced_in_game
    assert any(e.kind == "displacement" and e.estimate for evs in events for e in evs)
    assert all(_total(x) == _total(start) for x in states)


def test_flight_grows_with_threat():
    low = chain(model={"front_threat": 0.6})
    high = chain(model={"front_threat": 1.0})
    fled_low = play(low, 3)[0][-1].counters.displaced_in_game
    fled_high = play(high, 3)[0][-1].counters.displaced_in_game
    assert fled_high > fled_low > 0


def test_closed_exits_trap_people():
    sc = chain(front_pop=8000, middle_status="closed")
    states, events = play(sc, 4)
    for s in states:
        front = s.location("front")
        assert front.population + s.counters.killed == 8000  # nobody left, only the dead
        assert s.day.trapped >= front.population > 0
    assert states[-1].counters.displaced_in_game == 0
    assert any(e.kind == "trapped" for e in events[0])


def test_encircled_town_leaves_only_by_open_exits():
    from types import MappingProxyType

    from game.scenario.model import Direction, Encirclement

    A = ("assumption: test",)
    locations = (
        loc("enemy", "town", 0, 0, 0, control="government"),
        loc(
            "town",
            "town",
            10000,
            0,
            0,
            bombardment=0.8,
            encirclement=Encirclement(MappingProxyType({Direction.E: "government"}), ("west",), A),
        ),
        loc("west_town", "town", 0, 0, 50000),
        loc("north_town", "town", 0, 0, 50000),
    )
    roads = (
        road("enemy_town", "enemy", "town", 10, "closed", control="government"),
        road("west", "town", "west_town", 10),
        road("north", "town", "north_town", 10),
    )
    sc = make_scenario(locations=locations, roads=roads, timeline=())
    states, _ = play(sc, 4)
    s = states[-1]
    assert s.location("west_town").population > 0
    assert s.location("north_town").population == 0


def test_long_roads_keep_people_in_transit():
    sc = chain(
        front_pop=10000, middle_pop=0, km=80, bombardment=0.8, model={"travel_km_per_day": 35}
    )
    states, _ = play(sc, 4)
    assert states[0].in_transit > 0
    assert states[0].location("middle").population == 0  # 80 km: not there after a day
    assert states[2].location("middle").population > 0  # arrived on the third day
    assert all(t.km_left > 0 for t in states[0].transit)


def test_arrivals_fill_shelter_places_first():
    sc = chain(front_pop=20000, middle_pop=0, camp_capacity=0)
    states, _ = play(sc, 3)
    middle = states[-1].location("middle")
    assert middle.sheltered == 0 and middle.unsheltered > 0  # no places there


def test_capacity_factor_steers_onward_movement_to_space():
    A = ("assumption: test",)
    del A
    locations = (
        loc("crowded", "town", 10000, 10000, 0),
        loc("full_camp", "camp", 1000, 1000, 1000),
        loc("empty_camp", "camp", 0, 0, 50000),
    )
    roads = (
        road("to_full", "crowded", "full_camp", 10),
        road("to_empty", "crowded", "empty_camp", 30),
    )
    sc = make_scenario(
        locations=locations, roads=roads, timeline=(), model={"onward_rate_unsheltered": 0.2}
    )
    states, _ = play(sc, 3)
    s = states[-1]
    assert s.location("empty_camp").sheltered > 0
    assert s.location("full_camp").population == 1000


def test_a_fallen_town_empties_across_the_line():
    ev = TimelineEvent(
        id="fall",
        kind=EventKind.CAPTURE,
        title="falls",
        source=("assumption: t",),
        date=dt.date(2020, 1, 24),
        effects=(Capture("front", "government"), Threat("middle", 0.1, 1)),
    )
    sc = chain(front_pop=10000, middle_pop=0, timeline=[ev])
    states, events = play(sc, 4)
    assert states[0].location("front").control == "government"
    assert states[-1].location("front").population < 5000
    assert any(e.kind == "fall" for e in events[0])
    # the log says what was taken and when: the place itself, not a town it belongs near
    flights = [
        [e.cause for e in evs if e.kind == "displacement" and e.place == "front"] for evs in events
    ]
    assert "taken today" in flights[0] and "taken yesterday" in flights[1]
    assert not any("fallen" in cause for causes in flights for cause in causes)


def test_turn_zero_figures_describe_the_start():
    from game.engine import turn_figures

    sc = chain(front_pop=8000, middle_status="closed")
    start = new_game(sc, 1)
    figures = turn_figures(sc, start)
    assert figures.turn == 0 and figures.trapped == 8000
    open_sc = chain(front_pop=8000)
    assert turn_figures(open_sc, new_game(open_sc, 1)).trapped == 0
    camp = make_scenario()
    assert 0.0 < turn_figures(camp, new_game(camp, 1)).needs_covered_pct <= 100.0


def _star(model=None, **bombardments):
    """A threatened front town with dead-end neighbours 10 km away: each keyword names a
    neighbour as `name=(kind, capacity, displaced, bombardment)`."""
    locations = [
        loc("enemy", "town", 0, 0, 0, control="government"),
        loc("front", "town", 20000, 0, 0, bombardment=0.8),
    ]
    roads_ = [road("enemy_front", "enemy", "front", 10, "closed", control="government")]
    for name, (kind, capacity, displaced, shelled) in bombardments.items():
        locations.append(loc(name, kind, displaced, displaced, capacity, bombardment=shelled))
        roads_.append(road(f"front_{name}", "front", name, 10))
    return make_scenario(
        locations=tuple(locations), roads=tuple(roads_), timeline=(), model=model or {}
    )


def _gain(states, start, name):
    return states[-1].location(name).population - start.location(name).population


def test_people_on_their_way_move_on_from_towns_and_stop_at_camps():
    model = {"onward_rate_unsheltered": 0.0}
    moving = chain(front_pop=10000, middle_pop=0, turns=12, model=model)
    staying = chain(
        front_pop=10000, middle_pop=0, turns=12, model={**model, "onward_rate_en_route": 0.0}
    )
    states, events = play(moving, 12)
    assert states[0].location("middle").en_route > 0  # arrived without a shelter place
    camp = states[-1].location("camp")
    assert camp.displaced > 0 and camp.en_route == 0  # at a camp they stop
    assert states[-1].location("middle").en_route <= states[-1].location("middle").unsheltered
    assert any(e.cause == "still on their way" for evs in events for e in evs)
    held, _ = play(staying, 12)
    assert held[-1].location("camp").displaced == 0  # nobody moves on without the rule
    assert held[-1].location("middle").displaced > states[-1].location("middle").displaced


def test_a_shelter_place_ends_the_journey():
    sc = chain(front_pop=10000, middle_pop=0, model={"onward_rate_unsheltered": 0.0})
    free = make_scenario(
        locations=tuple(
            loc("middle", "town", 0, 0, 100000) if x.id == "middle" else x for x in sc.locations
        ),
        roads=sc.roads,
        timeline=(),
        model={"onward_rate_unsheltered": 0.0},
    )
    states, _ = play(free, 6)
    middle = states[-1].location("middle")
    assert middle.sheltered > 0 and middle.unsheltered == 0 and middle.en_route == 0
    assert states[-1].location("camp").displaced == 0


def test_a_bombarded_place_attracts_fewer_arrivals():
    sc = _star(quiet=("town", 0, 0, 0.0), shelled=("town", 0, 0, 0.5))
    start = new_game(sc, 1)
    states, _ = play(sc, 1)
    quiet, shelled = _gain(states, start, "quiet"), _gain(states, start, "shelled")
    assert 0.4 * quiet < shelled < 0.6 * quiet  # Flee: score x 0.25 ^ threat (0.5 here)


def test_camps_attract_by_their_free_space_towns_take_everyone():
    sc = _star(
        town=("town", 0, 0, 0.0),
        free_camp=("camp", 100000, 0, 0.0),
        full_camp=("camp", 1000, 1000, 0.0),
    )
    start = new_game(sc, 1)
    states, _ = play(sc, 1)
    town, free_camp = _gain(states, start, "town"), _gain(states, start, "free_camp")
    assert _gain(states, start, "full_camp") == 0  # Flee: a full camp is not chosen
    assert 1.5 * town < free_camp < 2.5 * town  # Flee's camp weight 2


def _fork(camp_roads: int, awareness: int):
    """A threatened town with two equal roads out; along one, a camp `camp_roads` roads
    away (the roads before it through empty towns), along the other only towns."""
    locations = [
        loc("enemy", "town", 0, 0, 0, control="government"),
        loc("front", "town", 20000, 0, 0, bombardment=0.8),
    ]
    roads_ = [road("enemy_front", "enemy", "front", 10, "closed", control="government")]
    for side in ("a", "b"):
        previous = "front"
        for step in range(1, 5):
            name = f"{side}{step}"
            camp = side == "a" and step == camp_roads
            locations.append(loc(name, "camp" if camp else "town", 0, 0, 100000 if camp else 0))
            roads_.append(road(f"{previous}_{name}", previous, name, 10))
            previous = name
    return make_scenario(
        locations=tuple(locations),
        roads=tuple(roads_),
        timeline=(),
        model={"awareness_level": awareness, "onward_rate_unsheltered": 0.0},
    )


def _first_day_split(sc) -> tuple[int, int]:
    """People who took the road toward a1 and toward b1 on the first day."""
    states, _ = play(sc, 1)
    went = {"a": 0, "b": 0}
    for group in states[0].transit:
        went[group.destination[0]] += group.people
    for side in went:
        place = states[0].location(f"{side}1")
        went[side] += place.population
    return went["a"], went["b"]


def test_awareness_level_is_how_many_roads_beyond_the_first_people_see():
    """At awareness level L people weigh routes of up to L + 1 roads: a camp L + 1 roads away
    draws them toward its side, one road further it does not (both sides then look alike)."""
    for level in (0, 1, 2, 3):
        seen_a, seen_b = _first_day_split(_fork(level + 1, level))
        assert seen_a > 1.1 * seen_b, (level, seen_a, seen_b)
        if level < 3:
            hidden_a, hidden_b = _first_day_split(_fork(level + 2, level))
            assert abs(hidden_a - hidden_b) <= 1, (level, hidden_a, hidden_b)


def test_every_awareness_level_plays_a_whole_game():
    """Each level the schema allows (0-3) plays the bundled scenario to its end, conserving
    everyone, and each gives another game."""
    from game.engine.simulate import run_game
    from game.paths import bundled_scenario
    from game.scenario import load_scenario
    from game.scenario.model import Parameter

    idlib = load_scenario(bundled_scenario("idlib"))
    finals = set()
    for level in (0, 1, 2, 3):
        model = dict(idlib.model)
        model["awareness_level"] = Parameter("awareness_level", level, "roads", ("test",))
        scenario = dataclasses.replace(idlib, model=model)
        record = run_game(scenario, 1, "greedy")
        assert record.final.game_over and record.turns == idlib.meta.turns
        total = record.initial.population
        for state in record.states:
            assert state.population + state.counters.killed == total
        finals.add(record.final)
    assert len(finals) == 4
