"""A game starts (`new_game`) and advances one turn at a time (`step`), purely."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from game.engine import aid, bombardment, displacement, frontline
from game.engine.aid import coverage
from game.engine.diplomacy import apply_orders, resolve_pending, resources_factor
from game.engine.events import Event
from game.engine.network import network
from game.engine.orders import Order
from game.engine.rng import Rng
from game.engine.state import Counters, Day, LocationState, Resources, RoadState, State
from game.engine.threat import trapped_people
from game.engine.work import Work
from game.scenario.model import Scenario


def _difficulty(scenario: Scenario, difficulty: str | None) -> tuple[float, float]:
    if difficulty is None:
        return 1.0, 1.0
    for preset in scenario.difficulties:
        if preset.id == difficulty:
            return preset.resources, preset.event_odds
    known = ", ".join(d.id for d in scenario.difficulties) or "none defined"
    raise ValueError(f"unknown difficulty {difficulty!r} (known: {known})")


def new_game(scenario: Scenario, seed: int, difficulty: str | None = None) -> State:
    """The state before the first turn. ValueError for an unknown difficulty id."""
    network(scenario)  # compile once, up front
    resources, odds = _difficulty(scenario, difficulty)
    # those displaced before the game have lived on the existing response for weeks: their
    # places start with its food gap in memory
    hunger = round(1.0 - network(scenario).params.baseline_coverage, 6)
    locations = []
    for loc in scenario.locations:
        sheltered = min(loc.displaced, loc.shelter_capacity)
        enc = loc.encirclement
        locations.append(
            LocationState(
                id=loc.id,
                control=loc.control,
                residents=loc.population - loc.displaced,
                sheltered=sheltered,
                unsheltered=loc.displaced - sheltered,
                capacity=loc.shelter_capacity,
                bombardment=round(float(loc.bombardment), 6),
                encircled=enc is not None,
                approaches=tuple(
                    sorted((getattr(d, "value", str(d)), f) for d, f in enc.approaches.items())
                )
                if enc
                else (),
                open_exits=tuple(enc.open_exits) if enc else (),
                food_gap=hunger if loc.displaced else 0.0,
            )
        )
    roads = tuple(
        RoadState(
            id=r.id, status=r.status, control=r.control, bombardment=round(float(r.bombardment), 6)
        )
        for r in scenario.roads
    )
    player = scenario.player
    figure = scenario.figures.get("displaced_since_december")
    state = State(
        turn=0,
        date=scenario.meta.start_date,
        seed=int(seed),
        difficulty=difficulty,
        event_odds=float(odds),
        locations=tuple(locations),
        roads=roads,
        resources=Resources(
            funds=round(player.funds * resources),
            trucks=round(player.trucks * resources),
            leverage=max(0, min(100, round(player.leverage * resources))),
        ),
        counters=Counters(displaced_since_december=int(figure.value) if figure else 0),
    )
    # the figures of turn 0, so that a table or chart starts from the situation at the start
    pct, in_need = coverage(scenario, state)
    day = Day(trapped=trapped_people(scenario, state), needs_covered_pct=pct, in_need=in_need)
    return dataclasses.replace(state, day=day)


def step(
    scenario: Scenario, state: State, orders: Sequence[Order], rng: Rng
) -> tuple[State, tuple[Event, ...]]:
    """Play one turn: the orders take effect, then each of the turn's `turn_days` days in turn
    (`play_day`). Pure: the same inputs give the same state and events. ValueError once the
    game is over."""
    if state.game_over:
        raise ValueError("the game is over: no more turns to play")
    before_displaced = state.counters.displaced_in_game
    state, order_events = apply_orders(scenario, state, orders)
    work = Work(scenario, state, rng)
    work.events.extend(order_events)
    work.figures["displaced_new"] = state.counters.displaced_in_game - before_displaced
    for day in range(work.first_day, work.first_day + scenario.meta.turn_days):
        work.start_day(day)
        play_day(work)
    return work.freeze(), tuple(work.events)


def play_day(work: Work) -> None:
    """One day: pending outcomes, front line, bombardment, displacement, aid, timers. Every
    rate the model states per day applies once; timers run down by a day."""
    resolve_pending(work)
    frontline.run(work)
    bombardment.intensities(work)
    bombardment.harm(work)
    displacement.run(work)
    aid.convoys(work)
    aid.shelter_and_needs(work)
    frontline.tick(work)


def difficulty_factor(scenario: Scenario, difficulty: str | None) -> float:
    """The resources factor of a difficulty preset (1.0 without one)."""
    return resources_factor(scenario, difficulty)
