"""Displacement in the manner of the Flee model (Suleimenova, Bell & Groen 2017), as flows.

Each place has a daily chance that its people leave, set by threat (`threat.py`: front
proximity, bombardment, encirclement, a projected threat). Movers pick an open road out in
proportion to the summed Flee weights of the routes through it (`routes.py`). Displaced people
who arrive at a place that is not a camp and find no shelter place stay on their way
(`en_route`): like Flee's agents in a town they move on every few days, and at once from a
place under threat, until they reach a camp or a shelter place. Unsheltered people who have
stopped also move on, slowly, toward free shelter space (`departures.py`). People cover
`travel_km_per_day` and may spend days in transit (`travel.py`), then settle (`arrivals.py`).
A place with no open way out keeps its people: they count as trapped. All counts are integers
and every person is conserved.

One day: the outlook as the day starts, departures place by place, harm on the roads, travel,
arrivals, then the log's summary lines and the day's figures.
"""

from __future__ import annotations

from game.engine import events as ev
from game.engine.displacement.arrivals import settle_all
from game.engine.displacement.departures import Departures, set_out
from game.engine.displacement.routes import onward_options, outlook
from game.engine.displacement.travel import on_the_roads, road_harm, travel
from game.engine.threat import threats
from game.engine.work import Work

__all__ = ["run"]


def run(work: Work) -> None:
    """Departures, harm on the roads, travel, arrivals; sets today's displacement figures."""
    hostile = work.hostile_now()
    work.threat = threats(work, hostile)
    seen = outlook(work, work.threat, hostile)
    options = {}
    rate = work.p.onward_rate_unsheltered
    if rate:
        # only places whose unsheltered people could make up a household move on toward shelter
        household = max(1, int(work.p.household_size))
        senders = [place.unsheltered * rate >= household for place in work.locations]
        options = onward_options(
            work.net, seen, int(work.p.awareness_level), work.p.route_offset_km, senders
        )
    out = set_out(work, seen, options)
    groups = road_harm(work, out.groups + on_the_roads(work))
    settle_all(work, travel(work, groups, hostile))
    _log_summaries(work, out)
    work.counters["displaced_since_december"] += out.newly_displaced
    work.counters["displaced_in_game"] += out.newly_displaced
    work.figures["displaced_new"] += out.newly_displaced
    work.figures["moved"] += out.moved
    work.figures["trapped"] = out.trapped


def _log_summaries(work: Work, out: Departures) -> None:
    """The log's lines for the flights too small for a line of their own and for people who
    moved on."""
    if out.small_people:
        work.log(
            ev.DISPLACEMENT,
            None,
            "threat of the offensive",
            f"An estimated {ev.people(out.small_people)} fled "
            f"{ev.count(out.small_places, 'other place')} in smaller numbers.",
            {"people": out.small_people, "places": out.small_places},
            estimate=True,
        )
    if out.moved_on:
        work.log(
            ev.DISPLACEMENT,
            None,
            "still on their way",
            f"An estimated {out.moved_on:,} displaced people who had found no shelter moved "
            "on from the places where they had stopped.",
            {"people": out.moved_on},
            estimate=True,
        )
    if out.toward_shelter:
        work.log(
            ev.DISPLACEMENT,
            None,
            "looking for shelter",
            f"An estimated {out.toward_shelter:,} displaced people without shelter moved on "
            "toward places with free shelter space.",
            {"people": out.toward_shelter},
            estimate=True,
        )
