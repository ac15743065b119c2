"""Front line: timeline events fire (scheduled, or projected with a daily chance) and change
who holds towns and roads, encirclements, bombardment, threat and diplomatic pressure.

A negotiated pause at a town postpones any event that would capture it while the pause holds.
"""

from __future__ import annotations

import datetime as dt
import re

from game.engine import events as ev
from game.engine import supplies
from game.engine.work import Work
from game.scenario.basis import Basis, event_basis
from game.scenario.model import (
    Bombard,
    Capture,
    Diplomacy,
    Effect,
    Encircle,
    EventKind,
    RoadChange,
    Threat,
    TimelineEvent,
)
from game.turns import turn_date

_ARTICLE = re.compile(r"^\s*article\s*¶\s*(\d+)")


def citation(sources: tuple[str, ...]) -> str | None:
    """`article ¶N` of the first source that cites the article, else None."""
    for text in sources:
        match = _ARTICLE.match(text)
        if match:
            return f"article ¶{match.group(1)}"
    return None


def _earliest(work: Work, event: TimelineEvent) -> dt.date | None:
    """The first date `event` may fire, or None while it waits for another event. The wait
    counts from the day the event it follows fired when that was during this turn, else from
    the first day of the turn it fired in (a state records the turn, not the day)."""
    start = work.scenario.meta.start_date
    earliest = event.date or start
    if event.after:
        fired_turn = work.fired.get(event.after)
        if fired_turn is None:
            return None
        fired_day = work.fired_day.get(event.after)
        if fired_day is None:
            fired_date = turn_date(start, work.scenario.meta.turn_days, fired_turn)
        else:
            fired_date = start + dt.timedelta(days=fired_day - 1)
        earliest = max(earliest, fired_date + dt.timedelta(days=event.delay_days))
    return earliest


def _paused_capture(work: Work, event: TimelineEvent) -> str | None:
    for effect in event.effects:
        if isinstance(effect, Capture):
            i = work.net.loc_index.get(effect.location)
            if i is not None and work.locations[i].pause_days > 0:
                return effect.location
    return None


def run(work: Work) -> None:
    """Fire the timeline events due today, in file order."""
    fired = work.fired
    date = work.date
    start = work.scenario.meta.start_date
    draw = None  # the day's draws, made on first need
    for event in work.scenario.timeline:
        if event.id in fired:
            continue
        if event.after:
            earliest = _earliest(work, event)
            if earliest is None or date < earliest:
                continue
        elif date < (event.date or start):
            continue
        paused = _paused_capture(work, event)
        if paused is not None:
            i = work.net.loc_index[paused]
            work.log(
                ev.NEGOTIATION,
                paused,
                "pause",
                f"The humanitarian pause holds at {work.name(i)}: the assault is postponed.",
                {"pause_days_left": work.locations[i].pause_days},
            )
            continue
        p = event.probability
        if p < 1.0:
            p = min(1.0, p * work.event_odds)
        if p >= 1.0 or (event.latest is not None and date >= event.latest):
            fire(work, event)
        elif p > 0.0:
            if draw is None:
                draw = work.rng.draws(work.day, "timeline")
            if draw(event.id) < p:
                fire(work, event)


