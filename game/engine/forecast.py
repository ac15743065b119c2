"""What the timeline is expected to do in the next days: for the player to see the front coming
(issue 19, 'threats you can see'). Read-only: no state changes, no random draws.

The chances are exact for the engine's own rule (`frontline.run`): an event not yet fired is
looked at once a day in file order; from its date (or `delay_days` after the event it follows
fired) it fires with its probability, scaled by the difficulty's `event_odds` when below 1,
and surely on or after `latest`; a pause holding at a town it would capture postpones it. An
event that follows another is forecast through the distribution of the day that one fires.
Pauses not yet agreed are not foreseen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.engine.state import State
from game.scenario.model import Capture, RoadChange, RoadStatus, Scenario, TimelineEvent


@dataclass(frozen=True, slots=True)
class EventForecast:
    """The chance that a timeline event fires on each of the next turns (`by_turn[0]` is the
    next turn to play)."""

    event: TimelineEvent
    first_turn: int  # the turn `by_turn[0]` is about
    by_turn: tuple[float, ...]

    def within(self, turns: int) -> float:
        """The chance that it fires within the next `turns` turns."""
        return min(1.0, sum(self.by_turn[: max(0, turns)]))


@dataclass(frozen=True, slots=True)
class PlaceOutlook:
    """The likeliest capture of a place within the horizon, and the event behind it."""

    location: str
    faction: str
    chance: float  # of the likeliest event (a lower bound if several events could take it)
    event: TimelineEvent


@dataclass(frozen=True, slots=True)
class RoadOutlook:
    """The likeliest change of a road's status within the horizon."""

    road: str
    status: RoadStatus
    chance: float
    event: TimelineEvent


def _turn_date(scenario: Scenario, turn: int) -> dt.date:
    return scenario.meta.start_date + dt.timedelta(days=scenario.meta.turn_days * (turn - 1))


def _paused_until(scenario: Scenario, state: State, event: TimelineEvent) -> int:
    """The last turn on which a pause holding now postpones `event` (0: none)."""
    last = 0
    pause_days = {loc.id: loc.pause_days for loc in state.locations}
    for effect in event.effects:
        if isinstance(effect, Capture) and pause_days.get(effect.location, 0) > 0:
            last = max(last, state.turn + pause_days[effect.location])
    return last


def _daily_chance(event: TimelineEvent, event_odds: float) -> float:
    p = event.probability
    return min(1.0, p * event_odds) if p < 1.0 else 1.0


def _given_start(
    scenario: Scenario, state: State, event: TimelineEvent, first_eligible: int, turns: int
) -> list[float]:
    """Chance of firing on each of the next `turns` turns, if the event may fire from turn
    `first_eligible` on."""
    p = _daily_chance(event, state.event_odds)
    paused = _paused_until(scenario, state, event)
    out = [0.0] * turns
    alive = 1.0
    for k in range(turns):
        turn = state.turn + 1 + k
        if turn < first_eligible or turn <= paused:
            continue
        forced = p >= 1.0 or (
            event.latest is not None and _turn_date(scenario, turn) >= event.latest
        )
        today = 1.0 if forced else p
        out[k] = alive * today
        alive *= 1.0 - today
        if alive <= 0.0:
            break
    return out


