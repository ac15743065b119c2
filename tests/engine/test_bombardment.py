"""Bombardment: intensity per place and road; harm scales with the people there and falls
harder on the unsheltered; the dead leave the population; a pause eases strikes."""

from __future__ import annotations

import datetime as dt

from game.engine import Rng, bombardment, new_game
from game.engine.work import Work
from game.scenario.model import Bombard, EventKind, TimelineEvent
from tests.engine.fixtures import chain, loc, make_scenario, play, road


def _harm_scenario(pop, displaced, capacity, intensity, harm_rate=0.01):
    locations = (
        loc("town", "town", pop, displaced, capacity, bombardment=intensity),
        loc("camp", "camp", 0, 0, 0),
    )
    roads = (road("r", "town", "camp", 10, "closed"),)
    return make_scenario(
        locations=locations,
        roads=roads,
        timeline=(),
        model={"harm_rate": harm_rate, "exposure_harm_rate": 0.0, "fatal_share": 0.5},
    )


def _harm_once(sc, seed=1):
    state = new_game(sc, seed)
    work = Work(sc, state, Rng(seed))
    bombardment.intensities(work)
    bombardment.harm(work)
    return work


def test_no_bombardment_no_harm():
    work = _harm_once(_harm_scenario(10000, 0, 0, 0.0))
    assert work.counters["harmed"] == 0 and not work.events


def test_harm_scales_with_intensity_and_people():
    low = _harm_once(_harm_scenario(10000, 0, 0, 0.2)).counters["harmed"]
    high = _harm_once(_harm_scenario(10000, 0, 0, 0.8)).counters["harmed"]
    many = _harm_once(_harm_scenario(40000, 0, 0, 0.8)).counters["harmed"]
    assert 0 < low < high < many
    assert abs(high - 80) <= 2  # 0.01 * 0.8 * 10000


def test_unsheltered_are_more_exposed():
    sheltered = _harm_once(_harm_scenario(10000, 10000, 10000, 0.5)).counters["harmed"]
    unsheltered = _harm_once(_harm_scenario(10000, 10000, 0, 0.5)).counters["harmed"]
    assert unsheltered > 1.5 * sheltered


def test_the_dead_leave_the_population_and_figures_are_estimates():
    sc = _harm_scenario(10000, 2000, 1000, 0.8)
    work = _harm_once(sc)
    state = work.freeze()
    assert state.counters.killed > 0
    assert state.population + state.counters.killed == 10000
    assert all(e.estimate for e in work.events if e.kind == "harm")
    assert all("estimated" in e.message for e in work.events if e.kind == "harm")


def test_timeline_strike_raises_intensity_for_its_days():
    ev = TimelineEvent(
        id="strike",
        kind=EventKind.BOMBARDMENT,
        title="strikes",
        source=("assumption: t",),
        date=dt.date(2020, 1, 24),
        effects=(Bombard("middle", 0.7, 2), Bombard("middle_camp", 0.5, 1)),
    )
    sc = chain(timeline=[ev])
    states, _ = play(sc, 3)
    assert [s.location("middle").strike_days for s in states] == [1, 0, 0]
    assert states[0].road("middle_camp").strike == 0.0  # one day only: over after turn 1
    assert states[0].location("middle").harmed > 0 or states[1].location("middle").harmed >= 0


def test_pause_and_corridor_ease_strikes():
    sc = chain(bombardment=0.8)
    state = new_game(sc, 1)
    from dataclasses import replace

    locs = tuple(replace(x, pause_days=2) if x.id == "front" else x for x in state.locations)
    roads = tuple(
        replace(r, corridor_days=2, bombardment=0.9) if r.id == "front_middle" else r
        for r in state.roads
    )
    work = Work(sc, replace(state, locations=locs, roads=roads), Rng(1))
    bombardment.intensities(work)
    i = work.net.loc_index["front"]
    r = work.net.road_index["front_middle"]
    assert abs(work.loc_intensity[i] - 0.8 * work.p.pause_bombardment_factor) < 1e-9
    assert work.road_intensity[r] == 0.0
