"""Bombardment: today's intensity at every place and road, and the harm it does to the people
still there (more to the unsheltered). Harm figures are model estimates."""

from __future__ import annotations

from game.engine import events as ev
from game.engine.apportion import apportion, split_pools
from game.engine.intensity import place_intensity, road_intensity
from game.engine.work import Work

HARM_EVENT_MIN = 10  # places with less harm are summed up in one log line


def intensities(work: Work) -> None:
    """Set `work.loc_intensity` and `work.road_intensity` for today (0..1): the heavier of
    the standing bombardment and a running strike; a pause scales a town's down, a corridor
    shields its road (`intensity.py`, the functions the interface shows). Without either,
    a place or road has none."""
    factor = work.p.pause_bombardment_factor
    work.loc_intensity = [
        place_intensity(place, factor) if place.bombardment or place.strike_days else 0.0
        for place in work.locations
    ]
    work.road_intensity = [
        road_intensity(road) if road.bombardment or road.strike_days else 0.0 for road in work.roads
    ]


def remove_dead(work: Work, i: int, killed: int) -> None:
    """Take `killed` people out of place `i`'s pools, in proportion."""
    if killed <= 0:
        return
    place = work.edit(i)
    residents, sheltered, unsheltered = split_pools(
        killed, (place.residents, place.sheltered, place.unsheltered)
    )
    place.residents -= residents
    place.sheltered -= sheltered
    place.unsheltered -= unsheltered
    place.en_route = min(place.en_route, place.unsheltered)


def _round(draw: float, x: float) -> int:
    """`x` (>= 0) rounded up or down by a uniform draw, in proportion to its fraction."""
    low = int(x)
    return low + 1 if draw < x - low else low


def _count_harm(work: Work, harmed: int, killed: int) -> None:
    work.counters["harmed"] += harmed
    work.counters["killed"] += killed
    work.figures["harmed"] += harmed


def harm(work: Work) -> None:
    """Estimated harm from bombardment and, for the unsheltered, winter exposure."""
    _bombardment_harm(work)
    if work.p.exposure_harm_rate:
        _exposure_harm(work)


def _bombardment_harm(work: Work) -> None:
    """People in bombarded places: more harm to the unsheltered; the dead leave the pools."""
    p = work.p
    harm_draws = work.rng.pairs(work.day, "harm")
    small_harmed = small_killed = small_places = 0  # places below HARM_EVENT_MIN, summed
    for i, intensity in enumerate(work.loc_intensity):
        if intensity <= 0.0:
            continue
        place = work.locations[i]
        people = place.population
        if people <= 0:
            continue
        expected = (
            p.harm_rate
            * intensity
            * (place.residents + place.sheltered + place.unsheltered * p.unsheltered_harm_factor)
        )
        draw_harmed, draw_killed = harm_draws(place.id)
        harmed = min(people, _round(draw_harmed, expected))
        if not harmed:
            continue
        killed = min(harmed, _round(draw_killed, harmed * p.fatal_share))
        remove_dead(work, i, killed)
        work.edit(i).harmed += harmed
        _count_harm(work, harmed, killed)
        if harmed >= HARM_EVENT_MIN:
            work.log(
                ev.HARM,
                place.id,
                "bombardment",
                f"Bombardment of {work.name(i)}: an estimated "
                f"{ev.people(harmed)} harmed, {killed:,} of them killed.",
                {"harmed": harmed, "killed": killed, "intensity": round(intensity, 2)},
                estimate=True,
            )
        else:
            small_harmed += harmed
            small_killed += killed
            small_places += 1
    if small_harmed:
        work.log(
            ev.HARM,
            None,
            "bombardment",
            f"Bombardment elsewhere: an estimated {ev.people(small_harmed)} harmed in "
            f"{ev.count(small_places, 'place')}, {small_killed:,} of them killed.",
            {"harmed": small_harmed, "killed": small_killed, "places": small_places},
            estimate=True,
        )


def _exposure_harm(work: Work) -> None:
    """Winter cold: one draw for the day, shared out in proportion to the unsheltered of the
    places not held by attackers; the dead are taken from the unsheltered."""
    p = work.p
    hostile = work.hostile_now()
    exposed = [
        (i, place.unsheltered)
        for i, place in enumerate(work.locations)
        if place.unsheltered and not hostile[i]
    ]
    people = sum(unsheltered for _, unsheltered in exposed)
    expected = p.exposure_harm_rate * people
    harmed_total = min(people, work.rng.round(expected, work.day, "exposure"))
    if not harmed_total:
        return
    killed_total = work.rng.round(harmed_total * p.fatal_share, work.day, "cold")
    harmed_at = apportion(harmed_total, [unsheltered for _, unsheltered in exposed])
    hit = [(i, harmed) for (i, _), harmed in zip(exposed, harmed_at, strict=True) if harmed]
    killed_at = apportion(killed_total, [harmed for _, harmed in hit])
    for (i, harmed), killed in zip(hit, killed_at, strict=True):
        place = work.edit(i)
        place.harmed += harmed
        if killed:
            place.unsheltered -= killed
            place.en_route = min(place.en_route, place.unsheltered)
    _count_harm(work, harmed_total, killed_total)
    work.log(
        ev.HARM,
        None,
        "exposure",
        f"Winter cold: an estimated {ev.people(harmed_total)} without shelter harmed, "
        f"{killed_total:,} of them killed.",
        {"harmed": harmed_total, "killed": killed_total},
        estimate=True,
    )