def _first_turn_on_or_after(scenario: Scenario, date: dt.date) -> int:
    days = (date - scenario.meta.start_date).days
    step = scenario.meta.turn_days
    return max(1, -(-days // step) + 1)


class _Forecaster:
    def __init__(self, scenario: Scenario, state: State, turns: int) -> None:
        self.scenario = scenario
        self.state = state
        self.turns = turns
        self.fired = dict(state.fired)
        self.order = {event.id: k for k, event in enumerate(scenario.timeline)}
        self.by_id = {event.id: event for event in scenario.timeline}
        self.memo: dict[str, list[float]] = {}

    def chances(self, event: TimelineEvent) -> list[float]:
        if event.id not in self.memo:
            self.memo[event.id] = [0.0] * self.turns  # a cycle (refused by the validator) is 0
            self.memo[event.id] = self._chances(event)
        return self.memo[event.id]

    def _own_start(self, event: TimelineEvent) -> int:
        return _first_turn_on_or_after(self.scenario, event.date or self.scenario.meta.start_date)

    def _chances(self, event: TimelineEvent) -> list[float]:
        if event.id in self.fired:
            return [0.0] * self.turns
        own = self._own_start(event)
        if not event.after:
            return _given_start(self.scenario, self.state, event, own, self.turns)
        before = self.by_id.get(event.after)
        if before is None:
            return [0.0] * self.turns
        if event.after in self.fired:
            return _given_start(
                self.scenario,
                self.state,
                event,
                self._after(event, self.fired[event.after]),
                self.turns,
            )
        out = [0.0] * self.turns
        for k, chance in enumerate(self.chances(before)):
            if chance <= 0.0:
                continue
            start = self._after(event, self.state.turn + 1 + k)
            given = _given_start(self.scenario, self.state, event, start, self.turns)
            for j, x in enumerate(given):
                out[j] += chance * x
        return out

    def _after(self, event: TimelineEvent, fired_turn: int) -> int:
        """The first turn `event` may fire, once the event it follows fired on `fired_turn`."""
        fired_date = _turn_date(self.scenario, fired_turn)
        date = max(
            event.date or self.scenario.meta.start_date,
            fired_date + dt.timedelta(days=event.delay_days),
        )
        start = _first_turn_on_or_after(self.scenario, date)
        # looked at in file order: an event listed before the one it follows sees it fired only
        # from the next turn
        if start == fired_turn and self.order[event.id] < self.order[event.after or ""]:
            start += 1
        return max(start, self._own_start(event))


def forecast(scenario: Scenario, state: State, turns: int) -> tuple[EventForecast, ...]:
    """Every timeline event that may fire within the next `turns` turns (never past the last
    turn), with its chance on each of them; in file order."""
    left = max(0, min(turns, scenario.meta.turns - state.turn))
    engine = _Forecaster(scenario, state, left)
    out = []
    for event in scenario.timeline:
        chances = engine.chances(event)
        if any(c > 0.0 for c in chances):
            out.append(EventForecast(event, state.turn + 1, tuple(chances)))
    return tuple(out)


def place_outlook(scenario: Scenario, state: State, turns: int) -> dict[str, PlaceOutlook]:
    """Per place, the likeliest capture by another faction within the next `turns` turns."""
    control = {loc.id: loc.control for loc in state.locations}
    out: dict[str, PlaceOutlook] = {}
    for item in forecast(scenario, state, turns):
        chance = item.within(turns)
        for effect in item.event.effects:
            if not isinstance(effect, Capture) or control.get(effect.location) == effect.faction:
                continue
            best = out.get(effect.location)
            if best is None or chance > best.chance:
                out[effect.location] = PlaceOutlook(
                    effect.location, effect.faction, chance, item.event
                )
    return out


_WORSE = {RoadStatus.OPEN: 0, RoadStatus.CONTESTED: 1, RoadStatus.CLOSED: 2}


def road_outlook(scenario: Scenario, state: State, turns: int) -> dict[str, RoadOutlook]:
    """Per road, the likeliest change to a worse status (contested or closed) within the next
    `turns` turns; a closure is preferred to a contest at the same chance."""
    status = {road.id: road.status for road in state.roads}
    out: dict[str, RoadOutlook] = {}
    for item in forecast(scenario, state, turns):
        chance = item.within(turns)
        for effect in item.event.effects:
            if not isinstance(effect, RoadChange) or effect.status is None:
                continue
            now = status.get(effect.road)
            if now is None or _WORSE[effect.status] <= _WORSE[now]:
                continue
            best = out.get(effect.road)
            key = (chance, _WORSE[effect.status])
            if best is None or key > (best.chance, _WORSE[best.status]):
                out[effect.road] = RoadOutlook(effect.road, effect.status, chance, item.event)
    return out