def fire(work: Work, event: TimelineEvent) -> None:
    """Apply an event's effects and log it; a dilemma opens its choice to the player."""
    work.fired[event.id] = work.turn
    work.fired_day[event.id] = work.day
    cite = citation(event.source)
    taken, place = apply_effects(work, event.effects, cite)
    taken += event.localities
    if taken:
        work.counters["localities_taken"] += taken
    projected = event_basis(event) is Basis.PROJECTED
    figures: dict[str, int | float] = {}
    if taken:
        figures["localities_taken"] = taken
    work.log(
        event.kind.value,
        place,
        "projection" if projected else "timeline",
        event.title if not projected else f"{event.title} (model projection)",
        figures,
        citation=cite,
    )
    if event.kind is EventKind.DILEMMA:
        turns = -(-event.expires_days // work.scenario.meta.turn_days)  # rounded up
        work.open_dilemmas.append((event.id, work.turn + turns))
        work.log(
            ev.DILEMMA,
            place,
            "dilemma",
            f"A decision is asked of you: {event.prompt}",
            {"days_to_choose": event.expires_days},
        )


def apply_effects(
    work: Work, effects: tuple[Effect, ...], cite: str | None = None
) -> tuple[int, str | None]:
    """Apply effects in order: (localities taken, the first place or road they concern)."""
    taken = 0
    place: str | None = None
    for effect in effects:
        if isinstance(effect, Capture):
            taken += capture(work, effect, cite)
            place = place or effect.location
        elif isinstance(effect, RoadChange):
            _road_change(work, effect)
            place = place or effect.road
        elif isinstance(effect, Encircle):
            _encircle(work, effect)
            place = place or effect.location
        elif isinstance(effect, Bombard):
            _bombard(work, effect)
            place = place or effect.target
        elif isinstance(effect, Diplomacy):
            _diplomacy(work, effect)
        elif isinstance(effect, Threat):
            i = work.net.loc_index[effect.location]
            loc = work.edit(i)
            loc.threat = round(float(effect.level), 6)
            loc.threat_days = int(effect.days)
            place = place or effect.location
        else:
            concerns = supplies.apply(work, effect)
            place = place or concerns
    return taken, place


def capture(work: Work, effect: Capture, cite: str | None = None) -> int:
    """A faction takes a place; returns the localities it counts for (0 if no change of side).
    `cite` is the article paragraph of the event that took it, for the log."""
    i = work.net.loc_index[effect.location]
    before = work.locations[i]
    was_hostile = work.net.hostile(before.control)
    loc = work.edit(i)
    loc.control = effect.faction
    loc.encircled = False
    loc.open_exits = ()
    loc.approaches = ()
    loc.pause_days = 0
    if work.net.hostile(effect.faction) and not was_hostile:
        loc.captured_turn = work.turn
        loc.fall_days = int(work.p.fall_days)
        loc.bombardment = 0.0  # the front has passed: strikes move on to the next places
        loc.strike = 0.0
        loc.strike_days = 0
        lost = loc.food + loc.water
        loc.food = 0
        loc.water = 0
        people = loc.population
        work.log(
            ev.FALL,
            effect.location,
            "capture",
            f"Taken by {work.scenario.faction_by_id[effect.faction].name}: {work.name(i)}; "
            f"an estimated {ev.people(people)} {ev.verb(people, 'is', 'are')} still there"
            + (f", and aid stocks for {lost:,} person-days are lost." if lost else "."),
            {"people": people, "stocks_lost": lost},
            citation=cite,
            estimate=True,
        )
        return work.net.localities[i]
    return 0


def _road_change(work: Work, effect: RoadChange) -> None:
    r = work.net.road_index[effect.road]
    road = work.edit_road(r)
    if effect.status is not None:
        road.status = effect.status
    if effect.control is not None:
        road.control = effect.control
    if effect.bombardment is not None:
        road.bombardment = round(float(effect.bombardment), 6)


def _encircle(work: Work, effect: Encircle) -> None:
    i = work.net.loc_index[effect.location]
    loc = work.edit(i)
    approaches = dict(loc.approaches)
    for direction, faction in effect.approaches.items():
        approaches[getattr(direction, "value", str(direction))] = faction
    loc.approaches = tuple(sorted(approaches.items()))
    if effect.open_exits is not None:
        loc.open_exits = tuple(effect.open_exits)
    loc.encircled = True


def _bombard(work: Work, effect: Bombard) -> None:
    intensity = round(float(effect.intensity), 6)
    if effect.target in work.net.loc_index:
        loc = work.edit(work.net.loc_index[effect.target])
        loc.strike = intensity
        loc.strike_days = int(effect.days)
    elif effect.target in work.net.road_index:
        road = work.edit_road(work.net.road_index[effect.target])
        road.strike = intensity
        road.strike_days = int(effect.days)


def _diplomacy(work: Work, effect: Diplomacy) -> None:
    leverage = work.resources["leverage"] + int(effect.leverage)
    work.resources["leverage"] = max(0, min(100, leverage))
    if effect.bonus:
        work.diplomacy_bonus = max(work.diplomacy_bonus, float(effect.bonus))
        work.diplomacy_days = max(work.diplomacy_days, int(effect.days))


def tick(work: Work) -> None:
    """End of turn: timed effects run down by one day."""
    for i, place in enumerate(work.locations):
        if place.strike_days or place.threat_days or place.pause_days or place.fall_days:
            loc = work.edit(i)
            if loc.strike_days:
                loc.strike_days -= 1
                if not loc.strike_days:
                    loc.strike = 0.0
            if loc.threat_days:
                loc.threat_days -= 1
                if not loc.threat_days:
                    loc.threat = 0.0
            if loc.pause_days:
                loc.pause_days -= 1
            if loc.fall_days:
                loc.fall_days -= 1
    for r, road_state in enumerate(work.roads):
        if road_state.strike_days or road_state.corridor_days:
            road = work.edit_road(r)
            if road.strike_days:
                road.strike_days -= 1
                if not road.strike_days:
                    road.strike = 0.0
            if road.corridor_days:
                road.corridor_days -= 1
    if work.diplomacy_days:
        work.diplomacy_days -= 1
        if not work.diplomacy_days:
            work.diplomacy_bonus = 0.0
    if work.escort_days:
        work.escort_days -= 1
        if not work.escort_days:
            work.escort_strike = 1.0
            work.escort_penalty = 0.0
